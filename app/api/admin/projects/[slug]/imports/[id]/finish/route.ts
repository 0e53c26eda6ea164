import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { finishImport } from "@/lib/imports/mutations";
import { type ImportRouteContext, loadImportRoute } from "@/lib/imports/route-context";

export const POST = route(async (_request, context: ImportRouteContext) => {
  const { admin, importRow } = await loadImportRoute(context);
  const finished = await finishImport(importRow, admin.id);
  return NextResponse.json({ import: finished });
});
