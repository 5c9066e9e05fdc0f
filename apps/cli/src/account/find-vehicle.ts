import { BimmerNotFoundError } from '@bimmer/core';

/**
 * The vehicle with `vin` (compared case-insensitively), or a not-found error that lists the VINs the
 * account has, as bimmer_connected does.
 */
export function findVehicle<Vehicle extends { readonly vin: string }>(
  vehicles: readonly Vehicle[],
  vin: string,
): Vehicle {
  const wanted = vin.trim().toUpperCase();
  const vehicle = vehicles.find((candidate) => candidate.vin.toUpperCase() === wanted);
  if (vehicle !== undefined) return vehicle;
  const valid = vehicles.map((candidate) => candidate.vin).join(', ');
  throw new BimmerNotFoundError(`Could not find vehicle for VIN ${vin}.`, {
    hint: vehicles.length === 0 ? 'This account has no vehicles.' : `Valid VINs are: ${valid}`,
  });
}
