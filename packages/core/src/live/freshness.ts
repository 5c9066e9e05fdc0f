import type { FieldTime, VehicleSnapshot } from '../models/vehicle';

/**
 * The time of the field at `path` (dot path of the JSON form): its own entry in `fieldTimes`, else
 * the entry of its nearest parent block (`fuelAndBattery` for `fuelAndBattery.chargingStatus`).
 * Undefined when the snapshot keeps no time for it; callers fall back to `fetchedAt`.
 */
export function fieldTimeOf(snapshot: VehicleSnapshot, path: string): FieldTime | undefined {
  const times = snapshot.fieldTimes;
  if (times === undefined) return undefined;
  let key = path;
  for (;;) {
    const time = times[key];
    if (time !== undefined) return time;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    key = key.slice(0, dot);
  }
}

/**
 * Age in milliseconds of the field at `path` at `now` (epoch ms): from its field time, or from the
 * snapshot's `fetchedAt` when it has none. Never negative.
 */
export function fieldAge(snapshot: VehicleSnapshot, path: string, now: number): number {
  const at = fieldTimeOf(snapshot, path)?.at ?? snapshot.fetchedAt;
  return Math.max(0, now - at.getTime());
}

/** The newest time any field of the snapshot was measured (`fetchedAt` when it keeps no field times). */
export function newestFieldTime(snapshot: VehicleSnapshot): Date {
  let newest: Date | undefined;
  for (const time of Object.values(snapshot.fieldTimes ?? {})) {
    if (time !== undefined && (newest === undefined || time.at > newest)) newest = time.at;
  }
  return newest ?? snapshot.fetchedAt;
}

/**
 * When the vehicle became stale: its newest field time plus `thresholdMs`, if that moment is at or
 * before `now`; undefined while it is fresh.
 */
export function staleSince(snapshot: VehicleSnapshot, thresholdMs: number, now: number): Date | undefined {
  const since = newestFieldTime(snapshot).getTime() + thresholdMs;
  return since <= now ? new Date(since) : undefined;
}
