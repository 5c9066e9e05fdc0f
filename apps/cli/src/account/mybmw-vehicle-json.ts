import { type VehicleJSON, vehicleToJSON } from '@bimmer/core';
import type { MyBMWVehicle } from '@bimmer/mybmw';

/**
 * The core JSON form of a MyBMW vehicle (what `status --json` prints and the text view renders): the
 * SDK's parsed snapshot, including a vehicle-finder position when there is one.
 */
export function myBMWVehicleJson(vehicle: MyBMWVehicle): VehicleJSON {
  return vehicleToJSON(vehicle.snapshot);
}
