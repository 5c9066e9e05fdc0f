import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPoll, pollBackoffMs } from './poll-schedule';
import { checkQuietHours, isQuietTime } from './quiet-hours';

const MINUTE = 60_000;
const base = { jitter: 0.1, intervalMs: 5 * MINUTE };

describe('pollBackoffMs', () => {
  it('waits the interval, then doubles after each further failure up to the cap', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 50].map((failures) =>
      pollBackoffMs(5 * MINUTE, failures, 60 * MINUTE),
    );
    expect(waits).toEqual([5, 5, 10, 20, 40, 60, 60, 60].map((minutes) => minutes * MINUTE));
    // A cap below the interval never polls more often than the interval.
    expect(pollBackoffMs(2 * 60 * MINUTE, 3, 60 * MINUTE)).toBe(2 * 60 * MINUTE);
  });
});

describe('planPoll', () => {
  it('spreads the wait by ± the jitter', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(planPoll({ ...base, now, delayMs: base.intervalMs, random: () => 0 }).at).toBe(now + 4.5 * MINUTE);
    expect(planPoll({ ...base, now, delayMs: base.intervalMs, random: () => 0.5 }).at).toBe(now + 5 * MINUTE);
    expect(planPoll({ ...base, now, delayMs: 0, random: () => 0.9 }).at).toBe(now);
  });

  it("never polls before BMW's retryAt", () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const notBefore = now + 2 * 3_600_000;
    expect(planPoll({ ...base, now, delayMs: base.intervalMs, random: () => 0.5, notBefore })).toEqual({
      at: notBefore,
      heldUntil: notBefore,
      quietUntil: undefined,
    });
    // A retryAt sooner than the interval does not make the account poll faster than usual.
    const soon = planPoll({
      ...base,
      now,
      delayMs: base.intervalMs,
      random: () => 0.5,
      notBefore: now + 1000,
    });
    expect(soon.at).toBe(now + 5 * MINUTE);
  });

  it('moves a poll that falls into quiet hours to their end, plus a little jitter', () => {
    const quietHours = checkQuietHours({ from: '23:00', to: '06:00', timeZone: 'UTC' });
    const now = Date.parse('2026-12-07T22:58:00Z');
    const plan = planPoll({ ...base, now, delayMs: base.intervalMs, random: () => 0.5, quietHours });
    expect(plan.quietUntil).toBe(Date.parse('2026-12-08T06:00:00Z'));
    expect(plan.at).toBe(Date.parse('2026-12-08T06:00:15Z'));
  });

  it('plans a poll outside quiet hours, not before retryAt, within the jittered wait otherwise (property)', () => {
    const quietHours = checkQuietHours({ from: '23:00', to: '06:00', timeZone: 'Europe/Berlin' });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 6 * 3_600_000 }), { nil: undefined }),
        (now, delayMs, random, hold) => {
          const notBefore = hold === undefined ? undefined : now + hold;
          const plan = planPoll({ ...base, now, delayMs, random: () => random, notBefore, quietHours });
          expect(isQuietTime(quietHours, plan.at)).toBe(false);
          expect(plan.at).toBeGreaterThanOrEqual(Math.floor(now + delayMs * 0.9));
          if (notBefore !== undefined) expect(plan.at).toBeGreaterThanOrEqual(notBefore);
          if (plan.quietUntil === undefined) {
            expect(plan.at).toBeLessThanOrEqual(Math.ceil(Math.max(now + delayMs * 1.1, notBefore ?? 0)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
