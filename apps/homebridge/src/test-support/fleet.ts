import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toVehicleSnapshot, VehicleTelemetry } from '@bimmer/cardata';
import { parseMyBMWVehicle, type VehicleSnapshot } from '@bimmer/core';

/** The repository's fleet (our own invented vehicles, see fixtures/README.md). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
/** Fixed, so charging and climate end times are deterministic. */
export const FLEET_FETCHED_AT = new Date('2026-11-30T12:00:00Z');

const FILE =
  /^(bmw|mini|toyota)-eadrax-(vcs_v5_vehicle-list|vcs_v5_vehicle-data_profile|vcs_v4_vehicles_state|crccs_v2_vehicles)(?:_([A-Z0-9]{17}))?\.json$/;

/** Every MyBMW vehicle of `fixtures/mybmw`, parsed as the MyBMW account would, by directory name. */
export function myBMWFleet(): Map<string, VehicleSnapshot> {
  const root = join(FIXTURES_DIR, 'mybmw');
  const fleet = new Map<string, VehicleSnapshot>();
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const parts: Record<string, unknown> = {};
    let brand: 'bmw' | 'mini' | 'toyota' = 'bmw';
    for (const name of readdirSync(join(root, dir.name))) {
      const match = FILE.exec(name);
      if (match === null) continue;
      brand = match[1] as typeof brand;
      parts[match[2] as string] = JSON.parse(readFileSync(join(root, dir.name, name), 'utf8'));
    }
    fleet.set(
      dir.name,
      parseMyBMWVehicle({
        profile: parts['vcs_v5_vehicle-data_profile'],
        state: parts.vcs_v4_vehicles_state,
        chargingSettings: parts.crccs_v2_vehicles,
        fetchedAt: FLEET_FETCHED_AT,
        brand,
        timeZone: 'UTC',
      }),
    );
  }
  return fleet;
}

/** Every CarData vehicle of `fixtures/cardata/rest`, built from its REST data as CarData would, by VIN. */
export function carDataFleet(): Map<string, VehicleSnapshot> {
  const root = join(FIXTURES_DIR, 'cardata', 'rest');
  const fleet = new Map<string, VehicleSnapshot>();
  for (const name of readdirSync(root)) {
    const vin = /^([A-Z0-9]{17})\.json$/.exec(name)?.[1];
    if (vin === undefined) continue;
    const file = JSON.parse(readFileSync(join(root, name), 'utf8')) as {
      basicData?: Parameters<typeof toVehicleSnapshot>[0]['basicData'];
      telematicData?: Parameters<VehicleTelemetry['mergeRest']>[0];
    };
    const telemetry = new VehicleTelemetry(vin);
    telemetry.mergeRest(file.telematicData ?? {});
    fleet.set(
      vin,
      toVehicleSnapshot({ vin, basicData: file.basicData, telemetry, fetchedAt: FLEET_FETCHED_AT }),
    );
  }
  return fleet;
}
