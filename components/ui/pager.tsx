import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** "Newer" / "Next page" links between keyset pages; a missing cursor greys its link out. */
export function Pager({
  newerHref,
  olderHref,
  summary,
  newerLabel = "← Newer",
}: {
  newerHref: string | null;
  olderHref: string | null;
  summary?: React.ReactNode;
  newerLabel?: string;
}) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 sm:px-5">
      <PagerLink href={newerHref} rel="prev" testId="page-newer">
        {newerLabel}
      </PagerLink>
      {summary ? <p className="min-w-0 text-center text-xs text-slate-500">{summary}</p> : <span />}
      <PagerLink href={olderHref} rel="next" testId="page-next">
        Next page →
      </PagerLink>
    </nav>
  );
}

/**
 * The pager of a newest-first keyset list whose filters live in the URL: the newer and older pages
 * keep the filters, and any page but the newest offers a way back to it. Nothing when one page holds all.
 */
export function KeysetPager({
  basePath,
  filterParams,
  cursor,
  page,
}: {
  basePath: string;
  filterParams: Record<string, string | undefined>;
  /** The cursor this page was read at. */
  cursor: { after?: unknown; before?: unknown };
  page: { newer: string | null; older: string | null };
}) {
  if (!page.newer && !page.older) return null;
  const atNewest = !cursor.after && !cursor.before;
  return (
    <Pager
      newerHref={page.newer ? hrefWith(basePath, { ...filterParams, before: page.newer }) : null}
      olderHref={page.older ? hrefWith(basePath, { ...filterParams, after: page.older }) : null}
      summary={
        atNewest ? null : (
          <Link href={hrefWith(basePath, filterParams)} className="hover:text-indigo-600">
            Back to newest
          </Link>
        )
      }
    />
  );
}

function PagerLink({ href, rel, testId, children }: { href: string | null; rel: string; testId: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <span
        aria-disabled="true"
        className={buttonClasses({ variant: "secondary", size: "sm", className: "pointer-events-none opacity-40" })}
      >
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} data-testid={testId} className={buttonClasses({ variant: "secondary", size: "sm" })}>
      {children}
    </Link>
  );
}

/** A page URL with the given parameters (empty ones dropped). */
export function hrefWith(basePath: string, params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}
