import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_WAIT_SECONDS, retryWaitSeconds } from './retry-wait';

const NOW = Date.UTC(2026, 11, 1, 8, 0, 0);
const body = (message: unknown) => JSON.stringify({ statusCode: 429, message });

describe('retryWaitSeconds', () => {
  it('takes the whole number from BMW message, not its first digit', () => {
    expect(retryWaitSeconds(null, body('Rate limit is exceeded. Try again in 1 seconds.'), NOW)).toBe(1);
    expect(retryWaitSeconds(null, body('Rate limit is exceeded. Try again in 10 seconds.'), NOW)).toBe(10);
  });

  it('prefers Retry-After, in seconds or as an HTTP date', () => {
    expect(retryWaitSeconds('7', body('Try again in 10 seconds.'), NOW)).toBe(7);
    expect(retryWaitSeconds(new Date(NOW + 12_500).toUTCString(), '', NOW)).toBe(12);
    expect(retryWaitSeconds(new Date(NOW - 5000).toUTCString(), '', NOW)).toBe(0);
  });

  it('falls back to the default for bodies without a number, non-JSON bodies and odd messages', () => {
    for (const text of [body('no number here'), 'not json', body(42), '[1]', 'null', '']) {
      expect(retryWaitSeconds(null, text, NOW)).toBe(DEFAULT_RETRY_WAIT_SECONDS);
    }
    expect(retryWaitSeconds('soon', 'not json', NOW)).toBe(DEFAULT_RETRY_WAIT_SECONDS);
  });

  it('reads any whole number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.string({ maxLength: 20 }), (seconds, prefix) => {
        const safePrefix = prefix.replace(/\d/g, '');
        expect(retryWaitSeconds(null, body(`${safePrefix} Try again in ${seconds} seconds.`), NOW)).toBe(
          seconds,
        );
        expect(retryWaitSeconds(String(seconds), 'x', NOW)).toBe(seconds);
      }),
    );
  });
});
