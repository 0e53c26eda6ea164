import { defineOperation } from "@/lib/api/operation";
import { getOpenApiDocument } from "@/lib/openapi/document";

// The document depends only on code: build it once, let clients and proxies cache it.
export const dynamic = "force-static";

export const GET = defineOperation(
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This API description",
    description: "The OpenAPI 3.1 document, generated from the zod schemas the routes parse.",
    auth: { kind: "public" },
    responses: [{ status: 200, description: "An OpenAPI 3.1 document." }],
    errors: {},
  },
  async () =>
    Response.json(getOpenApiDocument(), {
      headers: {
        "Cache-Control": "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400",
        // Public and read-only: tools on other origins (editors, codegen) may fetch it.
        "Access-Control-Allow-Origin": "*",
      },
    }),
);
