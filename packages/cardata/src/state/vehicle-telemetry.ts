import type { FieldChannel } from '@bimmer/core';
import { descriptorKey } from '../descriptors';
import type { TelematicDataEntryDto } from '../rest/schemas';
import type { StreamDataEntry } from '../stream/stream-message';
import { parseTelematicValue, type TelematicValue } from '../telematic-value';

/** Where a value came from: the MQTT `stream` or a `rest` call (core's `FieldChannel`). */
export type TelemetrySource = FieldChannel;

/** One descriptor's value with its freshness. */
export interface TelemetryValue {
  /** Undefined when the car reported "unknown" (ASN_isUnknown, INVALID). */
  value: TelematicValue | undefined;
  unit: string | undefined;
  /** When the car measured it (epoch ms). */
  timestamp: number;
  source: TelemetrySource;
}

/** A position from a paired latitude and longitude. */
export interface PairedLocation {
  latitude: number;
  longitude: number;
  heading: number | undefined;
  /** The later of the two halves' timestamps (epoch ms). */
  timestamp: number;
  source: TelemetrySource;
}

/** Options of {@link VehicleTelemetry}. */
export interface VehicleTelemetryOptions {
  /** Latitude and longitude pair when their timestamps are at most this far apart. Default 60 s. */
  locationPairWindowMs?: number;
}

/**
 * Everything known about one vehicle's descriptors, merged from partial stream messages and REST
 * snapshots. Each field keeps its own timestamp; a value older than the one held is ignored.
 */
export class VehicleTelemetry {
  readonly vin: string;
  readonly #values = new Map<string, TelemetryValue>();
  readonly #pairWindowMs: number;
  #location: PairedLocation | undefined;

  constructor(vin: string, options: VehicleTelemetryOptions = {}) {
    this.vin = vin;
    this.#pairWindowMs = options.locationPairWindowMs ?? 60_000;
  }

  /** Merges a stream message's data; returns the descriptors whose value changed or got newer. */
  mergeStream(data: Record<string, StreamDataEntry>): string[] {
    const changed: string[] = [];
    for (const [key, entry] of Object.entries(data)) {
      if (this.#merge(key, entry.value, entry.unit, Date.parse(entry.timestamp), 'stream')) changed.push(key);
    }
    this.#pairLocation(changed);
    return changed;
  }

  /** Merges a REST `telematicData` answer; entries never received (null timestamp) are skipped. */
  mergeRest(telematicData: Record<string, TelematicDataEntryDto>): string[] {
    const changed: string[] = [];
    for (const [key, entry] of Object.entries(telematicData)) {
      if (entry === null || typeof entry !== 'object' || entry.timestamp === null) continue;
      const at = Date.parse(entry.timestamp);
      if (this.#merge(key, entry.value, entry.unit ?? undefined, at, 'rest')) changed.push(key);
    }
    this.#pairLocation(changed);
    return changed;
  }

  /** The value held for a descriptor key. */
  get(key: string): TelemetryValue | undefined {
    return this.#values.get(key);
  }

  /** Every descriptor held. */
  entries(): [string, TelemetryValue][] {
    return [...this.#values];
  }

  /** The latest position whose latitude and longitude belong together. */
  get location(): PairedLocation | undefined {
    return this.#location;
  }

  /** The newest timestamp held (epoch ms), or undefined when nothing is known. */
  get latestTimestamp(): number | undefined {
    let latest: number | undefined;
    for (const value of this.#values.values()) latest = Math.max(latest ?? 0, value.timestamp);
    return latest;
  }

  #merge(
    key: string,
    raw: unknown,
    unit: string | undefined,
    timestamp: number,
    source: TelemetrySource,
  ): boolean {
    if (Number.isNaN(timestamp)) return false;
    const held = this.#values.get(key);
    if (held !== undefined && held.timestamp > timestamp) return false;
    const value = parseTelematicValue(key, raw);
    if (held !== undefined && held.timestamp === timestamp && sameValue(held.value, value)) return false;
    this.#values.set(key, { value, unit, timestamp, source });
    return true;
  }

  /** Pairs the halves of a position, which may arrive in separate messages. */
  #pairLocation(changed: string[]): void {
    const latKey = descriptorKey('latitude');
    const lonKey = descriptorKey('longitude');
    if (!changed.includes(latKey) && !changed.includes(lonKey)) return;
    const lat = this.#values.get(latKey);
    const lon = this.#values.get(lonKey);
    if (typeof lat?.value !== 'number' || typeof lon?.value !== 'number') return;
    if (Math.abs(lat.timestamp - lon.timestamp) > this.#pairWindowMs) return;
    const timestamp = Math.max(lat.timestamp, lon.timestamp);
    if (this.#location !== undefined && this.#location.timestamp > timestamp) return;
    const heading = this.#values.get(descriptorKey('heading'));
    this.#location = {
      latitude: lat.value,
      longitude: lon.value,
      heading:
        typeof heading?.value === 'number' && Math.abs(heading.timestamp - timestamp) <= this.#pairWindowMs
          ? heading.value
          : undefined,
      timestamp,
      source: lat.timestamp >= lon.timestamp ? lat.source : lon.source,
    };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
