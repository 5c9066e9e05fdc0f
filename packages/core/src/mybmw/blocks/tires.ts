import * as v from 'valibot';
import { utcDate } from '../../models/time';
import type { TireState, Tires } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, orUndefined } from '../block-context';
import { parseBlock } from '../salvage';
import { int, measured, num, opt } from '../wire-primitives';

const WireTire = v.object({
  status: opt(
    v.object({
      currentPressure: opt(measured('tyrePressureKpa')),
      targetPressure: opt(measured('tyrePressureKpa')),
    }),
  ),
  details: opt(v.object({ season: opt(num), manufacturingWeek: opt(int) })),
});

/** State response, `state`: tyres. */
export const WireTires = v.object({
  tireState: opt(
    v.object({
      frontLeft: opt(WireTire),
      frontRight: opt(WireTire),
      rearLeft: opt(WireTire),
      rearRight: opt(WireTire),
    }),
  ),
});

/**
 * Monday (00:00 UTC) of a WWYY manufacturing week (4021 = week 40 of 2021). bimmer_connected builds
 * the year as "20" + (v % 100) unpadded, which is wrong for years 2000..2009; we add 2000.
 */
export function manufacturingWeekToDate(value: number): Date | undefined {
  if (!Number.isInteger(value) || value <= 0) return undefined;
  const week = Math.trunc(value / 100);
  const year = 2000 + (value % 100);
  if (week < 1 || week > 53) return undefined;
  const jan4 = utcDate(year, 1, 4);
  const isoDay = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  const monday = utcDate(year, 1, 4 - (isoDay - 1) + (week - 1) * 7);
  if (week === 53) {
    // Only years whose Dec 28 falls in week 53 have one.
    const dec28 = utcDate(year, 12, 28);
    const dec28Day = dec28.getUTCDay() === 0 ? 7 : dec28.getUTCDay();
    const lastWeekMonday = utcDate(year, 12, 28 - (dec28Day - 1));
    if (monday.getTime() !== lastWeekMonday.getTime()) return undefined;
  }
  return monday;
}

type Wheel = 'frontLeft' | 'frontRight' | 'rearLeft' | 'rearRight';

/** The four tyres; a wheel without data is undefined, and so is the block when no wheel has any. */
export function parseTires(ctx: Context, state: JsonObject): Tires | undefined {
  const block = 'tires';
  const wire = parseBlock(WireTires, state, block, 'state', ctx.issues);
  const tireState = wire?.tireState;
  if (!tireState) return undefined;
  const wheel = (key: Wheel): TireState | undefined => {
    const tire = tireState[key];
    if (!tire) return undefined;
    let manufacturingWeek: Date | undefined;
    const week = tire.details?.manufacturingWeek;
    if (week) {
      manufacturingWeek = manufacturingWeekToDate(week);
      if (manufacturingWeek === undefined) {
        ctx.issues.add(
          block,
          `state.tireState.${key}.details.manufacturingWeek`,
          'invalid',
          'Not a WWYY week; dropped.',
        );
      }
    }
    return {
      currentPressure: orUndefined(tire.status?.currentPressure),
      targetPressure: orUndefined(tire.status?.targetPressure),
      season: orUndefined(tire.details?.season),
      manufacturingWeek,
    };
  };
  const tires: Tires = {
    frontLeft: wheel('frontLeft'),
    frontRight: wheel('frontRight'),
    rearLeft: wheel('rearLeft'),
    rearRight: wheel('rearRight'),
  };
  return Object.values(tires).some((t) => t !== undefined) ? tires : undefined;
}
