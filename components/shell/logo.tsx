import { cn } from "@/lib/ui/cn";

/** The Ranklab mark: three bars of falling height, i.e. a ranking. */
export function Logo({ className, withName = true }: { className?: string; withName?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900", className)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 shrink-0">
        <rect width="24" height="24" rx="6" className="fill-indigo-600" />
        <rect x="5.5" y="6" width="13" height="2.6" rx="1.3" fill="white" />
        <rect x="5.5" y="10.7" width="9.5" height="2.6" rx="1.3" fill="white" fillOpacity="0.85" />
        <rect x="5.5" y="15.4" width="6" height="2.6" rx="1.3" fill="white" fillOpacity="0.7" />
      </svg>
      {withName ? <span>Ranklab</span> : null}
    </span>
  );
}
