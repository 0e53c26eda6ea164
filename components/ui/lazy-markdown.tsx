"use client";

import { type ComponentType, useEffect, useState } from "react";

type MarkdownComponent = ComponentType<{ source: string }>;

let loaded: MarkdownComponent | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the Markdown renderer (react-markdown and remark-gfm, ~46 kB gzip) in a chunk of its own,
 * once. The label screen awaits it together with its first task, so the renderer stays out of the
 * page's first-load JavaScript and a task never shows unrendered. A failed load is tried again on
 * the next call; meanwhile text shows as written.
 */
export function preloadMarkdown(): Promise<void> {
  loading ??= import("@/components/ui/markdown").then(
    (module) => {
      loaded = module.Markdown;
    },
    () => {
      loading = undefined;
    },
  );
  return loading;
}

/** The source as written, line breaks kept: until the renderer is here, or if it cannot load. */
function PlainText({ source }: { source: string }) {
  return <div className="text-sm whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">{source}</div>;
}

/** Markdown for client components, with the renderer loaded on demand (see preloadMarkdown). */
export function LazyMarkdown({ source }: { source: string }) {
  const [Markdown, setMarkdown] = useState<MarkdownComponent | undefined>(() => loaded);
  useEffect(() => {
    if (Markdown) return;
    let live = true;
    void preloadMarkdown().then(() => {
      if (live && loaded) setMarkdown(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [Markdown]);
  const Render = Markdown ?? PlainText;
  return <Render source={source} />;
}
