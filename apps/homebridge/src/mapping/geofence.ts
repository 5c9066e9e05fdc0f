import type { GpsPosition } from '@bimmer/core';
import { distanceMeters } from '@bimmer/core/internal';
import type { HomeGeofence } from '../config/platform-config';

/**
 * True when the position lies inside the home circle, measured as core's `arrived` / `left` events
 * measure it: the "At home" tile before any event and the events after it draw the same circle.
 */
export function isInside(position: GpsPosition, home: HomeGeofence): boolean {
  return (
    distanceMeters(position, { latitude: home.latitude, longitude: home.longitude }) <= home.radiusMeters
  );
}
