import { ClimateActivityState, type VehicleSnapshot } from '@bimmer/core';

/**
 * Whether the cabin is being heated or cooled (BMW's COOLING or HEATING; ventilation and standby
 * are off). Undefined when the car reports no climate state, or an unknown one.
 */
export function climateOn(snapshot: VehicleSnapshot): boolean | undefined {
  const climate = snapshot.climate;
  if (climate === undefined || climate.activity === ClimateActivityState.UNKNOWN) return undefined;
  return climate.isClimateOn;
}
