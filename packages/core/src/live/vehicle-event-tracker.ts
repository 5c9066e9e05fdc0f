import type { VehicleSnapshot } from '../models/vehicle';
import { deriveVehicleEvents } from './derive-vehicle-events';
import type { VehicleEvent, VehicleEventSettings } from './vehicle-event';
import type { VehicleEventMemory } from './vehicle-event-memory';
import { checkVehicleEventSettings } from './vehicle-event-settings';

/** Options of {@link VehicleEventTracker}. */
export interface VehicleEventTrackerOptions {
  /** Geofences and battery thresholds (checked at once: `BimmerValidationError`). */
  readonly settings?: VehicleEventSettings | undefined;
}

interface TrackedVehicle {
  readonly snapshot: VehicleSnapshot;
  readonly memory: VehicleEventMemory;
}

/**
 * Derived events for every vehicle of one live account: keeps, per VIN, the snapshot last seen and
 * the event memory, and turns each new snapshot into events with {@link deriveVehicleEvents}. Every
 * implementation (CarData, MyBMW, hub client) feeds its merged snapshots through one of these, so
 * all derive events identically.
 *
 * At start, {@link seed} each restored vehicle (with its persisted memory when there is one): that
 * emits nothing, so a restart never tells again what was told before it. Persist {@link memoryOf}
 * beside the snapshot whenever the state is written.
 */
export class VehicleEventTracker {
  readonly #vehicles = new Map<string, TrackedVehicle>();
  #settings: VehicleEventSettings;

  constructor(options: VehicleEventTrackerOptions = {}) {
    checkVehicleEventSettings(options.settings);
    this.#settings = options.settings ?? {};
  }

  /** The settings events are derived with. */
  get settings(): VehicleEventSettings {
    return this.#settings;
  }

  /**
   * Changes the settings from the next snapshot on (a geofence added in a flow's editor). A new
   * threshold or geofence starts from the values held: what is already true then is not an event.
   */
  set settings(settings: VehicleEventSettings) {
    checkVehicleEventSettings(settings);
    this.#settings = settings;
  }

  /** The VINs tracked, in the order they were first seen. */
  get vins(): readonly string[] {
    return [...this.#vehicles.keys()];
  }

  /**
   * Takes a restored snapshot (and its persisted memory, read with `readVehicleEventMemory`) as
   * the state to compare against, emitting nothing. Seeding a VIN already tracked merges in the
   * same way: only values newer than the ones held are taken.
   */
  seed(snapshot: VehicleSnapshot, memory?: VehicleEventMemory | undefined): void {
    const held = this.#vehicles.get(snapshot.vin);
    const derived = deriveVehicleEvents(held?.snapshot, snapshot, this.#settings, memory ?? held?.memory);
    this.#vehicles.set(snapshot.vin, { snapshot, memory: derived.memory });
  }

  /**
   * Takes a new snapshot of a vehicle and returns the events it causes, in the order they happened.
   * The first snapshot of a VIN that was never seeded is a baseline and causes none.
   */
  track(snapshot: VehicleSnapshot): readonly VehicleEvent[] {
    const held = this.#vehicles.get(snapshot.vin);
    const derived = deriveVehicleEvents(held?.snapshot, snapshot, this.#settings, held?.memory);
    this.#vehicles.set(snapshot.vin, { snapshot, memory: derived.memory });
    return derived.events;
  }

  /** The event memory of a vehicle, plain JSON to persist beside its snapshot. */
  memoryOf(vin: string): VehicleEventMemory | undefined {
    return this.#vehicles.get(vin)?.memory;
  }

  /** The snapshot of a vehicle last given to {@link seed} or {@link track}. */
  snapshotOf(vin: string): VehicleSnapshot | undefined {
    return this.#vehicles.get(vin)?.snapshot;
  }

  /** Stops tracking a vehicle (it left the account); its next snapshot is a baseline again. */
  forget(vin: string): void {
    this.#vehicles.delete(vin);
  }
}
