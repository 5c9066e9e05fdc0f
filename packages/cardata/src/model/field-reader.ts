import { type FieldChannel, type FieldTime, SnapshotSource } from '@bimmer/core';
import { type DescriptorName, descriptorKey } from '../descriptors';
import type { TelemetryValue, VehicleTelemetry } from '../state/vehicle-telemetry';
import type { TelematicValue } from '../telematic-value';

/**
 * Reads typed values out of a vehicle's telemetry and records, per snapshot field, when and from
 * where its value came.
 */
export class FieldReader {
  readonly #telemetry: VehicleTelemetry;
  /** Snapshot field path → when it was measured, over which channel, from which descriptor. */
  readonly times: Record<string, FieldTime> = {};

  constructor(telemetry: VehicleTelemetry) {
    this.#telemetry = telemetry;
  }

  /** The raw held value of the first name that has one, or of the newest among them. */
  pick(names: readonly DescriptorName[]): { name: DescriptorName; held: TelemetryValue } | undefined {
    let best: { name: DescriptorName; held: TelemetryValue } | undefined;
    for (const name of names) {
      const held = this.#telemetry.get(descriptorKey(name));
      if (held === undefined || held.value === undefined) continue;
      if (best === undefined || held.timestamp > best.held.timestamp) best = { name, held };
    }
    return best;
  }

  /** A number for `field`, from the newest of `names`, recording its time. */
  number(field: string, ...names: DescriptorName[]): number | undefined {
    return this.#typed(field, names, (value) => (typeof value === 'number' ? value : undefined));
  }

  /** A boolean for `field`. */
  boolean(field: string, ...names: DescriptorName[]): boolean | undefined {
    return this.#typed(field, names, (value) => (typeof value === 'boolean' ? value : undefined));
  }

  /** A string for `field`. */
  string(field: string, ...names: DescriptorName[]): string | undefined {
    return this.#typed(field, names, (value) => (typeof value === 'string' ? value : undefined));
  }

  /** A JSON value (array or object) for `field`. */
  json(field: string, ...names: DescriptorName[]): unknown[] | Record<string, unknown> | undefined {
    return this.#typed(field, names, (value) => (typeof value === 'object' ? value : undefined));
  }

  /** The time a held value was measured, for derived fields. */
  timeOf(name: DescriptorName): number | undefined {
    return this.#telemetry.get(descriptorKey(name))?.timestamp;
  }

  /** Records the freshness of a field computed from several inputs. */
  record(field: string, at: number, channel: FieldChannel, descriptor: string): void {
    this.times[field] = { at: new Date(at), source: SnapshotSource.CARDATA, channel, descriptor };
  }

  #typed<T>(
    field: string,
    names: readonly DescriptorName[],
    cast: (value: TelematicValue) => T | undefined,
  ): T | undefined {
    const found = this.pick(names);
    if (found === undefined || found.held.value === undefined) return undefined;
    const value = cast(found.held.value);
    if (value === undefined) return undefined;
    this.record(field, found.held.timestamp, found.held.source, descriptorKey(found.name));
    return value;
  }
}
