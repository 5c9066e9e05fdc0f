import { describe, expect, it } from 'vitest';
import { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers';

describe('RateLimit headers', () => {
  it('state the quota per window, the calls left and the seconds to the next free call', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const headers = rateLimitHeaders(
      { limit: 50, used: 47, left: 3, reserve: 10, nextFreeAt: new Date(now + 90_500) },
      86_400,
      now,
    );
    expect(headers).toEqual({
      'ratelimit-policy': '"cardata";q=50;w=86400',
      ratelimit: '"cardata";r=3;t=91',
    });
    expect(
      rateLimitHeaders({ limit: 50, used: 0, left: 50, reserve: 10, nextFreeAt: new Date(now) }, 86_400, now)
        .ratelimit,
    ).toBe('"cardata";r=50;t=0');
  });

  it('Retry-After is whole seconds, at least one', () => {
    expect(retryAfterSeconds(new Date(10_000), 0)).toBe(10);
    expect(retryAfterSeconds(new Date(10_001), 0)).toBe(11);
    expect(retryAfterSeconds(new Date(0), 5_000)).toBe(1);
  });
});
