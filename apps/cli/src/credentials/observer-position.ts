import type { GPSPosition } from '@bimmer/mybmw';
import { CliUsageError } from '../errors/cli-usage-error';
import { parseLatitude, parseLongitude } from '../util/parse-args';

/**
 * The optional `[lat] [lng]` positionals: both or neither.
 *
 * @throws CliUsageError when only one is given or a value is not a coordinate.
 */
export function parseObserverPosition(values: readonly string[]): GPSPosition | undefined {
  const [lat, lng, ...extra] = values;
  if (extra.length > 0) throw new CliUsageError(`Unexpected arguments: ${extra.join(' ')}.`);
  if (lat === undefined && lng === undefined) return undefined;
  if (lat === undefined || lng === undefined) {
    throw new CliUsageError('Give both your latitude and longitude, or neither.');
  }
  return { latitude: parseLatitude(lat), longitude: parseLongitude(lng) };
}
