import type { BimmerError } from '@bimmer/core';

/** One thing that failed during a load, without failing the whole account. */
export interface LoadFailure {
  /** What failed: a VIN, or `vehicle-list:<brand>` for a brand's list. */
  readonly subject: string;
  /** The typed error. */
  readonly error: BimmerError;
}

/** What the last `getVehicles()` did. */
export interface LoadReport {
  /** `initial` when the vehicle lists were (re)loaded, `refresh` when only states were fetched. */
  readonly kind: 'initial' | 'refresh';
  /** When the load started. */
  readonly startedAt: Date;
  /** When it finished. */
  readonly finishedAt: Date;
  /** HTTP requests sent by this load (every attempt, login requests excluded). */
  readonly requests: number;
  /** What failed without failing the load. */
  readonly failures: readonly LoadFailure[];
}
