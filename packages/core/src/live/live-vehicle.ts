import { BimmerValidationError } from '../errors/errors';
import { vehicleToJSON } from '../json/to-json';
import type { VehicleJSON } from '../json/vehicle-json-schema';
import type { VehicleSnapshot } from '../models/vehicle';
import { fieldTimeOf, staleSince } from './freshness';
import { jsonValueAt } from './json-leaves';
import type { LiveVehicle } from './live-account';

/**
 * How long after its newest field time a vehicle counts as stale unless an application says
 * otherwise: 12 hours, long enough for a parked car that sends nothing overnight, short enough that a
 * lost stream shows within a day. Every live account and adapter uses it as its default.
 */
export const DEFAULT_STALE_AFTER_MS = 12 * 3_600_000;

/** Options of {@link createLiveVehicle}. */
export interface CreateLiveVehicleOptions {
  /** The snapshot comes only from persisted state (nothing new since the start). Default false. */
  readonly restored?: boolean | undefined;
  /** How long after its newest field time the vehicle counts as stale, in milliseconds. */
  readonly staleAfterMs: number;
  /** The clock (epoch ms); ages and staleness are computed when read, so they grow. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * A {@link LiveVehicle} over one snapshot, as every live account hands it out: `ageOf(path)` and
 * `staleSince` are computed from the field times each time they are read (an adapter that keeps the
 * object sees ages grow), so the three implementations agree on how old a value is.
 * `ageOf` is undefined for a path the snapshot has no value at; otherwise it counts from the field's
 * time (its own `fieldTimes` entry or its block's), else from `fetchedAt`, and is never negative.
 */
export function createLiveVehicle(snapshot: VehicleSnapshot, options: CreateLiveVehicleOptions): LiveVehicle {
  const { staleAfterMs } = options;
  if (typeof staleAfterMs !== 'number' || Number.isNaN(staleAfterMs) || staleAfterMs < 0) {
    throw new BimmerValidationError('The staleness threshold must be zero or more milliseconds.', {
      paths: ['staleAfterMs'],
      action: 'check-input',
    });
  }
  const now = options.now ?? Date.now;
  let json: VehicleJSON | undefined;
  return {
    vin: snapshot.vin,
    snapshot,
    restored: options.restored ?? false,
    ageOf(path: string): number | undefined {
      json ??= vehicleToJSON(snapshot);
      if (jsonValueAt(json, path) === undefined) return undefined;
      const at = fieldTimeOf(snapshot, path)?.at ?? snapshot.fetchedAt;
      return Math.max(0, now() - at.getTime());
    },
    get staleSince(): Date | undefined {
      return staleSince(snapshot, staleAfterMs, now());
    },
  };
}
