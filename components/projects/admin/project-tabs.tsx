"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/lib/ui/cn";

const TABS = [
  { path: "", label: "Details" },
  { path: "/prompts", label: "Prompts" },
  { path: "/import", label: "Import" },
  { path: "/quotas", label: "Quotas" },
  { path: "/settings", label: "Settings" },
  { path: "/people", label: "People" },
  { path: "/pipeline", label: "Pipeline" },
  { path: "/tasks", label: "Tasks" },
  { path: "/queue", label: "Queue" },
  { path: "/quality", label: "Quality" },
  { path: "/models", label: "Models" },
  { path: "/generators", label: "Generators" },
  { path: "/review", label: "Review" },
  { path: "/export", label: "Export" },
];

/** The project's sections; on a phone the strip scrolls sideways and keeps the active tab in view. */
export function ProjectTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/admin/projects/${slug}`;
  const activeRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);

  return (
    <nav aria-label="Project sections" className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {TABS.map((tab) => {
          const href = `${base}${tab.path}`;
          // Details is the project's root; every other tab also owns the pages below it.
          const active = tab.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={tab.label}>
              <Link
                ref={active ? activeRef : undefined}
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
