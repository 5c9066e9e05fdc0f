import type { Geofence, VehicleEventSettings } from '@bimmer/core';
import { CliUsageError } from '../errors/cli-usage-error';
import { parseNumberArgument } from '../util/parse-args';

/** The `stream` options that shape the derived events, as commander collects them (repeatable). */
export interface EventOptionValues {
  readonly geofence?: readonly string[] | undefined;
  readonly batteryBelow?: readonly string[] | undefined;
  readonly batteryAbove?: readonly string[] | undefined;
}

const GEOFENCE_FORMAT = '--geofence takes NAME:LAT,LON,RADIUS_M, e.g. home:48.1772,11.5562,150';

/**
 * One `--geofence NAME:LAT,LON,RADIUS_M` (WGS-84 degrees, metres). The name is everything before the
 * last colon, so it may hold colons itself. Messages name the geofence, never echo its position.
 *
 * @throws CliUsageError for anything else: no name, a coordinate out of range, a radius not above 0.
 */
export function parseGeofence(value: string): Geofence {
  const colon = value.lastIndexOf(':');
  const name = colon < 0 ? '' : value.slice(0, colon).trim();
  const numbers = colon < 0 ? [] : value.slice(colon + 1).split(',');
  if (name === '' || numbers.length !== 3) {
    throw new CliUsageError(`${GEOFENCE_FORMAT}; got "${value}".`);
  }
  const [lat = '', lon = '', radius = ''] = numbers.map((part) => part.trim());
  const what = `--geofence ${name}`;
  const latitude = parseNumberArgument(`${what}: the latitude`, lat);
  const longitude = parseNumberArgument(`${what}: the longitude`, lon);
  const radiusMeters = parseNumberArgument(`${what}: the radius`, radius);
  if (latitude < -90 || latitude > 90) {
    throw new CliUsageError(`${what}: the latitude must be between -90 and 90.`);
  }
  if (longitude < -180 || longitude > 180) {
    throw new CliUsageError(`${what}: the longitude must be between -180 and 180.`);
  }
  if (radiusMeters <= 0) throw new CliUsageError(`${what}: the radius must be more than 0 metres.`);
  return { name, center: { latitude, longitude }, radiusMeters };
}

/**
 * Battery thresholds in percent from repeated options, each a number or a comma-separated list
 * (`--battery-below 20 --battery-below 10` or `--battery-below 20,10`).
 *
 * @throws CliUsageError for a value that is not a number from 0 to 100.
 */
export function parseThresholds(name: string, values: readonly string[]): number[] {
  const thresholds: number[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const percent = parseNumberArgument(name, part.trim());
      if (percent < 0 || percent > 100) {
        throw new CliUsageError(`${name} must be a percentage from 0 to 100, got ${part.trim()}.`);
      }
      thresholds.push(percent);
    }
  }
  return thresholds;
}

/**
 * The event settings of `--geofence`, `--battery-below` and `--battery-above`, checked before
 * anything is sent; undefined when none is given.
 *
 * @throws CliUsageError for a malformed value or two geofences of the same name.
 */
export function parseEventOptions(values: EventOptionValues): VehicleEventSettings | undefined {
  const geofences = (values.geofence ?? []).map(parseGeofence);
  const names = new Set<string>();
  for (const { name } of geofences) {
    if (names.has(name))
      throw new CliUsageError(`Two geofences are named "${name}"; give each its own name.`);
    names.add(name);
  }
  const batteryBelow = parseThresholds('--battery-below', values.batteryBelow ?? []);
  const batteryAbove = parseThresholds('--battery-above', values.batteryAbove ?? []);
  if (geofences.length === 0 && batteryBelow.length === 0 && batteryAbove.length === 0) return undefined;
  return { geofences, batteryBelow, batteryAbove };
}
