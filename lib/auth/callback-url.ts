/**
 * Where to send someone after signing in (or out): `value` resolved against the app's own origin,
 * kept only when it stays on that origin, and returned as a path; "/" otherwise. A browser resolves
 * "/\t/evil.example" to //evil.example (it drops tabs and newlines and reads "\" as "/"), so the
 * value is resolved the way a browser would first and judged after; a prefix check on the raw
 * string cannot see that. The answer holds no control characters, so it is safe in a Location header.
 */
export function sameOriginPath(value: unknown, origin: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw === "") return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path like "//evil.example" (from "/.//evil.example") stays here when resolved against a
  // full URL but is protocol-relative once handed over alone: keep only paths that mean the same thing either way.
  return new URL(path, base).href === url.href ? path : "/";
}
