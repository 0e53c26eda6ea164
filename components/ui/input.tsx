import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

const field =
  "block w-full rounded-md border-0 bg-white px-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 " +
  "focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-500";

function ringFor(invalid: boolean | undefined) {
  return invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-indigo-600";
}

export function Input({ className, invalid, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  return <input className={cn(field, "h-9", ringFor(invalid), className)} aria-invalid={invalid || undefined} {...props} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return (
    <textarea className={cn(field, "py-2 leading-relaxed", ringFor(invalid), className)} aria-invalid={invalid || undefined} {...props} />
  );
}

/** A native select with its own chevron; `wrapperClassName` sizes it (e.g. "w-32"). */
export function Select({
  className,
  wrapperClassName,
  invalid,
  ...props
}: ComponentProps<"select"> & { invalid?: boolean; wrapperClassName?: string }) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select
        className={cn(field, "h-9 appearance-none pr-8", ringFor(invalid), className)}
        aria-invalid={invalid || undefined}
        {...props}
      />
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-400"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M4.5 6.5 8 10l3.5-3.5" />
      </svg>
    </div>
  );
}
