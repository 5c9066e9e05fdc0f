import type { BimmerError, CarBrand } from '@bimmer/core';

/**
 * The request of a load that failed: a brand's vehicle list, a vehicle's profile, or its state (the
 * state response and, when the vehicle has them, its charging details).
 */
export type LoadPart = 'vehicle-list' | 'profile' | 'state';

/** One part of a load that still failed after the retries, without failing the whole account. */
export interface LoadFailure {
  /** What failed, as text: a VIN, or `vehicle-list:<brand>` for a brand's list. */
  readonly subject: string;
  /** Which request failed. */
  readonly part: LoadPart;
  /** The brand of the list, or the brand under which the vehicle is listed. */
  readonly brand: CarBrand;
  /** The vehicle, for a profile or state failure; undefined for a list. */
  readonly vin: string | undefined;
  /** The typed error of the last try. */
  readonly error: BimmerError;
}

/**
 * What the last `getVehicles()` did, for adapters to print and to decide their exit status: a load
 * with `complete: false` returned less than the whole account, and `failures` says exactly what is
 * missing (which brand lists, which vehicles' profiles or states).
 */
export interface LoadReport {
  /** `initial` when the vehicle lists were (re)loaded, `refresh` when only states were fetched. */
  readonly kind: 'initial' | 'refresh';
  /** When the load started. */
  readonly startedAt: Date;
  /** When it finished. */
  readonly finishedAt: Date;
  /** HTTP requests sent by this load (every attempt and retry, login requests excluded). */
  readonly requests: number;
  /** True when every list, profile and state loaded: the vehicles are the whole account, up to date. */
  readonly complete: boolean;
  /** What failed after the retries, in request order: lists first, then vehicles. */
  readonly failures: readonly LoadFailure[];
}
