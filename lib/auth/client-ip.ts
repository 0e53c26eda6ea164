/**
 * The client's address as the trusted load balancer reports it. Without TRUST_PROXY=1 the
 * forwarding headers could be forged by anyone, so they are ignored and only the per-account
 * throttle applies.
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined, trustProxy: boolean): string | null {
  if (!trustProxy || !headers) return null;
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  };
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read("x-real-ip")?.trim() || null;
}
