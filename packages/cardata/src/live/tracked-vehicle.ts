import type { FieldChannel } from '@bimmer/core';
import {
  type CarDataSnapshotInput,
  type CarDataVehicleSnapshot,
  toVehicleSnapshot,
} from '../model/to-snapshot';
import { VehicleTelemetry } from '../state/vehicle-telemetry';
import type { PersistedValue, PersistedVehicle } from './live-state';

/** Basic data as the snapshot builder takes it (cached beside the tokens). */
export type BasicData = NonNullable<CarDataSnapshotInput['basicData']>;

type StreamData = Parameters<VehicleTelemetry['mergeStream']>[0];
type RestData = Parameters<VehicleTelemetry['mergeRest']>[0];

const DAY_MS = 86_400_000;

/**
 * One vehicle of a live CarData account: its merged telemetry (each descriptor with its own time
 * and channel), its basic data, the snapshot built from both, and the bookkeeping the budget policy
 * and the restart need. Plain state; the account decides when it changes.
 */
export class TrackedVehicle {
  readonly vin: string;
  readonly telemetry: VehicleTelemetry;
  basicData: BasicData | undefined;
  /** True until something newer than the persisted state arrives. */
  restored = false;
  /** When data last arrived (epoch ms): the snapshot's `fetchedAt`. */
  updatedAt: number | undefined;
  lastRestReadAt: number | undefined;
  lastStreamAt: number | undefined;
  automaticReads: number[] = [];
  #snapshot: CarDataVehicleSnapshot | undefined;

  constructor(vin: string, basicData: BasicData | undefined) {
    this.vin = vin;
    this.basicData = basicData;
    this.telemetry = new VehicleTelemetry(vin);
  }

  /**
   * A vehicle as persisted: its values go back into the telemetry with their own times and
   * channels (an "unknown" report stays one), so the snapshot is the one the last run showed.
   */
  static restore(vin: string, persisted: PersistedVehicle, basicData: BasicData | undefined): TrackedVehicle {
    const vehicle = new TrackedVehicle(vin, basicData);
    const stream: StreamData = {};
    const rest: Record<string, { value: unknown; unit: string | null; timestamp: string }> = {};
    for (const [key, entry] of Object.entries(persisted.values)) {
      const timestamp = new Date(entry.at).toISOString();
      if (entry.channel === 'stream')
        stream[key] = {
          value: entry.value,
          timestamp,
          ...(entry.unit === undefined ? {} : { unit: entry.unit }),
        };
      else rest[key] = { value: entry.value, unit: entry.unit ?? null, timestamp };
    }
    vehicle.telemetry.mergeRest(rest as unknown as RestData);
    vehicle.telemetry.mergeStream(stream);
    vehicle.restored = true;
    vehicle.updatedAt = persisted.updatedAt;
    vehicle.lastRestReadAt = persisted.lastRestReadAt;
    vehicle.lastStreamAt = persisted.lastStreamAt;
    vehicle.automaticReads = [...persisted.automaticReads];
    return vehicle;
  }

  /** The snapshot of everything known (rebuilt after {@link invalidate}). */
  snapshot(now: number): CarDataVehicleSnapshot {
    this.#snapshot ??= toVehicleSnapshot({
      vin: this.vin,
      basicData: this.basicData,
      telemetry: this.telemetry,
      fetchedAt: new Date(this.updatedAt ?? now),
    });
    return this.#snapshot;
  }

  /** The telemetry or basic data changed: the next {@link snapshot} is built anew. */
  invalidate(): void {
    this.#snapshot = undefined;
  }

  /** The newest measurement time held (epoch ms), from any channel. */
  get newestFieldAt(): number | undefined {
    return this.telemetry.latestTimestamp;
  }

  /** Records an automatic read (attempt) and forgets those older than a day. */
  recordAutomaticRead(at: number): void {
    this.automaticReads = [...this.automaticReads.filter((read) => read > at - DAY_MS), at];
  }

  /** The vehicle as persisted, with the event memory the account's tracker keeps for it. */
  toPersisted(memory: PersistedVehicle['memory'], now: number): PersistedVehicle {
    const values: Record<string, PersistedValue> = {};
    for (const [key, held] of this.telemetry.entries()) {
      values[key] = {
        value: held.value ?? null,
        ...(held.unit === undefined ? {} : { unit: held.unit }),
        at: held.timestamp,
        channel: channelOf(held.source),
      };
    }
    return {
      values,
      memory,
      updatedAt: this.updatedAt,
      lastRestReadAt: this.lastRestReadAt,
      lastStreamAt: this.lastStreamAt,
      automaticReads: this.automaticReads.filter((read) => read > now - DAY_MS),
    };
  }
}

function channelOf(source: FieldChannel): 'stream' | 'rest' {
  return source === 'rest' ? 'rest' : 'stream';
}
