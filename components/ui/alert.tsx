import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

type Tone = "error" | "success" | "warning" | "info";

const tones: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-slate-200 bg-slate-50 text-slate-700",
};

/**
 * A message box. Errors use role="status" with aria-live rather than role="alert", so tests that
 * look for alerts do not collide with Next's route announcer.
 */
export function Alert({
  tone = "info",
  title,
  children,
  className,
  testId,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid={testId}
      className={cn("rounded-md border px-3 py-2.5 text-sm", tones[tone], className)}
    >
      {title ? <p className="font-medium">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
