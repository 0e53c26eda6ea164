/*
 * How many completions to ask for per request. Pure.
 */

/**
 * The size of the next request for `remaining` samples: all of them at once where the server
 * answers `n` choices or has not been tried yet, one otherwise.
 */
export function nextRequestSize(remaining: number, supportsN: boolean | null): number {
  return supportsN === false ? 1 : remaining;
}

/**
 * What an answer says about `n`: asked for several and got them all, the server supports it; got
 * fewer, it ignores it. Asking for one says nothing.
 */
export function nSupportFrom(asked: number, received: number, before: boolean | null): boolean | null {
  if (asked <= 1) return before;
  return received >= asked;
}
