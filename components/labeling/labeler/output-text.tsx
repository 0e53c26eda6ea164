"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { LazyMarkdown } from "@/components/ui/lazy-markdown";
import { cn } from "@/lib/ui/cn";

/**
 * Model or prompt text shown faithfully: Markdown through react-markdown (raw HTML stays text; the
 * renderer loads on demand, see LazyMarkdown), single line breaks kept as written, code monospace and scrollable. Text taller than about
 * twelve lines folds behind "Show all".
 */
export function OutputText({
  text,
  fold = true,
  className,
  fadeFrom = "from-white",
}: {
  text: string;
  fold?: boolean;
  className?: string;
  /** The background the folded text fades into (a Tailwind `from-*` class). */
  fadeFrom?: string;
}) {
  const body = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);

  useLayoutEffect(() => {
    const element = body.current;
    if (!element || !fold) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 4 || (open && element.scrollHeight > FOLDED_PX + 4));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fold, open, text]);

  const folded = fold && !open;
  return (
    <div className={className}>
      <div
        ref={body}
        className={cn(
          "relative [&_li]:whitespace-pre-line [&_p]:whitespace-pre-line [&_pre]:max-h-[28rem] [&_pre]:whitespace-pre",
          folded && "max-h-[17.5rem] overflow-hidden",
        )}
        data-folded={folded && overflows ? "true" : undefined}
      >
        {text.trim() ? <LazyMarkdown source={text} /> : <p className="text-sm text-slate-400 italic">(empty)</p>}
        {folded && overflows ? (
          <div
            aria-hidden="true"
            className={cn("pointer-events-none absolute inset-x-0 bottom-0 h-12 bg-gradient-to-t to-transparent", fadeFrom)}
          />
        ) : null}
      </div>
      {fold && overflows ? (
        <button
          type="button"
          onClick={() => setOpen((value) => !value)}
          aria-expanded={open}
          className="mt-1 rounded text-xs font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {open ? "Show less" : "Show all"}
        </button>
      ) : null}
    </div>
  );
}

// 17.5rem at 16px: about twelve lines of 14px text at leading-relaxed.
const FOLDED_PX = 280;
