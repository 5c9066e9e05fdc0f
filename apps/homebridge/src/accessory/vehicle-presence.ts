import type { VehicleEvent, VehicleSnapshot } from '@bimmer/core';
import { type HapBinary, HapValue } from '../mapping/hap-values';

/**
 * "In use" and "At home" of one car, from the live account's derived events (core's rules, the same
 * on every transport): `trip-started` / `trip-ended`, and `arrived` / `left` for the car's home
 * geofence. Until an event has come since the start, the snapshot tells: the car's own driving state
 * (`isMoving`) for "In use", the last position inside the home circle for "At home" (a car already at
 * home when Homebridge starts has not arrived, and its first position is no event either).
 */
export class VehiclePresence {
  readonly #homeGeofence: string | undefined;
  #trip: boolean | undefined;
  #home: boolean | undefined;

  /** @param homeGeofence the name of the car's home geofence in the account's event settings. */
  constructor(homeGeofence: string | undefined) {
    this.#homeGeofence = homeGeofence;
  }

  /** Takes a derived event of this car; true when it changed what the tiles show. */
  take(event: VehicleEvent): boolean {
    switch (event.type) {
      case 'trip-started':
      case 'trip-ended':
        return this.#set('trip', event.type === 'trip-started');
      case 'arrived':
      case 'left':
        if (this.#homeGeofence === undefined || event.detail.geofence !== this.#homeGeofence) return false;
        return this.#set('home', event.type === 'arrived');
      default:
        return false;
    }
  }

  /** A trip is running: the last trip event, else the car reports that it is moving. */
  inUse(snapshot: VehicleSnapshot | undefined): boolean {
    return this.#trip ?? snapshot?.isMoving === true;
  }

  /** The "At home" occupancy: the last arrived / left, else the position (undefined: no tile). */
  atHome(fromPosition: HapBinary | undefined): HapBinary | undefined {
    if (fromPosition === undefined || this.#home === undefined) return fromPosition;
    return this.#home ? HapValue.OCCUPANCY_DETECTED : HapValue.OCCUPANCY_NOT_DETECTED;
  }

  #set(which: 'trip' | 'home', value: boolean): boolean {
    const before = which === 'trip' ? this.#trip : this.#home;
    if (which === 'trip') this.#trip = value;
    else this.#home = value;
    return before !== value;
  }
}
