import { parseOrThrow } from "@/lib/api/errors";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

export type SlugContext = { params: Promise<{ slug: string }> };

/** The project a `/projects/{slug}/…` route names: 422 for a malformed slug, 404 for an unknown one. */
export async function projectFromParams(context: SlugContext) {
  return requireProject(parseOrThrow(slugSchema, (await context.params).slug, "project slug"));
}
