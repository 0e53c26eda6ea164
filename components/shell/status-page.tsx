import { ButtonLink } from "@/components/ui/button";

// Rendered both inside the app shell (403 from an admin page) and on its own (unknown URL), so it
// carries no page chrome of its own.
export function StatusPage({ code, title, body }: { code: string; title: string; body: string }) {
  return (
    <main className="flex min-h-[70vh] flex-col items-center justify-center px-4 py-16 text-center">
      <p className="rounded-full bg-indigo-50 px-3 py-1 text-sm font-semibold text-indigo-700 tabular-nums">{code}</p>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">{body}</p>
      <ButtonLink href="/" className="mt-6">
        Go home
      </ButtonLink>
    </main>
  );
}
