import * as v from 'valibot';
import { Region } from '../../models/enums';
import { gcj02ToWgs84 } from '../../models/gps';
import type { VehicleLocation } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, latest, orUndefined, timeField } from '../block-context';
import { parseBlock } from '../salvage';
import { measured, opt, str } from '../wire-primitives';

/** State response, `state`: location. */
export const WireLocation = v.object({
  lastFetched: opt(str),
  location: opt(
    v.object({
      coordinates: opt(
        v.object({
          latitude: measured('latitude'),
          longitude: measured('longitude'),
        }),
      ),
      heading: opt(measured('headingDegrees')),
    }),
  ),
});

/**
 * Position and heading. China accounts receive GCJ-02 positions, converted here to WGS-84; the
 * update time is the later of the state's and the profile's `lastFetched`.
 */
export function parseLocation(
  ctx: Context,
  state: JsonObject,
  profileLastFetched: Date | undefined,
): VehicleLocation | undefined {
  const wire = parseBlock(WireLocation, state, 'vehicleLocation', 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const vehicleUpdateTimestamp = latest(
    timeField(ctx, 'vehicleLocation', 'state.lastFetched', wire.lastFetched),
    profileLastFetched,
  );
  let location = wire.location?.coordinates ?? undefined;
  if (location && ctx.region === Region.CHINA) location = gcj02ToWgs84(location);
  return {
    location: location ? { latitude: location.latitude, longitude: location.longitude } : undefined,
    heading: orUndefined(wire.location?.heading),
    vehicleUpdateTimestamp,
    accountRegion: ctx.region,
  };
}
