import { parseMyBMWVehicle, type VehicleJSON, vehicleToJSON } from '@bimmer/core';
import type { MyBMWVehicle } from '@bimmer/mybmw';

/**
 * The core JSON form of a MyBMW vehicle (what `status --json` prints and the text view renders), parsed
 * from the vehicle's last profile, state and charging responses.
 */
export function myBMWVehicleJson(vehicle: MyBMWVehicle, region: string): VehicleJSON {
  const data = vehicle.stateData;
  const snapshot = parseMyBMWVehicle({
    profile: { ...vehicle.profile, vin: vehicle.vin },
    state: data === undefined ? undefined : { capabilities: data.capabilities, state: data.state },
    chargingSettings: data?.chargingSettings ?? undefined,
    fetchedAt: data?.fetchedAt ?? vehicle.account.now(),
    region: region as Parameters<typeof parseMyBMWVehicle>[0]['region'],
    brand: vehicle.brand,
  });
  return vehicleToJSON(snapshot);
}
