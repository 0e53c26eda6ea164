import { AsyncLocalStorage } from "node:async_hooks";

// next-auth answers any refusal from `authorize` with a 401. The throttle's refusal should be a 429
// with Retry-After, so `authorize` leaves it here and the route handler, which owns the response,
// reads it once next-auth is done with the request.
type Slot = { retryAt: Date | null };
const slots = new AsyncLocalStorage<Slot>();

/** Runs a request through next-auth and returns its response with the throttle's refusal, if any. */
export async function runWithSignInRefusal<T>(handle: () => Promise<T>): Promise<{ result: T; retryAt: Date | null }> {
  const slot: Slot = { retryAt: null };
  const result = await slots.run(slot, handle);
  return { result, retryAt: slot.retryAt };
}

/** Called by `authorize` when the throttle refuses an attempt. */
export function reportSignInRefusal(retryAt: Date): void {
  const slot = slots.getStore();
  if (slot) slot.retryAt = retryAt;
}
