import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverRequestedWaitMs } from './retry-wait';

const none = new Headers();

describe('serverRequestedWaitMs', () => {
  it('reads Retry-After seconds and dates', () => {
    expect(serverRequestedWaitMs(new Headers({ 'retry-after': '7' }), '')).toBe(7_000);
    const now = Date.parse('2026-12-01T08:00:00Z');
    expect(
      serverRequestedWaitMs(new Headers({ 'retry-after': 'Tue, 01 Dec 2026 08:00:30 GMT' }), '', now),
    ).toBe(30_000);
  });

  it('reads the whole number of seconds in the message, not only its first digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (seconds) => {
        const body = JSON.stringify({
          statusCode: 429,
          message: `Rate limit is exceeded. Try again in ${seconds} seconds.`,
        });
        expect(serverRequestedWaitMs(none, body)).toBe(seconds * 1000);
      }),
    );
  });

  it('reads the quota replenish clock', () => {
    const body =
      '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 02:12:20."}';
    expect(serverRequestedWaitMs(none, body)).toBe((2 * 3600 + 12 * 60 + 20) * 1000);
  });

  it('says nothing for bodies without a wait, and never throws', () => {
    expect(serverRequestedWaitMs(none, 'not json')).toBeUndefined();
    expect(serverRequestedWaitMs(none, '{"message":"slow down"}')).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (body) => {
        const wait = serverRequestedWaitMs(none, body);
        expect(wait === undefined || wait >= 0).toBe(true);
      }),
    );
  });
});
