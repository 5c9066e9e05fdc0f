import { BimmerApiError, type BimmerError, BimmerNotFoundError } from '@bimmer/core';

/** What a load could not fetch, so "not found" is never said about a vehicle that may exist. */
export interface LoadGaps {
  /** Vehicles that are listed but whose data failed, by VIN. */
  readonly failedVehicles?: ReadonlyMap<string, BimmerError> | undefined;
  /** Lists that failed (a brand's vehicle list): a vehicle missing from the result may be on one. */
  readonly failedLists?: readonly { readonly what: string; readonly error: BimmerError }[] | undefined;
}

/**
 * The vehicle with `vin` (compared case-insensitively). When it is missing: the error that kept it
 * from loading, if its data or a list it may be on failed; otherwise a not-found error that lists the
 * VINs the account has, as bimmer_connected does.
 */
export function findVehicle<Vehicle extends { readonly vin: string }>(
  vehicles: readonly Vehicle[],
  vin: string,
  gaps: LoadGaps = {},
): Vehicle {
  const wanted = vin.trim().toUpperCase();
  const failed = [...(gaps.failedVehicles ?? [])].find(([candidate]) => candidate.toUpperCase() === wanted);
  if (failed !== undefined)
    throw explained(failed[1], `${failed[0]} could not be loaded: ${failed[1].message}`);
  const vehicle = vehicles.find((candidate) => candidate.vin.toUpperCase() === wanted);
  if (vehicle !== undefined) return vehicle;
  const [list] = gaps.failedLists ?? [];
  if (list !== undefined) {
    throw explained(
      list.error,
      `Could not tell whether ${vin} is on this account: ${list.what} could not be loaded (${list.error.message}).`,
    );
  }
  const valid = vehicles.map((candidate) => candidate.vin).join(', ');
  throw new BimmerNotFoundError(`Could not find vehicle for VIN ${vin}.`, {
    hint: vehicles.length === 0 ? 'This account has no vehicles.' : `Valid VINs are: ${valid}`,
  });
}

/** Errors about the whole account: their own message says it all, and their code picks the exit code. */
const ACCOUNT_WIDE = new Set(['auth', 'captcha-required', 'quota', 'blocked']);

/**
 * `error` as a failure to load (never "not found": the vehicle is listed, or may be), with a message
 * that names what failed; account-wide errors stay as they are.
 */
function explained(error: BimmerError, message: string): BimmerError {
  return ACCOUNT_WIDE.has(error.code)
    ? error
    : new BimmerApiError(message, { cause: error, action: error.action });
}
