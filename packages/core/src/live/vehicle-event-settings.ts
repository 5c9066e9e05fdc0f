import { BimmerValidationError } from '../errors/errors';
import { isValidGpsPosition } from '../models/gps';
import type { Geofence, VehicleEventSettings } from './vehicle-event';

/** The hysteresis of battery thresholds when the settings give none, in percentage points. */
export const DEFAULT_BATTERY_HYSTERESIS = 2;

/** Settings checked once and put in the order the rules use them. */
export interface CheckedEventSettings {
  readonly geofences: readonly Geofence[];
  /** Distinct, highest first (a falling state of charge crosses the highest first). */
  readonly batteryBelow: readonly number[];
  /** Distinct, lowest first. */
  readonly batteryAbove: readonly number[];
  readonly batteryHysteresis: number;
}

function thresholds(values: readonly number[] | undefined, key: string, problems: string[]): number[] {
  const distinct = new Set<number>();
  for (const [index, value] of (values ?? []).entries()) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      problems.push(`${key}.${index}`);
    } else {
      distinct.add(value);
    }
  }
  return [...distinct];
}

/**
 * Checks the user's event settings before any event is derived, so that a typo in a flow or a
 * config file fails at once with the setting named, instead of silently never firing.
 * Throws `BimmerValidationError` (with `paths`) for a threshold outside 0..100, a negative or
 * non-finite hysteresis, a geofence without a name, with a position outside WGS-84 or a radius
 * that is not a positive number, and two geofences of the same name. Messages never echo a position.
 */
export function checkVehicleEventSettings(settings: VehicleEventSettings = {}): CheckedEventSettings {
  const problems: string[] = [];
  const batteryBelow = thresholds(settings.batteryBelow, 'batteryBelow', problems).sort((a, b) => b - a);
  const batteryAbove = thresholds(settings.batteryAbove, 'batteryAbove', problems).sort((a, b) => a - b);
  const batteryHysteresis = settings.batteryHysteresis ?? DEFAULT_BATTERY_HYSTERESIS;
  if (typeof batteryHysteresis !== 'number' || !Number.isFinite(batteryHysteresis) || batteryHysteresis < 0) {
    problems.push('batteryHysteresis');
  }
  const names = new Set<string>();
  for (const [index, geofence] of (settings.geofences ?? []).entries()) {
    const name: unknown = geofence?.name;
    if (typeof name !== 'string' || name.trim() === '' || names.has(name))
      problems.push(`geofences.${index}.name`);
    else names.add(name);
    if (geofence?.center === undefined || !isValidGpsPosition(geofence.center)) {
      problems.push(`geofences.${index}.center`);
    }
    const radius: unknown = geofence?.radiusMeters;
    if (typeof radius !== 'number' || !Number.isFinite(radius) || radius <= 0) {
      problems.push(`geofences.${index}.radiusMeters`);
    }
  }
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid vehicle event settings: ${problems.join(', ')}. Battery thresholds are percentages ` +
        '(0 to 100), the hysteresis is zero or more points, and each geofence needs its own name, a ' +
        'valid latitude and longitude and a radius in metres above zero.',
      { paths: problems, action: 'check-input' },
    );
  }
  return { geofences: settings.geofences ?? [], batteryBelow, batteryAbove, batteryHysteresis };
}
