/**
 * A token bucket per party for the local server (issue 17, row 4): a party that sends a burst of
 * requests is answered 429 with `Retry-After` once its bucket is empty, so it cannot starve the
 * others. Real time, not the stack's adjustable clock: moving the demo clock must not refill it.
 * In the cloud the same limit is a WAF rate-based rule (infra/constructs/rate-limit.ts).
 */

/** The size of each party's bucket and how fast it refills. */
export interface RateLimit {
  /** Requests a party may send at once (the bucket's size). */
  readonly burst: number;
  /** Requests per second a party may keep sending (the refill rate). */
  readonly perSecond: number;
}

/**
 * The local stack's default: generous for a person, a script or a test suite working through
 * the procedure; a flood of hundreds of requests a second from one party is cut off.
 */
export const DEFAULT_LOCAL_RATE_LIMIT: RateLimit = { burst: 600, perSecond: 50 };

/** The verdict on one request: allowed, or refused with the seconds until a token is back. */
export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** One token bucket per key (the caller's party); `now` in milliseconds, injectable for tests. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0)) {
      throw new RangeError(`RateLimiter: burst must be >= 1 and perSecond > 0, got ${JSON.stringify(limit)}`);
    }
  }

  /** Takes a token from `key`'s bucket if there is one. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    if (tokens >= 1) {
      this.#buckets.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true };
    }
    this.#buckets.set(key, { tokens, at: now });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond)) };
  }
}
