import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";

export const TAGLINE = "Human preference data for reward-model training";

/** The centered card used by sign-in, first-admin setup and invitation screens. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <Logo className="text-xl" />
          <p className="mt-1.5 text-sm text-slate-500">{TAGLINE}</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-7">
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
          {description ? <div className="mt-1 text-sm text-slate-500">{description}</div> : null}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}
