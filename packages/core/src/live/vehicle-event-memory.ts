import { isJsonObject } from '../util/json-object';
import type { HeldReading, ReadingValue } from './event-readings';

/** A trip in progress, as derived events remember it between snapshots. */
export interface TripMemory {
  /** When the trip was seen to start (epoch ms). */
  readonly startedAt: number;
  /** The odometer (km) before the trip, for the distance of `trip-ended`. */
  readonly startMileageKm?: number | undefined;
  /** True when the trip was inferred from mileage or position, false when the car said it moved. */
  readonly inferred: boolean;
}

/**
 * What `deriveVehicleEvents` remembers about one vehicle between two calls: plain JSON, so a live
 * account persists it beside the vehicle's last snapshot and restores both at start (then nothing
 * that was already told is told again).
 *
 * - `held`: the last accepted reading of every watched field (dot path → value and time). A new
 *   value counts only when it is newer than the one held here, so a late message (or a snapshot
 *   that went back in time) never causes an event, nor makes a later message look new again.
 * - `batteryBelow` / `batteryAbove`: per threshold (as a string, `"20"`), true once the event fired
 *   and until the state of charge has moved back past the threshold by the hysteresis.
 * - `trip`: the trip in progress, if any.
 */
export interface VehicleEventMemory {
  readonly version: 1;
  readonly held: Readonly<Record<string, HeldReading>>;
  readonly batteryBelow: Readonly<Record<string, boolean>>;
  readonly batteryAbove: Readonly<Record<string, boolean>>;
  readonly trip?: TripMemory | undefined;
}

function readingValue(raw: unknown): ReadingValue | null | undefined {
  if (raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (Array.isArray(raw)) {
    return raw.every((item) => typeof item === 'number' && Number.isFinite(item))
      ? (raw as number[])
      : undefined;
  }
  if (isJsonObject(raw)) {
    const entries = Object.entries(raw);
    return entries.every(([, value]) => typeof value === 'string')
      ? Object.fromEntries(entries as [string, string][])
      : undefined;
  }
  return undefined;
}

function flags(raw: unknown): Record<string, boolean> {
  if (!isJsonObject(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'),
  );
}

function trip(raw: unknown): TripMemory | undefined {
  if (!isJsonObject(raw)) return undefined;
  const { startedAt, startMileageKm, inferred } = raw;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt) || typeof inferred !== 'boolean') {
    return undefined;
  }
  return {
    startedAt,
    startMileageKm:
      typeof startMileageKm === 'number' && Number.isFinite(startMileageKm) ? startMileageKm : undefined,
    inferred,
  };
}

/**
 * Reads a memory back from persisted JSON (a state file), keeping what is well-formed and dropping
 * the rest entry by entry; undefined when it is no memory at all (another version, not an object).
 * A dropped entry only means that field starts afresh: its next value is taken without an event.
 */
export function readVehicleEventMemory(raw: unknown): VehicleEventMemory | undefined {
  if (!isJsonObject(raw) || raw.version !== 1) return undefined;
  const held: [string, HeldReading][] = [];
  if (isJsonObject(raw.held)) {
    for (const [path, entry] of Object.entries(raw.held)) {
      if (!isJsonObject(entry) || typeof entry.at !== 'number' || !Number.isFinite(entry.at)) continue;
      const value = readingValue(entry.value);
      if (value !== undefined) held.push([path, { value, at: entry.at }]);
    }
  }
  return {
    version: 1,
    held: Object.fromEntries(held),
    batteryBelow: flags(raw.batteryBelow),
    batteryAbove: flags(raw.batteryAbove),
    trip: trip(raw.trip),
  };
}
