import type { LiveVehicle } from '@bimmer/core';
import { formatInstant } from '@bimmer/core/internal';
import { formatAge } from './age';
import { formatTime } from './format';

/**
 * How old what bimmer kept of a vehicle is, in the JSON output of `status --cached` (key `freshness`
 * beside the JSON form) and of `stream --json` (`restored` lines). Seconds are whole and rounded
 * down; instants are ISO-8601 like the JSON form's.
 */
export interface FreshnessJSON {
  /** True while nothing newer than what was kept has arrived. */
  readonly restored: boolean;
  /** How many values (the `fieldTimes` entries) bimmer knows of the vehicle. */
  readonly knownValues: number;
  /** When the newest value was measured, and its age. */
  readonly newestAt?: string;
  readonly ageSeconds?: number;
  /** When the oldest value was measured, and its age. */
  readonly oldestAt?: string;
  readonly oldestAgeSeconds?: number;
  /** No value is newer than `staleAfterSeconds` (or none is known). */
  readonly stale: boolean;
  /** Since when the vehicle has been stale (its newest value's time plus the threshold). */
  readonly staleSince?: string;
  readonly staleAfterSeconds: number;
  /** The age of every value, keyed like `fieldTimes` (dot paths of the JSON form). */
  readonly fieldAgeSeconds: Readonly<Record<string, number>>;
}

/** The measurement times of the values bimmer knows of a vehicle (its `fieldTimes`), by dot path. */
function fieldInstants(vehicle: LiveVehicle): [string, number][] {
  return Object.entries(vehicle.snapshot.fieldTimes ?? {})
    .filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)
    .map(([path, time]) => [path, time.at.getTime()]);
}

/** The {@link FreshnessJSON} of a vehicle at `now` (epoch ms). */
export function freshnessJSON(vehicle: LiveVehicle, now: number, staleAfterMs: number): FreshnessJSON {
  const instants = fieldInstants(vehicle);
  const seconds = (at: number) => Math.max(0, Math.floor((now - at) / 1000));
  const fieldAgeSeconds = Object.fromEntries(instants.map(([path, at]) => [path, seconds(at)]));
  const base = {
    restored: vehicle.restored,
    knownValues: instants.length,
    staleAfterSeconds: Math.floor(staleAfterMs / 1000),
  };
  if (instants.length === 0) return { ...base, stale: true, fieldAgeSeconds };
  const times = instants.map(([, at]) => at);
  const newest = Math.max(...times);
  const oldest = Math.min(...times);
  const staleAt = newest + staleAfterMs;
  return {
    restored: base.restored,
    knownValues: base.knownValues,
    newestAt: formatInstant(new Date(newest)),
    ageSeconds: seconds(newest),
    oldestAt: formatInstant(new Date(oldest)),
    oldestAgeSeconds: seconds(oldest),
    stale: staleAt <= now,
    ...(staleAt <= now ? { staleSince: formatInstant(new Date(staleAt)) } : {}),
    staleAfterSeconds: base.staleAfterSeconds,
    fieldAgeSeconds,
  };
}

/**
 * The line that says how old what bimmer kept of a vehicle is, for a person: `newest value 5 min ago,
 * oldest 2 d ago`, and when no value is newer than the threshold, `stale since 2026-12-01 19:00 UTC`.
 * Undefined when no value is known.
 */
export function lastKnownText(vehicle: LiveVehicle, now: number, staleAfterMs: number): string | undefined {
  const times = fieldInstants(vehicle).map(([, at]) => at);
  if (times.length === 0) return undefined;
  const newest = Math.max(...times);
  const oldest = Math.min(...times);
  const newestAge = formatAge(now - newest);
  const oldestAge = formatAge(now - oldest);
  const ages =
    newestAge === oldestAge
      ? `every value ${newestAge} ago`
      : `newest value ${newestAge} ago, oldest ${oldestAge} ago`;
  const staleAt = newest + staleAfterMs;
  return staleAt <= now ? `${ages}; stale since ${formatTime(new Date(staleAt))}` : ages;
}
