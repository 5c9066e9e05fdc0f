import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@bimmer/auth/internal';
import type { VehicleBasicDataDto } from '@bimmer/cardata';
import { VehicleTelemetry } from '@bimmer/cardata';

/*
 * INTERIM (swap with the real CarData live account of @bimmer/cardata, which persists its state
 * beside the quota ledger). Until then the interim adapter keeps the last value of every
 * descriptor here, so a restart shows the last state without a REST call.
 */

/** One descriptor's last value as persisted. */
interface PersistedValue {
  value: unknown;
  unit: string | undefined;
  /** Epoch ms the car measured it. */
  timestamp: number;
  source: 'stream' | 'rest' | 'poll';
}

/** One vehicle as persisted. */
export interface PersistedVehicle {
  basicData: VehicleBasicDataDto | undefined;
  values: Record<string, PersistedValue>;
}

interface PersistedFile {
  version: 1;
  vehicles: Record<string, PersistedVehicle>;
}

/** Reads the persisted vehicles; an absent or unreadable file is an empty start, never a crash. */
export function readTelemetryState(path: string): Map<string, PersistedVehicle> {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as PersistedFile;
    if (file?.version !== 1 || typeof file.vehicles !== 'object' || file.vehicles === null) return new Map();
    return new Map(Object.entries(file.vehicles));
  } catch {
    return new Map();
  }
}

/** Writes every vehicle atomically (temp file and rename, 0600). */
export async function writeTelemetryState(
  path: string,
  vehicles: ReadonlyMap<string, PersistedVehicle>,
): Promise<void> {
  const file: PersistedFile = { version: 1, vehicles: Object.fromEntries(vehicles) };
  await writeFileAtomic(path, `${JSON.stringify(file)}\n`);
}

/** The persisted form of a telemetry. */
export function persistTelemetry(
  telemetry: VehicleTelemetry,
  basicData: VehicleBasicDataDto | undefined,
): PersistedVehicle {
  const values: Record<string, PersistedValue> = {};
  for (const [key, held] of telemetry.entries()) {
    values[key] = {
      value: held.value ?? null,
      unit: held.unit,
      timestamp: held.timestamp,
      source: held.source,
    };
  }
  return { basicData, values };
}

/** Replays persisted values into a telemetry, keeping each value's time and channel. */
export function restoreTelemetry(telemetry: VehicleTelemetry, persisted: PersistedVehicle): void {
  const rest: Record<string, { value: never; unit: string | null; timestamp: string }> = {};
  const stream: Record<string, { value: unknown; unit?: string; timestamp: string }> = {};
  for (const [key, held] of Object.entries(persisted.values)) {
    if (typeof held?.timestamp !== 'number') continue;
    const timestamp = new Date(held.timestamp).toISOString();
    if (held.source === 'rest')
      rest[key] = { value: held.value as never, unit: held.unit ?? null, timestamp };
    else
      stream[key] = { value: held.value, ...(held.unit === undefined ? {} : { unit: held.unit }), timestamp };
  }
  telemetry.mergeRest(rest);
  telemetry.mergeStream(stream);
}

/** A fresh telemetry restored from its persisted form. */
export function telemetryOf(vin: string, persisted: PersistedVehicle): VehicleTelemetry {
  const telemetry = new VehicleTelemetry(vin);
  restoreTelemetry(telemetry, persisted);
  return telemetry;
}
