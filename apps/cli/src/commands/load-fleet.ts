import { type VehicleJSON, vehicleToJSON } from '@bimmer/core';
import type { GPSPosition } from '@bimmer/mybmw';
import { findVehicle } from '../account/find-vehicle';
import { myBMWVehicleJson } from '../account/mybmw-vehicle-json';
import { openCarDataCliAccount } from '../account/open-cardata-account';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import type { CliContext } from '../context';
import type { PositionalCredentials } from '../credentials/resolve-credentials';
import { credentialOptions } from './credential-options';
import { loadVehicles } from './load-vehicles';

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
  readonly refreshCache?: boolean;
  /** No progress line (JSON output). */
  readonly quiet: boolean;
}

/**
 * The vehicles of the account in the core JSON form, from either transport: one code path for
 * `status`, whatever the source. With `vin`, exactly that vehicle (or a not-found error).
 */
export async function loadFleetJson(context: CliContext, request: FleetRequest): Promise<VehicleJSON[]> {
  if (request.transport === 'cardata') return loadCarDataFleet(context, request);
  const opened = await openMyBMWAccount(context, credentialOptions(context, request.credentials), {
    observerPosition: request.observerPosition,
  });
  const vehicles = await opened.run((account) => loadVehicles(context, account, { quiet: request.quiet }));
  const selected = request.vin === undefined ? vehicles : [findVehicle(vehicles, request.vin)];
  return selected.map((vehicle) => myBMWVehicleJson(vehicle));
}

async function loadCarDataFleet(context: CliContext, request: FleetRequest): Promise<VehicleJSON[]> {
  const { account, store } = await openCarDataCliAccount(context);
  const progress = request.quiet ? undefined : context.progress();
  const stop = context.cleanups.add(() => progress?.stop());
  progress?.start('Loading vehicles from BMW CarData…');
  try {
    // Mappings and basic data come from the cache; telematic data costs one call per vehicle.
    const refreshCache = request.refreshCache === true;
    const vehicles = await account.getVehicles({ fetchState: request.vin === undefined, refreshCache });
    if (vehicles.length === 0) {
      if (account.unreadableVehicles.length === 0) {
        // An empty list is never cached, so the next status looks again by itself.
        context.log.warn(
          'BMW CarData lists no vehicle on this account yet. The car needs an active SIM, an EU market and ' +
            'ConnectedDrive, and you must be its PRIMARY user; once BMW maps it, bimmer status shows it.',
        );
      } else if (!refreshCache) {
        // A non-empty vehicle list is cached for days: a car mapped since the last read is not in it yet.
        context.log.warn(
          'BMW CarData lists no vehicle you can read. If you added one since, run bimmer status --transport cardata --refresh.',
        );
      }
    }
    const selected = request.vin === undefined ? vehicles : [findVehicle(vehicles, request.vin)];
    if (request.vin !== undefined) for (const vehicle of selected) await vehicle.getVehicleState();
    progress?.stop();
    const usage = await account.ledger.usage();
    context.log.debug(`CarData quota: ${usage.used} of ${usage.limit} calls used`);
    return selected.map((vehicle) => vehicleToJSON(vehicle.snapshot));
  } catch (error) {
    progress?.fail('Could not load the vehicles from CarData.');
    throw error;
  } finally {
    stop();
    await store.flush();
  }
}
