import Link from "next/link";
import type { ReactNode } from "react";
import { ProjectTabs } from "@/components/projects/admin/project-tabs";
import { loadProjectForAdmin } from "@/lib/projects/load";

export const dynamic = "force-dynamic";

// The project's name and section tabs, shared by its pages. Each page still checks the admin and
// loads the project itself: a layout does not re-render on every navigation.
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);

  return (
    <>
      <div className="mb-4 min-w-0">
        <p className="text-xs text-slate-500">
          <Link href="/admin/projects" className="hover:text-indigo-600">
            Projects
          </Link>{" "}
          <span aria-hidden="true">/</span> <span className="font-mono">{project.slug}</span>
        </p>
        <h1 className="mt-1 truncate text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl">{project.name}</h1>
      </div>
      <ProjectTabs slug={project.slug} />
      {children}
    </>
  );
}
