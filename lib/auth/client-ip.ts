/**
 * The client's address as the trusted load balancer reports it: the last X-Forwarded-For entry,
 * the one that proxy appended. Earlier entries come from the client and could be anything, so
 * reading them would let every attempt claim a fresh address. Without TRUST_PROXY=1 the forwarding
 * headers could be forged by anyone, so they are ignored and every client shares one unknown address.
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined, trustProxy: boolean): string | null {
  if (!trustProxy || !headers) return null;
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  };
  const forwarded = read("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || read("x-real-ip")?.trim() || null;
}
