import type { GpsPosition } from '@bimmer/core';
import type { HomeGeofence } from '../config/platform-config';

/** The mean Earth radius (IUGG), the one core's `arrived` / `left` events use. */
const EARTH_RADIUS_METERS = 6_371_008.8;

/**
 * Great-circle distance in metres between two positions (haversine), as core's derived events
 * compute it: the "At home" tile before any event and the events after it draw the same circle.
 */
export function distanceMeters(a: GpsPosition, b: GpsPosition): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when the position lies inside the home circle. */
export function isInside(position: GpsPosition, home: HomeGeofence): boolean {
  return (
    distanceMeters(position, { latitude: home.latitude, longitude: home.longitude }) <= home.radiusMeters
  );
}
