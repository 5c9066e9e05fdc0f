import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuietHours, isQuietTime, quietHoursEnd } from './quiet-hours';

const at = (iso: string) => Date.parse(iso);
const night = (timeZone = 'Europe/Berlin') => checkQuietHours({ from: '23:00', to: '06:00', timeZone });

describe('checkQuietHours', () => {
  it('takes HH:MM times and a time zone, and names every bad setting', () => {
    expect(night()).toEqual({
      from: 1380,
      to: 360,
      timeZone: 'Europe/Berlin',
      text: '23:00–06:00 Europe/Berlin',
    });
    expect(checkQuietHours(undefined)).toBeUndefined();
    expect(checkQuietHours({ from: '01:00', to: '02:30' })?.timeZone).toBeTypeOf('string');
    const refused = (settings: unknown) => {
      try {
        checkQuietHours(settings as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(refused({ from: '24:00', to: '6:00', timeZone: 'Mars/Olympus' })).toMatchObject({
      code: 'validation',
      paths: ['quietHours.from', 'quietHours.to', 'quietHours.timeZone'],
    });
    expect(refused({ from: '06:00', to: '06:00' })).toMatchObject({ paths: ['quietHours.to'] });
    expect(refused('23-6')).toMatchObject({ paths: expect.arrayContaining(['quietHours']) });
  });
});

describe('quiet hours', () => {
  it('cover the window across midnight in the zone given, `to` excluded', () => {
    const quiet = night();
    // Berlin is UTC+1 in December.
    expect(isQuietTime(quiet, at('2026-12-07T21:59:59Z'))).toBe(false);
    expect(isQuietTime(quiet, at('2026-12-07T22:00:00Z'))).toBe(true);
    expect(isQuietTime(quiet, at('2026-12-08T04:59:59Z'))).toBe(true);
    expect(isQuietTime(quiet, at('2026-12-08T05:00:00Z'))).toBe(false);
    expect(quietHoursEnd(quiet, at('2026-12-07T22:30:10Z'))).toBe(at('2026-12-08T05:00:00Z'));
    expect(quietHoursEnd(quiet, at('2026-12-08T12:00:00Z'))).toBeUndefined();
    expect(isQuietTime(undefined, at('2026-12-08T00:00:00Z'))).toBe(false);
  });

  it('end at the right instant across a change of the clocks', () => {
    // 2027-03-28: Berlin springs forward from 02:00 to 03:00; 2026-10-25: back from 03:00 to 02:00.
    expect(quietHoursEnd(night(), at('2027-03-27T22:30:00Z'))).toBe(at('2027-03-28T04:00:00Z'));
    expect(quietHoursEnd(night(), at('2026-10-24T21:30:00Z'))).toBe(at('2026-10-25T05:00:00Z'));
    // A `to` the clock skips that night (02:30 does not exist): the window ends at 03:00.
    const skipped = checkQuietHours({ from: '01:00', to: '02:30', timeZone: 'Europe/Berlin' });
    expect(quietHoursEnd(skipped, at('2027-03-28T00:15:00Z'))).toBe(at('2027-03-28T01:00:00Z'));
  });

  it('end at the first minute outside the window, never before `at` and within a day (property)', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        hhmm,
        hhmm,
        fc.constantFrom(...zones),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2028-01-01T00:00:00Z') }),
        (from, to, timeZone, now) => {
          fc.pre(from !== to);
          const quiet = checkQuietHours({ from, to, timeZone });
          const end = quietHoursEnd(quiet, now);
          expect(end !== undefined).toBe(isQuietTime(quiet, now));
          if (end === undefined) return;
          expect(end).toBeGreaterThan(now);
          expect(end - now).toBeLessThanOrEqual(25 * 3_600_000);
          expect(end % 60_000).toBe(0);
          expect(isQuietTime(quiet, end)).toBe(false);
          expect(isQuietTime(quiet, end - 60_000)).toBe(true);
          for (let k = 1; k < 4; k++)
            expect(isQuietTime(quiet, now + ((end - 60_000 - now) * k) / 4)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
