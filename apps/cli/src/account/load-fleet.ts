import { type VehicleJSON, vehicleToJSON } from '@bimmer/core';
import type { GPSPosition } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import { credentialOptions } from '../credentials/credential-options';
import type { PositionalCredentials } from '../credentials/resolve-credentials';
import type { MissingPart } from '../errors/incomplete-load-error';
import { openMyBMWAccount } from './open-mybmw-account';

/** Where vehicle data comes from: the MyBMW app API, or BMW CarData. */
export const TRANSPORTS = ['mybmw', 'cardata'] as const;
/** One of {@link TRANSPORTS}. */
export type Transport = (typeof TRANSPORTS)[number];

/** What `status` asks a transport for. */
export interface FleetRequest {
  readonly transport: Transport;
  /** Only this vehicle (CarData then fetches only its data, saving quota). */
  readonly vin?: string | undefined;
  readonly credentials?: PositionalCredentials | undefined;
  readonly observerPosition?: GPSPosition | undefined;
  /** CarData: reload mappings and basic data instead of using the cache. */
  readonly refreshCache?: boolean | undefined;
  /** No progress line (JSON output). */
  readonly quiet: boolean;
}

/** The vehicles a load got, and what it could not get. */
export interface LoadedFleet {
  /** In the core JSON form; with a VIN, exactly that vehicle. */
  readonly vehicles: readonly VehicleJSON[];
  /** True when the whole account (or the one vehicle asked for) loaded: the transport's verdict. */
  readonly complete: boolean;
  /** What could not be loaded (empty when complete). */
  readonly missing: readonly MissingPart[];
}

/**
 * The vehicles of the account in the core JSON form, from either transport: what `status` prints.
 * Nothing is claimed that was not loaded: a vehicle whose data failed is left out and named in
 * `missing`, and `complete` is false; with `vin`, a failure of that vehicle (or of a list it may be
 * on) is thrown rather than answered with "not found".
 */
export async function loadFleet(context: CliContext, request: FleetRequest): Promise<LoadedFleet> {
  if (request.transport === 'cardata') {
    const { loadCarDataFleet } = await import('./load-cardata-fleet');
    return loadCarDataFleet(context, request);
  }
  return loadMyBMWFleet(context, request);
}

/** MyBMW: the SDK's partial load and its report (`lastLoad`), or one vehicle by VIN. */
async function loadMyBMWFleet(context: CliContext, request: FleetRequest): Promise<LoadedFleet> {
  const { loadVehicles, selectVehicle } = await import('./load-vehicles');
  const opened = await openMyBMWAccount(context, credentialOptions(context, request.credentials), {
    observerPosition: request.observerPosition,
  });
  const quiet = request.quiet;
  return opened.run(async (account) => {
    const loaded = await loadVehicles(context, account, { quiet });
    if (request.vin !== undefined) {
      const vehicle = await selectVehicle(context, account, loaded, request.vin, { quiet });
      return { vehicles: [vehicleToJSON(vehicle.snapshot)], complete: true, missing: [] };
    }
    return {
      vehicles: loaded.vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)),
      complete: loaded.complete,
      missing: loaded.missing,
    };
  });
}
