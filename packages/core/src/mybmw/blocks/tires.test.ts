import { describe, expect, it } from 'vitest';
import { issuePaths, parse } from '../../../test/synthetic';
import { manufacturingWeekToDate } from './tires';

describe('tires', () => {
  it('reads pressures, season and week; a wheel may be missing', () => {
    const s = parse({
      state: {
        tireState: {
          frontLeft: {
            status: { currentPressure: 230, targetPressure: 250 },
            details: { season: 1, manufacturingWeek: 1523 },
          },
          frontRight: { status: { currentPressure: 231 } },
          rearLeft: { details: { manufacturingWeek: 9999 } },
        },
      },
    });
    expect(s.tires?.frontLeft).toEqual({
      currentPressure: 230,
      targetPressure: 250,
      season: 1,
      manufacturingWeek: new Date('2023-04-10T00:00:00Z'),
    });
    expect(s.tires?.frontRight?.targetPressure).toBeUndefined();
    expect(s.tires?.rearLeft?.manufacturingWeek).toBeUndefined();
    expect(s.tires?.rearRight).toBeUndefined();
    expect(issuePaths(s)).toEqual(['state.tireState.rearLeft.details.manufacturingWeek']);
  });
  it('no tireState, or an empty one, is undefined', () => {
    expect(parse().tires).toBeUndefined();
    expect(parse({ state: { tireState: {} } }).tires).toBeUndefined();
  });
});

describe('manufacturingWeekToDate (WWYY -> Monday)', () => {
  it('converts ISO weeks', () => {
    expect(manufacturingWeekToDate(4021)).toEqual(new Date('2021-10-04T00:00:00Z'));
    expect(manufacturingWeekToDate(2419)).toEqual(new Date('2019-06-10T00:00:00Z'));
    expect(manufacturingWeekToDate(1219)).toEqual(new Date('2019-03-18T00:00:00Z'));
    expect(manufacturingWeekToDate(121)).toEqual(new Date('2021-01-04T00:00:00Z'));
    expect(manufacturingWeekToDate(5320)).toEqual(new Date('2020-12-28T00:00:00Z'));
  });
  it('fixes the unpadded year of bimmer_connected (week 40 of 2005)', () => {
    expect(manufacturingWeekToDate(4005)).toEqual(new Date('2005-10-03T00:00:00Z'));
  });
  it('rejects impossible weeks', () => {
    expect(manufacturingWeekToDate(0)).toBeUndefined();
    expect(manufacturingWeekToDate(5421)).toBeUndefined();
    expect(manufacturingWeekToDate(5321)).toBeUndefined(); // 2021 has 52 weeks
    expect(manufacturingWeekToDate(21)).toBeUndefined(); // week 0
    expect(manufacturingWeekToDate(40.5)).toBeUndefined();
    expect(manufacturingWeekToDate(-4021)).toBeUndefined();
  });
});

describe('tires: physical ranges', () => {
  it('drops an absurd or negative pressure and keeps the other values of the wheel', () => {
    for (const bad of [-1, 1_000.5, 5_000, 1e308]) {
      const s = parse({
        state: {
          tireState: {
            frontLeft: { status: { currentPressure: bad, targetPressure: 250 }, details: { season: 2 } },
          },
        },
      });
      expect(s.tires?.frontLeft).toEqual({
        currentPressure: undefined,
        targetPressure: 250,
        season: 2,
        manufacturingWeek: undefined,
      });
      expect(s.issues).toMatchObject([
        { block: 'tires', path: 'state.tireState.frontLeft.status.currentPressure', code: 'invalid' },
      ]);
    }
  });
});
