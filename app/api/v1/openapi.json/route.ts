import { NextResponse } from "next/server";
import { getOpenApiDocument } from "@/lib/openapi/document";

// The document depends only on code: build it once, let clients and proxies cache it.
export const dynamic = "force-static";

/** The public OpenAPI 3.1 description of /api/v1, generated from the routes' zod schemas. */
export function GET() {
  return NextResponse.json(getOpenApiDocument(), {
    headers: {
      "Cache-Control": "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400",
      // Public and read-only: tools on other origins (editors, codegen) may fetch it.
      "Access-Control-Allow-Origin": "*",
    },
  });
}
