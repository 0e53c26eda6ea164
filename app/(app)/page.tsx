import type { Metadata } from "next";
import { OwnStandingNote } from "@/components/labeling/labeler/own-standing";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { listProjectsFor } from "@/lib/projects/members";
import { getOwnStanding } from "@/lib/quality/report";
import type { OwnStanding } from "@/lib/quality/report-types";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

/** A labeler the project gives no tasks to: their button explains instead of starting. */
const barred = (standing: OwnStanding) => standing.status === "blocked" || standing.status === "failed_screening";

function greeting(name: string | null, email: string) {
  const first = name?.trim().split(/\s+/)[0];
  return `Hello, ${first || email}`;
}

export default async function HomePage() {
  const user = await requireUser();
  const projects = await listProjectsFor(user);
  // Each person sees only their own standing, per project.
  const standings = await Promise.all(projects.map((project) => getOwnStanding(project, user.id)));

  return (
    <>
      <PageHeader
        title={<span className="[overflow-wrap:anywhere]">{greeting(user.name, user.email)}</span>}
        description="Pick a project to start labeling. Your tasks will appear here."
        actions={
          user.role === "admin" ? (
            <ButtonLink href="/admin" variant="secondary">
              Go to admin
            </ButtonLink>
          ) : null
        }
      />

      {projects.length === 0 ? (
        <Card className="px-6 py-12 text-center">
          <p className="text-sm font-medium text-slate-900">No projects yet</p>
          <p className="mt-1 text-sm text-slate-500">
            {user.role === "admin"
              ? "Create a project in the admin area to get started."
              : "No project is open to you yet. An admin can add you to one."}
          </p>
          {user.role === "admin" ? (
            <ButtonLink href="/admin/projects/new" className="mt-4">
              New project
            </ButtonLink>
          ) : null}
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
          {projects.map((project, index) => (
            <li key={project.id}>
              <Card className="flex h-full flex-col p-4 sm:p-5" data-testid="project-card">
                <h2 className="text-base font-semibold [overflow-wrap:anywhere] text-slate-900">{project.name}</h2>
                <p className="mt-1.5 line-clamp-3 flex-1 text-sm text-slate-600">{project.description || "No description."}</p>
                <div className="mt-3 empty:hidden">
                  <OwnStandingNote standing={standings[index]!} />
                </div>
                <div className="mt-4 flex flex-wrap items-center gap-2">
                  {barred(standings[index]!) ? (
                    <ButtonLink href={`/projects/${project.slug}/label`} size="sm" variant="secondary">
                      See why
                    </ButtonLink>
                  ) : (
                    <ButtonLink href={`/projects/${project.slug}/label`} size="sm">
                      Start labeling
                    </ButtonLink>
                  )}
                  <ButtonLink href={`/projects/${project.slug}/write`} variant="secondary" size="sm">
                    Write a prompt
                  </ButtonLink>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
