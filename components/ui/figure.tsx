import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/ui/cn";

/** One headline number with a line under it (the Pipeline and Queue tabs). */
export function Figure({
  label,
  value,
  note,
  dot,
  testId,
  className,
}: {
  label: string;
  value: string;
  note: ReactNode;
  dot?: string;
  testId?: string;
  className?: string;
}) {
  return (
    <Card className={cn("px-4 py-3", className)}>
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
        {dot ? <span className={cn("size-2 rounded-full", dot)} aria-hidden="true" /> : null}
        {label}
      </p>
      <p className="mt-1 text-xl font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-slate-500">{note}</p>
    </Card>
  );
}
