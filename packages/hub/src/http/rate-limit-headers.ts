import type { LiveBudget } from '@bimmer/core';

/** The name of the policy in the RateLimit headers. */
const POLICY = '"cardata"';

/**
 * The `RateLimit-Policy` and `RateLimit` headers (IETF httpapi draft, structured-field form) of a
 * budget: the quota per window (`q`, `w` in seconds), the calls left (`r`) and the seconds until the
 * next call is free (`t`; for a refused request, until enough calls are free: `resetAt`). A client
 * sees the shared budget with every answer of the refresh route.
 */
export function rateLimitHeaders(
  budget: LiveBudget,
  windowSeconds: number,
  now: number,
  resetAt: Date = budget.nextFreeAt,
): Record<string, string> {
  const reset = Math.max(0, Math.ceil((resetAt.getTime() - now) / 1000));
  return {
    'ratelimit-policy': `${POLICY};q=${budget.limit};w=${windowSeconds}`,
    ratelimit: `${POLICY};r=${Math.max(0, budget.left)};t=${reset}`,
  };
}

/** `Retry-After` in whole seconds (at least 1) until `retryAt`. */
export function retryAfterSeconds(retryAt: Date, now: number): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000));
}
