import * as v from 'valibot';
import { PHYSICAL_RANGES, type PhysicalQuantity } from '../models/physical-ranges';

/**
 * The building blocks of the wire schemas (see `wire.ts`), in one module so that every block's
 * schema beside its mapper (`blocks/*.ts`) uses the same rules: `null` is accepted wherever a value
 * may be absent, numbers are finite, and -0 becomes 0 so that the JSON form round-trips.
 */

/** -0 becomes 0, so the JSON form round-trips. */
const noNegativeZero = v.transform((n: number) => (n === 0 ? 0 : n));
/** A finite number. */
export const num = v.pipe(v.number(), v.finite(), noNegativeZero);
/** An integer (finite by definition). */
export const int = v.pipe(v.number(), v.integer(), noNegativeZero);
/** A string. */
export const str = v.string();
/** A boolean. */
export const bool = v.boolean();
/**
 * A measured number within the physical range of `quantity` (`PHYSICAL_RANGES`): a value outside it
 * fails here, so the repair drops it and the parse reports an `invalid` issue with its path.
 */
export function measured(quantity: PhysicalQuantity) {
  const range: { min: number; max: number; integer?: boolean } = PHYSICAL_RANGES[quantity];
  return v.pipe(
    v.number(),
    range.integer === true ? v.integer() : v.finite(),
    v.minValue(range.min),
    v.maxValue(range.max),
    noNegativeZero,
  );
}
/** `schema`, or null or absent. */
export const opt = <S extends v.GenericSchema>(schema: S) => v.nullish(schema);
/** Anything: enum strings are mapped (with an UNKNOWN fallback) by the block mappers, not here. */
export const anyValue = v.unknown();
/** An array whose items may be null (dropped by repair, see salvage.ts); mappers skip nulls. */
export const list = <S extends v.GenericSchema>(item: S) => v.array(v.nullable(item));

/** `{ hour, minute }` of the API (0..23, 0..59). */
export const WireTimeOfDay = v.object({
  hour: v.pipe(int, v.minValue(0), v.maxValue(23)),
  minute: v.pipe(int, v.minValue(0), v.maxValue(59)),
});
