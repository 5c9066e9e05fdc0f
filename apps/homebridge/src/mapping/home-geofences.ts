import type { Geofence } from '@bimmer/core';
import { settingsForVehicle } from '../config/parse-platform-config';
import type { HomeGeofence, PlatformSettings } from '../config/platform-config';

/** The home circles of a platform entry as the live account's derived events know them. */
export interface HomeGeofences {
  /** One geofence per distinct home circle, for `VehicleEventSettings.geofences`. */
  readonly geofences: readonly Geofence[];
  /** The geofence name of a vehicle's home circle (undefined when the vehicle has no home). */
  nameOf(home: HomeGeofence | undefined): string | undefined;
}

const keyOf = (home: HomeGeofence): string => `${home.latitude},${home.longitude},${home.radiusMeters}`;

/**
 * The configured home circles as named geofences, so the live account derives `arrived` and `left`
 * for them (one set of events per account, shared by every vehicle). The platform's home is `home`;
 * a vehicle with a home of its own gets `home 2`, `home 3`... Names only: events never carry a
 * position, and neither do these names.
 */
export function homeGeofences(settings: PlatformSettings): HomeGeofences {
  const names = new Map<string, string>();
  const geofences: Geofence[] = [];
  const add = (home: HomeGeofence | undefined) => {
    if (home === undefined || names.has(keyOf(home))) return;
    const name = geofences.length === 0 ? 'home' : `home ${geofences.length + 1}`;
    names.set(keyOf(home), name);
    geofences.push({
      name,
      center: { latitude: home.latitude, longitude: home.longitude },
      radiusMeters: home.radiusMeters,
    });
  };
  add(settings.defaults.home);
  for (const vehicle of settings.vehicles) add(settingsForVehicle(settings, vehicle.vin)?.home);
  return {
    geofences,
    nameOf: (home) => (home === undefined ? undefined : names.get(keyOf(home))),
  };
}
