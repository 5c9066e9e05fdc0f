import { type VehicleJSON, type VehicleSnapshot, vehicleToJSON } from '@bimmer/core';
import { discoveryConfig } from '../home-assistant/discovery-config';
import { Coalescer } from './coalescer';
import { fieldPayloads } from './field-payloads';
import type { HubTopics } from './hub-topics';
import type { MqttOutlet } from './mqtt-outlet';

/** Options of {@link VehiclePublisher}. */
export interface VehiclePublisherOptions {
  readonly outlet: MqttOutlet;
  readonly topics: HubTopics;
  /** A value older than this is published with `stale: true`. */
  readonly staleAfterMs: number;
  /** At most one `<VIN>/state` per vehicle per this interval. */
  readonly stateIntervalMs: number;
  /** Publish Home Assistant discovery configs. */
  readonly discovery: boolean;
  readonly now: () => number;
  /** Told each time a `<VIN>/state` goes out (for metrics). */
  readonly onState?: (() => void) | undefined;
}

interface PublishedVehicle {
  snapshot: VehicleSnapshot;
  /** Its JSON form, made once per snapshot for the field topics, the state and discovery. */
  json: VehicleJSON;
  /** Per-field topic → the payload last published there. */
  readonly fields: Map<string, string>;
  readonly state: Coalescer<VehicleJSON>;
  /** What the discovery config was built from, and the config as published. */
  discoveryKey: string | undefined;
  discovery: string | undefined;
}

/**
 * Publishes each vehicle's retained topics: one per leaf of the JSON form (only when its payload
 * changed, so a flood republishes just the battery; a leaf that vanished is removed with an empty
 * retained message), `<VIN>/state` coalesced to one per `stateIntervalMs`, and the Home Assistant
 * discovery config whenever the vehicle's set of fields (its entities) changes.
 */
export class VehiclePublisher {
  readonly #options: VehiclePublisherOptions;
  readonly #vehicles = new Map<string, PublishedVehicle>();

  constructor(options: VehiclePublisherOptions) {
    this.#options = options;
  }

  /** Publishes what changed of a vehicle's topics after a new snapshot. */
  update(snapshot: VehicleSnapshot): void {
    const json = vehicleToJSON(snapshot);
    let vehicle = this.#vehicles.get(snapshot.vin);
    if (vehicle === undefined) {
      vehicle = {
        snapshot,
        json,
        fields: new Map(),
        state: new Coalescer(
          this.#options.stateIntervalMs,
          (latest) => this.#publishState(latest),
          this.#options.now,
        ),
        discoveryKey: undefined,
        discovery: undefined,
      };
      this.#vehicles.set(snapshot.vin, vehicle);
    }
    vehicle.snapshot = snapshot;
    vehicle.json = json;
    this.#publishFields(vehicle);
    vehicle.state.offer(json);
  }

  /** Publishes again the per-field payloads whose `stale` flag flipped as time went by. */
  refreshStaleness(): void {
    for (const vehicle of this.#vehicles.values()) this.#publishFields(vehicle);
  }

  /** Publishes every discovery config again (Home Assistant said it is `online`). */
  republishDiscovery(): void {
    if (!this.#options.discovery) return;
    for (const [vin, vehicle] of this.#vehicles) {
      if (vehicle.discovery !== undefined)
        this.#options.outlet.retain(this.#options.topics.discovery(vin), vehicle.discovery);
    }
  }

  /** Publishes every `<VIN>/state` that waits for its interval now (at stop). */
  flush(): void {
    for (const vehicle of this.#vehicles.values()) vehicle.state.flush();
  }

  #publishState(json: VehicleJSON): void {
    this.#options.outlet.retain(this.#options.topics.state(json.vin), JSON.stringify(json));
    this.#options.onState?.();
  }

  #publishFields(vehicle: PublishedVehicle): void {
    const { outlet, topics } = this.#options;
    const { vin } = vehicle.snapshot;
    const { json } = vehicle;
    const payloads = fieldPayloads(vehicle.snapshot, json, this.#options.staleAfterMs, this.#options.now());
    for (const [path, payload] of payloads) {
      const text = JSON.stringify(payload);
      if (vehicle.fields.get(path) === text) continue;
      vehicle.fields.set(path, text);
      outlet.retain(topics.field(vin, path), text);
    }
    for (const path of [...vehicle.fields.keys()]) {
      if (payloads.has(path)) continue;
      vehicle.fields.delete(path);
      outlet.retain(topics.field(vin, path), '');
    }
    if (!this.#options.discovery) return;
    const units = new Map<string, string>();
    for (const [path, payload] of payloads) if (payload.unit !== undefined) units.set(path, payload.unit);
    // Cheap enough for every stream message: the entities change only with the set of fields (lids
    // and windows among them, by name) and their units.
    const key = `${json.brand}|${json.name ?? ''}|${[...payloads.keys()].join(',')}|${[...units.values()].join(',')}`;
    if (key === vehicle.discoveryKey) return;
    vehicle.discoveryKey = key;
    const config = discoveryConfig({ vin, json, fields: new Set(payloads.keys()), units }, topics);
    if (config === undefined) return;
    const text = JSON.stringify(config);
    if (text === vehicle.discovery) return;
    vehicle.discovery = text;
    outlet.retain(topics.discovery(vin), text);
  }
}
