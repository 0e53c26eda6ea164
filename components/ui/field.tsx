import type { ReactNode } from "react";
import { FieldError } from "@/components/ui/field-error";
import { Hint, Label } from "@/components/ui/label";

/** A label, the control, an optional hint and the field's error, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className ?? "space-y-1.5"}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** aria-describedby for a control rendered inside <Field>. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: string }) {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}
