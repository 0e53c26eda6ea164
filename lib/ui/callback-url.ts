/** Only same-site paths are accepted as a post-sign-in destination. */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  let raw = Array.isArray(value) ? value[0] : value;
  // next-auth hands over absolute URLs; keep only their path, so the host can never change.
  if (raw && /^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      raw = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return "/";
    }
  }
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  return raw;
}
