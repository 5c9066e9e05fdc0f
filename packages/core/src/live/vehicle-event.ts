import type { GpsPosition } from '../models/vehicle';

/**
 * What can happen to a vehicle, derived from two snapshots by `deriveVehicleEvents`. The same
 * vocabulary everywhere: CLI, hub topics, Node-RED and Homebridge.
 */
export type VehicleEventType =
  | 'plugged-in'
  | 'unplugged'
  | 'charging-started'
  | 'charging-stopped'
  | 'charging-finished'
  | 'locked'
  | 'unlocked'
  | 'door-opened'
  | 'door-closed'
  | 'window-opened'
  | 'window-closed'
  | 'lid-opened'
  | 'lid-closed'
  | 'trip-started'
  | 'trip-ended'
  | 'arrived'
  | 'left'
  | 'battery-below'
  | 'battery-above'
  | 'service-due'
  | 'check-control-message';

/** One derived event. */
export interface VehicleEvent {
  readonly type: VehicleEventType;
  readonly vin: string;
  /** The time of the field that caused the event (when the car measured it), not when bimmer saw it. */
  readonly at: Date;
  /** What the event is about, e.g. `{ lid: 'trunk' }`, `{ geofence: 'home' }`, `{ percent: 19, threshold: 20 }`. */
  readonly detail: Readonly<Record<string, unknown>>;
}

/** A named circle the user cares about (home, work). */
export interface Geofence {
  readonly name: string;
  readonly center: GpsPosition;
  readonly radiusMeters: number;
}

/** The user's settings that shape derived events. */
export interface VehicleEventSettings {
  /** Named geofences for `arrived` and `left`. */
  readonly geofences?: readonly Geofence[] | undefined;
  /** `battery-below` fires when the state of charge falls below one of these percentages. */
  readonly batteryBelow?: readonly number[] | undefined;
  /** `battery-above` fires when the state of charge reaches (or rises above) one of these percentages. */
  readonly batteryAbove?: readonly number[] | undefined;
  /** Percentage points a value must move back past a threshold before it may fire again. Default 2. */
  readonly batteryHysteresis?: number | undefined;
}
