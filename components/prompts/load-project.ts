import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { getProjectBySlug } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

/** For a project's admin pages: the admin and the project named by the URL, or a 404. */
export async function loadProjectForAdmin(params: Promise<{ slug: string }>) {
  const admin = await requireAdmin();
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) notFound();
  const project = await getProjectBySlug(slug.data);
  if (!project) notFound();
  return { admin, project };
}
