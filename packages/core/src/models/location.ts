import { BimmerValidationError } from '../errors/index';
import { Region } from './enums';
import { gcj02ToWgs84, isValidGpsPosition } from './gps';
import { isValidDate } from './time';
import type { RemoteServicePosition, VehicleSnapshot } from './vehicle';

/**
 * Applies a vehicle-finder result to a snapshot (bimmer_connected's `set_remote_service_position`):
 * the position replaces `vehicleLocation.location`/`heading` when it is newer than the vehicle's
 * own `vehicleUpdateTimestamp` (China accounts: converted from GCJ-02). It is always stored as
 * `remoteServicePosition`. Returns a new snapshot; throws `BimmerValidationError` for an invalid position.
 */
export function applyRemoteServicePosition(
  snapshot: VehicleSnapshot,
  position: RemoteServicePosition,
): VehicleSnapshot {
  if (!isValidGpsPosition(position) || !isValidDate(position.timestamp)) {
    throw new BimmerValidationError('The vehicle-finder position is not a valid position with a timestamp.', {
      paths: ['latitude', 'longitude', 'timestamp'],
    });
  }
  const current = snapshot.vehicleLocation ?? { accountRegion: snapshot.region };
  const stored: RemoteServicePosition = {
    latitude: position.latitude,
    longitude: position.longitude,
    heading: position.heading,
    timestamp: position.timestamp,
  };
  const newer =
    current.vehicleUpdateTimestamp === undefined || position.timestamp > current.vehicleUpdateTimestamp;
  if (!newer) return { ...snapshot, vehicleLocation: { ...current, remoteServicePosition: stored } };
  const location =
    current.accountRegion === Region.CHINA
      ? gcj02ToWgs84(position)
      : { latitude: position.latitude, longitude: position.longitude };
  return {
    ...snapshot,
    vehicleLocation: { ...current, location, heading: position.heading, remoteServicePosition: stored },
  };
}
