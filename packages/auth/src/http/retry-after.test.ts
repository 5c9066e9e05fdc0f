import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorMessageOf, retryAfterMs } from './retry-after';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const none = new Headers();
const body = (message: unknown) => JSON.stringify({ statusCode: 429, message });

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds (fractions too) and as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), '', NOW)).toBe(7_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }), '', NOW)).toBe(500);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 01 Dec 2026 08:00:30 GMT' }), '', NOW)).toBe(
      30_000,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(NOW - 5000).toUTCString() }), '', NOW)).toBe(0);
  });

  it('prefers the header over the body', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), body('Try again in 10 seconds.'), NOW)).toBe(
      7_000,
    );
  });

  it('reads the whole number of seconds in the message, not only its first digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (seconds) => {
        expect(
          retryAfterMs(none, body(`Rate limit is exceeded. Try again in ${seconds} seconds.`), NOW),
        ).toBe(seconds * 1000);
      }),
    );
  });

  it('reads the quota replenish clock: "02:12:20" is 7,940 s', () => {
    const quota =
      '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 02:12:20."}';
    expect(retryAfterMs(none, quota, NOW)).toBe(7_940_000);
  });

  it('says nothing for bodies without a wait, and never throws', () => {
    for (const text of [body('no number here'), 'not json', body(42), '[1]', 'null', '']) {
      expect(retryAfterMs(none, text, NOW)).toBeUndefined();
    }
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), 'not json', NOW)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), fc.string(), (header, text) => {
        const wait = retryAfterMs(
          new Headers({ 'retry-after': header.replace(/[^\x20-\x7e]/g, '') }),
          text,
          NOW,
        );
        expect(wait === undefined || wait >= 0).toBe(true);
      }),
    );
  });
});

describe('errorMessageOf', () => {
  it('reads message, error_description, error or description of a JSON object', () => {
    expect(errorMessageOf('{"message":"a"}')).toBe('a');
    expect(errorMessageOf('{"error_description":"b","error":"c"}')).toBe('b');
    expect(errorMessageOf('{"error":"c"}')).toBe('c');
    expect(errorMessageOf('{"description":"d"}')).toBe('d');
    expect(errorMessageOf('[]')).toBeUndefined();
    expect(errorMessageOf('nope')).toBeUndefined();
  });
});
