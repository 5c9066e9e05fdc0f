import { type FieldChannel, readVehicleEventMemory, type VehicleEventMemory } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import type { TelematicValue } from '../telematic-value';

/** One descriptor's last value as persisted: the value (null when the car said "unknown"), unit, time, channel. */
export interface PersistedValue {
  readonly value: TelematicValue | null;
  readonly unit?: string | undefined;
  /** When the car measured it (epoch ms). */
  readonly at: number;
  readonly channel: Extract<FieldChannel, 'stream' | 'rest'>;
}

/** What a live account persists of one vehicle. Times in epoch ms on the account's clock. */
export interface PersistedVehicle {
  /** Descriptor key → last value. */
  readonly values: Readonly<Record<string, PersistedValue>>;
  /** The derived events' memory, so a restart tells nothing again. */
  readonly memory?: VehicleEventMemory | undefined;
  /** When data of the vehicle last arrived (the snapshot's `fetchedAt`). */
  readonly updatedAt?: number | undefined;
  /** The last REST read of the vehicle (automatic or explicit). */
  readonly lastRestReadAt?: number | undefined;
  /** When the last stream message of the vehicle arrived. */
  readonly lastStreamAt?: number | undefined;
  /** The automatic reads of the last 24 hours (the daily limit survives a restart). */
  readonly automaticReads: readonly number[];
}

/**
 * The `live` entry of an account in the state file: every vehicle's last known values with their
 * times and channels, the event memory and the policy's bookkeeping. Written beside the quota
 * ledger, atomically, so a restart shows the last state without a REST call.
 */
export interface PersistedLiveState {
  readonly version: 1;
  readonly vehicles: Readonly<Record<string, PersistedVehicle>>;
  /** The last time the vehicle list was read by the automatic policy (an account with no vehicle). */
  readonly discoveryAttemptAt?: number | undefined;
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function persistedValue(raw: unknown): PersistedValue | undefined {
  if (!isJsonObject(raw)) return undefined;
  const at = finite(raw.at);
  if (at === undefined || (raw.channel !== 'stream' && raw.channel !== 'rest')) return undefined;
  const value = raw.value;
  const typed =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    finite(value) !== undefined ||
    typeof value === 'object';
  if (!typed) return undefined;
  return {
    value: value as TelematicValue | null,
    ...(typeof raw.unit === 'string' ? { unit: raw.unit } : {}),
    at,
    channel: raw.channel,
  };
}

function persistedVehicle(raw: unknown): PersistedVehicle | undefined {
  if (!isJsonObject(raw)) return undefined;
  const values: Record<string, PersistedValue> = {};
  if (isJsonObject(raw.values)) {
    for (const [key, entry] of Object.entries(raw.values)) {
      const value = persistedValue(entry);
      if (value !== undefined) values[key] = value;
    }
  }
  const reads = Array.isArray(raw.automaticReads)
    ? raw.automaticReads.map(finite).filter((at): at is number => at !== undefined)
    : [];
  return {
    values,
    memory: readVehicleEventMemory(raw.memory),
    updatedAt: finite(raw.updatedAt),
    lastRestReadAt: finite(raw.lastRestReadAt),
    lastStreamAt: finite(raw.lastStreamAt),
    automaticReads: reads,
  };
}

/**
 * Reads the `live` entry back from the state file, keeping what is well-formed and dropping the
 * rest entry by entry (a damaged value only means that value is not restored; the quota ledger
 * beside it is judged on its own). Undefined when there is no entry or it is of another version.
 */
export function readPersistedLiveState(raw: unknown): PersistedLiveState | undefined {
  if (!isJsonObject(raw) || raw.version !== 1) return undefined;
  const vehicles: Record<string, PersistedVehicle> = {};
  if (isJsonObject(raw.vehicles)) {
    for (const [vin, entry] of Object.entries(raw.vehicles)) {
      const vehicle = persistedVehicle(entry);
      if (vehicle !== undefined) vehicles[vin] = vehicle;
    }
  }
  return { version: 1, vehicles, discoveryAttemptAt: finite(raw.discoveryAttemptAt) };
}
