import { ChargingState, type VehicleSnapshot } from '@bimmer/core';
import type { HomeGeofence } from '../config/platform-config';
import { isInside } from './geofence';
import { type HapBinary, HapValue } from './hap-values';

/** States that mean a cable is in, when the car does not report the plug itself. */
const PLUGGED_STATES = new Set<string>([
  ChargingState.CHARGING,
  ChargingState.PLUGGED_IN,
  ChargingState.WAITING_FOR_CHARGING,
  ChargingState.FULLY_CHARGED,
  ChargingState.FINISHED_FULLY_CHARGED,
  ChargingState.FINISHED_NOT_FULL,
  ChargingState.TARGET_REACHED,
  ChargingState.COMPLETE,
]);

/** What the occupancy sensors show; undefined where the car does not tell (no tile). */
export interface OccupancyValues {
  readonly pluggedIn: HapBinary | undefined;
  readonly charging: HapBinary | undefined;
  readonly atHome: HapBinary | undefined;
}

const detected = (yes: boolean): HapBinary =>
  yes ? HapValue.OCCUPANCY_DETECTED : HapValue.OCCUPANCY_NOT_DETECTED;

/**
 * Electric and plug-in cars only (MyBMW reports "not connected" for a petrol car too). Plugged in
 * (the car's plug report, else a charging state that implies a cable), charging (BMW
 * says CHARGING) and at home (the last position inside the home circle). Occupancy sensors, not
 * switches: Home runs automations on them without asking for confirmation.
 */
export function occupancyValues(snapshot: VehicleSnapshot, home: HomeGeofence | undefined): OccupancyValues {
  const fuel = snapshot.fuelAndBattery;
  const status = fuel?.chargingStatus;
  const known = status !== undefined && status !== ChargingState.UNKNOWN && status !== ChargingState.INVALID;
  const pluggedIn = !snapshot.hasElectricDrivetrain
    ? undefined
    : fuel?.isChargerConnected !== undefined
      ? detected(fuel.isChargerConnected)
      : known
        ? detected(PLUGGED_STATES.has(status))
        : undefined;
  const charging =
    known && snapshot.hasElectricDrivetrain ? detected(status === ChargingState.CHARGING) : undefined;
  const position = snapshot.vehicleLocation?.location;
  const atHome =
    home === undefined || position === undefined ? undefined : detected(isInside(position, home));
  return { pluggedIn, charging, atHome };
}
