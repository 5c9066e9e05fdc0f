import type { GpsPosition } from '../models/vehicle';

/** The mean Earth radius (IUGG), in metres. */
const EARTH_RADIUS_METERS = 6_371_008.8;

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/**
 * The great-circle distance in metres between two WGS-84 positions (haversine formula). On a sphere,
 * so within about 0.5 % of the ellipsoid: plenty for geofences and for telling a parked car from a
 * driven one, and cheap enough to run on every position a stream delivers.
 */
export function distanceMeters(a: GpsPosition, b: GpsPosition): number {
  const dLatitude = radians(b.latitude - a.latitude);
  const dLongitude = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLatitude / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}
