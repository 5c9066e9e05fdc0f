import type { BimmerError } from '@bimmer/core';
import type { CarDataVehicle } from './cardata-vehicle';

/** One part of one vehicle that a load could not fetch, and why. */
export interface CarDataMissingData {
  readonly vin: string;
  /** What is missing: the vehicle's `basicData` (brand, model) or its `telematicData` (state). */
  readonly part: 'basicData' | 'telematicData';
  /** Why, in words a person understands (the error's message; never a secret). */
  readonly reason: string;
  /**
   * The typed error: code `quota` (with `retryAt`) when the budget did not allow the call, `api`
   * for a failure or a malformed answer, `not-found`, ...
   */
  readonly error: BimmerError;
}

/**
 * What `CarDataAccount.loadVehicles()` loaded: every readable vehicle, each with what could be
 * paid for, and per vehicle what could not be fetched. A complete load has no `missing` entries.
 */
export interface CarDataLoadReport {
  readonly vehicles: readonly CarDataVehicle[];
  readonly missing: readonly CarDataMissingData[];
}

/** The warning the account gives for a missing part (adapters that only listen to warnings see it). */
export function missingWarning(missing: CarDataMissingData): string {
  const what = missing.part === 'basicData' ? 'basic data (brand, model)' : 'state';
  return `Vehicle ${missing.vin}: its ${what} could not be fetched: ${missing.reason}`;
}
