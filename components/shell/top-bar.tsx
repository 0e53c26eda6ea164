"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Logo } from "@/components/shell/logo";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { cn } from "@/lib/ui/cn";

type NavItem = { href: string; label: string };

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function TopBar({ email, role }: { email: string; role: "admin" | "labeler" }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const items: NavItem[] = [{ href: "/", label: "Home" }, ...(role === "admin" ? [{ href: "/admin", label: "Admin" }] : [])];

  // Close the phone menu after navigating.
  useEffect(() => setOpen(false), [pathname]);

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6 [:root:has([data-wide])_&]:max-w-[120rem]">
        <Link
          href="/"
          className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          aria-label="Ranklab home"
        >
          <Logo />
        </Link>
        <nav aria-label="Main" className="hidden h-full items-stretch gap-1 sm:flex">
          {items.map((item) => {
            const active = isActive(pathname, item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex items-center border-b-2 px-2.5 text-sm font-medium",
                  active
                    ? "border-indigo-600 text-slate-900"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto hidden items-center gap-3 sm:flex">
          <span className="max-w-[16rem] truncate text-sm text-slate-600" title={email} data-testid="current-user-email">
            {email}
          </span>
          {role === "admin" ? <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">admin</span> : null}
          <SignOutButton />
        </div>
        <button
          type="button"
          className="ml-auto inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 sm:hidden"
          aria-expanded={open}
          aria-controls="mobile-menu"
          aria-label={open ? "Close menu" : "Open menu"}
          onClick={() => setOpen((value) => !value)}
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="size-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
          >
            {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 6h14M3 10h14M3 14h14" />}
          </svg>
        </button>
      </div>
      {open ? (
        <div id="mobile-menu" className="border-t border-slate-200 bg-white px-4 pt-2 pb-4 sm:hidden">
          <nav aria-label="Main" className="flex flex-col">
            {items.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "rounded-md px-3 py-2 text-sm font-medium",
                    active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-50",
                  )}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
          <div className="mt-3 flex items-center justify-between gap-3 border-t border-slate-100 pt-3">
            <span className="min-w-0 truncate text-sm text-slate-600">{email}</span>
            <SignOutButton />
          </div>
        </div>
      ) : null}
    </header>
  );
}
