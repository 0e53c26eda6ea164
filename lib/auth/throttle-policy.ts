// Failed sign-ins are counted per account (the email typed) and per client address, in a window.
// Past a few failures each attempt is slowed down; past a limit the key is locked for a while.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;
const SLOWDOWN_AFTER = 3;

export type ThrottleKind = "email" | "ip";

// An address can be shared by an office behind one NAT, so it gets a larger allowance.
export const LOCK_AFTER: Record<ThrottleKind, number> = { email: 8, ip: 40 };

/** Delay added before answering a sign-in attempt after `failures` recent failures for its key. */
export function signInDelayMs(failures: number): number {
  if (failures <= SLOWDOWN_AFTER) return 0;
  return Math.min(250 * 2 ** (failures - SLOWDOWN_AFTER - 1), 4000);
}

/** Whether a key with `failures` failures in the current window is locked out. */
export function shouldLock(kind: ThrottleKind, failures: number): boolean {
  return failures >= LOCK_AFTER[kind];
}

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}
