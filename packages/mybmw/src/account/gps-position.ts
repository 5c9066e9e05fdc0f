import { BimmerValidationError, type GpsPosition } from '@bimmer/core';

/** A WGS-84 position in decimal degrees (@bimmer/core's `GpsPosition`). */
export type GPSPosition = GpsPosition;

/**
 * A validated position: both values finite numbers in range.
 *
 * @throws BimmerValidationError naming the offending field.
 */
export function gpsPosition(latitude: unknown, longitude: unknown): GPSPosition {
  if (latitude === undefined || latitude === null || longitude === undefined || longitude === null) {
    throw new BimmerValidationError("A position requires both 'latitude' and 'longitude' set.", {
      paths: [latitude === undefined || latitude === null ? 'latitude' : 'longitude'],
    });
  }
  for (const [name, value, limit] of [
    ['latitude', latitude, 90],
    ['longitude', longitude, 180],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BimmerValidationError(`'${name}' must be a number, got ${JSON.stringify(value)}.`, {
        paths: [name],
      });
    }
    if (Math.abs(value) > limit) {
      throw new BimmerValidationError(`'${name}' must be between -${limit} and ${limit}, got ${value}.`, {
        paths: [name],
      });
    }
  }
  return { latitude: latitude as number, longitude: longitude as number };
}
