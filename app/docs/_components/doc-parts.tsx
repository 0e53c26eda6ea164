import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { HttpMethod, SchemaObject } from "@/lib/openapi/document";
import { cn } from "@/lib/ui/cn";

/** Text with `backtick` spans shown as code, as the document's descriptions are written. */
export function RichText({ text, className }: { text: string; className?: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <span className={className}>
      {parts.map((part, index) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={index} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </span>
  );
}

const methodTones: Record<HttpMethod, string> = {
  get: "bg-emerald-600",
  post: "bg-indigo-600",
  put: "bg-amber-600",
  patch: "bg-amber-600",
  delete: "bg-red-600",
};

export function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <span
      className={cn(
        "inline-flex w-14 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold text-white uppercase",
        methodTones[method],
      )}
    >
      {method}
    </span>
  );
}

/** A collapsible, pretty-printed JSON value (schemas, examples). */
export function JsonDetails({ summary, value, open = false }: { summary: ReactNode; value: unknown; open?: boolean }) {
  return (
    <details className="group rounded-md border border-slate-200 bg-white" open={open}>
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-xs font-medium text-slate-700 select-none hover:bg-slate-50">
        <span aria-hidden className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <pre className="max-h-[28rem] overflow-auto border-t border-slate-200 bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/** A one-line summary of a parameter's schema: its type, allowed values, bounds and default. */
export function SchemaSummary({ schema }: { schema: SchemaObject }) {
  const bits: string[] = [];
  const values = (schema.enum as unknown[] | undefined) ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (values) bits.push(values.map((value) => JSON.stringify(value)).join(" | "));
  else bits.push(`${String(schema.type ?? "any")}${schema.format ? ` (${String(schema.format)})` : ""}`);
  const min = schema.minimum ?? schema.minLength;
  const max = schema.maximum ?? schema.maxLength;
  if (min !== undefined || max !== undefined) {
    const unit = schema.minLength !== undefined || schema.maxLength !== undefined ? " chars" : "";
    bits.push(`${min ?? "…"}–${max ?? "…"}${unit}`);
  }
  if (schema.pattern) bits.push(`/${String(schema.pattern)}/`);
  return (
    <span className="font-mono text-xs break-all text-slate-600">
      {bits.join(", ")}
      {schema.default !== undefined ? <span className="text-slate-400"> · default {JSON.stringify(schema.default)}</span> : null}
    </span>
  );
}

export function AuthBadge({ security }: { security: Record<string, string[]>[] }) {
  const requirement = security[0];
  if (!requirement) return <Badge tone="green">Public</Badge>;
  const [scheme, scopes] = Object.entries(requirement)[0]!;
  if (scheme === "session") return <Badge tone="amber">Signed-in session</Badge>;
  return (
    <Badge tone="indigo">
      API key{scopes.length ? <span className="ml-1 font-mono">{scopes.join(", ")}</span> : <span className="ml-1">(any scope)</span>}
    </Badge>
  );
}
