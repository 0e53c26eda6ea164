"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Milliseconds spent on a task while its tab was visible, starting from `startMs` (time already
 * recorded in a draft). A hidden tab (another tab, a minimised window) does not count.
 */
export function useActiveTime(startMs: number) {
  const base = useRef(startMs);
  const since = useRef<number | null>(null);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        if (since.current === null) since.current = performance.now();
      } else if (since.current !== null) {
        base.current += performance.now() - since.current;
        since.current = null;
      }
    };
    onVisibility();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      if (since.current !== null) {
        base.current += performance.now() - since.current;
        since.current = null;
      }
    };
  }, []);

  return useCallback(() => Math.round(base.current + (since.current === null ? 0 : performance.now() - since.current)), []);
}
