import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseOrThrow } from "@/lib/api/errors";
import { type CurrentUser, requireAdmin, requireUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { canAccessProject, projectNotFound } from "@/lib/projects/members";
import { getProjectBySlug } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

/*
 * The one way to load the project a URL names. Pages get a 404 page for a malformed or unknown
 * slug; API operations (lib/api/operation.ts) get a structured 422 / 404. A signed-in labeler
 * gets the same 404 for a project they may not see (lib/projects/access.ts), so its existence
 * leaks nothing. Domain functions take the loaded `Project`, never a slug.
 */

// One database read per request, however many server components of a page ask.
const findProject = cache((slug: string) => getProjectBySlug(slug));

/**
 * For API handlers: the project named by `slug`, 422 when the slug is malformed, 404 when unknown
 * or when the signed-in `user` (if the caller is a person) may not see it.
 */
export async function requireProjectBySlug(rawSlug: unknown, user?: CurrentUser): Promise<Project> {
  const slug = parseOrThrow(slugSchema, rawSlug, "project slug");
  const project = await getProjectBySlug(slug);
  if (!project || (user && !(await canAccessProject(db, project, user.id)))) throw projectNotFound(slug);
  return project;
}

async function projectOr404(params: Promise<{ slug: string }>, user: CurrentUser): Promise<Project> {
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) notFound();
  const project = await findProject(slug.data);
  if (!project || !(await canAccessProject(db, project, user.id))) notFound();
  return project;
}

/** For a project's admin pages: the admin (else sign-in or 403) and the project (else 404). */
export async function loadProjectForAdmin(params: Promise<{ slug: string }>): Promise<{ admin: CurrentUser; project: Project }> {
  const admin = await requireAdmin();
  return { admin, project: await projectOr404(params, admin) };
}

/** For a project's labeler pages: the signed-in person (else sign-in) and a project they may see (else 404). */
export async function loadProjectForUser(params: Promise<{ slug: string }>): Promise<{ user: CurrentUser; project: Project }> {
  const user = await requireUser();
  return { user, project: await projectOr404(params, user) };
}
