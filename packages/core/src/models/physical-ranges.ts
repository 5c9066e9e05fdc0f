/**
 * The ranges a measured value can physically take. A number outside its range is not a reading but a
 * fault (a sensor default, an overflow, a wrong unit), so parsers drop it and say so in
 * `snapshot.issues` instead of passing it on: a battery at -5 % or 1e308 %, a model year -1, a
 * negative odometer. The bounds are deliberately generous (no real vehicle comes near them) so that
 * no true reading is ever dropped. docs/json.md lists them with the fields each one applies to.
 */
export interface PhysicalRange {
  /** Smallest possible value, inclusive. */
  readonly min: number;
  /** Largest possible value, inclusive. */
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** The unit the value is read in, for documentation. */
  readonly unit: string;
}

/** Every physical quantity a vehicle snapshot holds, with its range (see {@link PhysicalRange}). */
export const PHYSICAL_RANGES = {
  /** State of charge, fuel level, charging target. */
  percent: { min: 0, max: 100, unit: '%' },
  /** Remaining range on fuel or electricity. */
  rangeKm: { min: 0, max: 10_000, unit: 'km' },
  /** Odometer. */
  odometerKm: { min: 0, max: 10_000_000, unit: 'km' },
  /** Distance until a service is due; negative when it is overdue. */
  serviceDistanceKm: { min: -10_000_000, max: 10_000_000, unit: 'km' },
  /** Fuel in the tank. */
  fuelLiters: { min: 0, max: 1_000, unit: 'L' },
  /** Time until charging ends (a week at most). */
  chargingMinutes: { min: 0, max: 10_080, unit: 'min' },
  /** Time until climate control ends (a day at most). */
  climateSeconds: { min: 0, max: 86_400, unit: 's' },
  /** Model year. */
  modelYear: { min: 1900, max: 2100, integer: true, unit: 'year' },
  /** Heading of the vehicle. */
  headingDegrees: { min: 0, max: 360, unit: '°' },
  /** WGS-84 latitude. */
  latitude: { min: -90, max: 90, unit: '°' },
  /** WGS-84 longitude. */
  longitude: { min: -180, max: 180, unit: '°' },
  /** Tyre pressure (gauge). */
  tyrePressureKpa: { min: 0, max: 1_000, unit: 'kPa' },
  /** AC charging current limit. */
  acCurrentAmpere: { min: 0, max: 100, unit: 'A' },
} as const satisfies Record<string, PhysicalRange>;

/** Name of a physical quantity of {@link PHYSICAL_RANGES}. */
export type PhysicalQuantity = keyof typeof PHYSICAL_RANGES;

/** True when `value` is a finite number within the range of `quantity` (and whole, where it must be). */
export function isWithinPhysicalRange(quantity: PhysicalQuantity, value: unknown): value is number {
  const range: PhysicalRange = PHYSICAL_RANGES[quantity];
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (range.integer !== true || Number.isInteger(value))
  );
}
