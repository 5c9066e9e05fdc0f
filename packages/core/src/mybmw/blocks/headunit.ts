import * as v from 'valibot';
import type { Headunit } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, orUndefined } from '../block-context';
import { parseBlock } from '../salvage';
import { int, measured, opt, str } from '../wire-primitives';

/** Vehicle-data profile: head unit. */
export const WireHeadunit = v.object({
  hmiVersion: opt(str),
  headUnitType: opt(str),
  year: opt(measured('modelYear')),
  softwareVersionCurrent: opt(
    v.object({
      iStep: opt(int),
      puStep: opt(
        v.object({ month: opt(v.pipe(int, v.minValue(0))), year: opt(v.pipe(int, v.minValue(0))) }),
      ),
    }),
  ),
});

/**
 * The head unit, from the profile. The software version is `month/year.iStep` (month and year of
 * the PU step, the century from the model year); it is left out when a part is missing, while the
 * parts that are present are kept.
 */
export function parseHeadunit(ctx: Context, profile: JsonObject): Headunit | undefined {
  const wire = parseBlock(WireHeadunit, profile, 'headunit', 'profile', ctx.issues);
  if (wire === undefined) return undefined;
  const current = wire.softwareVersionCurrent;
  let softwareVersion: string | undefined;
  const month = current?.puStep?.month;
  const puYear = current?.puStep?.year;
  const iStep = current?.iStep;
  if (month != null && puYear != null && iStep != null && wire.year != null) {
    // e.g. month 11, year 2021, puStep.year 21, iStep 470 -> "11/2021.70"
    const pad = (n: number) => String(n).padStart(2, '0');
    softwareVersion = `${pad(month)}/${String(wire.year).slice(0, 2)}${pad(puYear)}.${String(iStep).slice(1)}`;
  }
  return {
    idriveVersion: orUndefined(wire.hmiVersion),
    headunitType: orUndefined(wire.headUnitType),
    softwareVersion,
  };
}
