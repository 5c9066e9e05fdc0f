import { BimmerNotFoundError } from '@bimmer/core';

/**
 * "Not found" for a VIN that a whole vehicle list lacks, naming the account's VINs as
 * bimmer_connected does. Only for a list that loaded whole: a failed list proves nothing, and its
 * vehicles are reported as not loaded instead.
 */
export function vehicleNotFound(vin: string, vins: readonly string[]): BimmerNotFoundError {
  return new BimmerNotFoundError(`Could not find vehicle for VIN ${vin}.`, {
    hint: vins.length === 0 ? 'This account has no vehicles.' : `Valid VINs are: ${vins.join(', ')}`,
  });
}
