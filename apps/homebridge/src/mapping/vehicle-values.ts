import type { VehicleSnapshot } from '@bimmer/core';
import type { VehicleSettings } from '../config/platform-config';
import { type BatteryValues, batteryValues, stateOfChargeValue } from './battery-values';
import { climateOn } from './climate-values';
import { type ContactValues, contactValues } from './contact-values';
import { type InformationValues, informationValues } from './information-values';
import { type LockValues, lockValues } from './lock-values';
import { type OccupancyValues, occupancyValues } from './occupancy-values';

/** Every characteristic value of a vehicle's accessory, derived from one snapshot. */
export interface VehicleValues {
  readonly information: InformationValues;
  readonly battery: BatteryValues | undefined;
  readonly stateOfCharge: number | undefined;
  readonly contacts: ContactValues;
  readonly lock: LockValues | undefined;
  readonly occupancy: OccupancyValues;
  readonly climateOn: boolean | undefined;
  /**
   * The car reports what trips are derived from (its driving state, the odometer or its position),
   * so "In use" can ever show a trip. A car that reports none gets no "In use" tile.
   */
  readonly reportsTrips: boolean;
}

/**
 * The snapshot -> characteristics mapping, as one pure function: the same snapshot and settings
 * always give the same values, so every tile can be tested against our fleet without HomeKit.
 */
export function vehicleValues(snapshot: VehicleSnapshot, settings: VehicleSettings): VehicleValues {
  return {
    information: informationValues(snapshot),
    battery: batteryValues(snapshot, settings.lowBatteryPercent),
    stateOfCharge: stateOfChargeValue(snapshot),
    contacts: contactValues(snapshot),
    lock: lockValues(snapshot),
    occupancy: occupancyValues(snapshot, settings.home),
    climateOn: climateOn(snapshot),
    reportsTrips:
      snapshot.isMoving !== undefined ||
      snapshot.mileage?.value !== undefined ||
      snapshot.vehicleLocation?.location !== undefined,
  };
}
