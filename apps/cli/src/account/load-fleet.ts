import type { CarDataAccount } from '@bimmer/cardata';
import {
  type BimmerError,
  isBimmerError,
  type VehicleJSON,
  type VehicleSnapshot,
  vehicleToJSON,
} from '@bimmer/core';
import type { GPSPosition } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import { credentialOptions } from '../credentials/credential-options';
import type { PositionalCredentials } from '../credentials/resolve-credentials';
import type { MissingPart } from '../errors/incomplete-load-error';
import { findVehicle, type LoadGaps } from './find-vehicle';
import { openCarDataCliAccount } from './open-cardata-account';
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

/** A vehicle as both transports give it. */
interface SourceVehicle {
  readonly vin: string;
  readonly snapshot: VehicleSnapshot;
}

/** What CarData loaded: the vehicles whose data arrived, and the failures. */
interface SourceLoad extends LoadGaps {
  readonly vehicles: readonly SourceVehicle[];
  /** Vehicles listed but without data, by VIN, with the reason. */
  readonly failedVehicles: ReadonlyMap<string, BimmerError>;
  /** Lists that failed: a vehicle missing from the result may be on one of them. */
  readonly failedLists: readonly { readonly what: string; readonly error: BimmerError }[];
  /** Parts missing from vehicles that are in `vehicles` (CarData: brand and model). */
  readonly missingParts?: readonly MissingPart[] | undefined;
}

/**
 * The vehicles of the account in the core JSON form, from either transport: what `status` prints.
 * Nothing is claimed that was not loaded: a vehicle whose data failed is left out and named in
 * `missing`, and `complete` is false; with `vin`, a failure of that vehicle (or of a list it may be
 * on) is thrown rather than answered with "not found".
 */
export async function loadFleet(context: CliContext, request: FleetRequest): Promise<LoadedFleet> {
  return request.transport === 'cardata' ? loadCarDataFleet(context, request) : loadMyBMW(context, request);
}

/** MyBMW: the SDK's partial load and its report (`lastLoad`), or one vehicle by VIN. */
async function loadMyBMW(context: CliContext, request: FleetRequest): Promise<LoadedFleet> {
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

async function loadCarDataFleet(context: CliContext, request: FleetRequest): Promise<LoadedFleet> {
  const load = await loadCarData(context, request);
  if (request.vin !== undefined) {
    return {
      vehicles: [vehicleToJSON(findVehicle(load.vehicles, request.vin, load).snapshot)],
      complete: true,
      missing: [],
    };
  }
  const missing: MissingPart[] = [
    ...load.failedLists.map(({ what, error }) => ({ what, reason: error.message, code: error.code })),
    ...[...load.failedVehicles].map(([vin, error]) => ({
      what: vin,
      reason: error.message,
      code: error.code,
    })),
    ...(load.missingParts ?? []),
  ];
  return {
    vehicles: load.vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)),
    complete: missing.length === 0,
    missing,
  };
}

async function loadCarData(context: CliContext, request: FleetRequest): Promise<SourceLoad> {
  // The account warns about each part it could not fetch; the load reports those exactly instead.
  const warnings: string[] = [];
  const { account, store } = await openCarDataCliAccount(context, {
    onWarning: (text) => warnings.push(text),
  });
  const progress = request.quiet ? undefined : context.progress();
  const stop = context.cleanups.add(() => progress?.stop());
  progress?.start('Loading vehicles from BMW CarData…');
  try {
    // Mappings and basic data come from the cache; telematic data costs one call per vehicle.
    const refreshCache = request.refreshCache === true;
    const load =
      request.vin === undefined
        ? await loadEveryCarDataVehicle(account, refreshCache)
        : await loadOneCarDataVehicle(account, refreshCache, request.vin);
    progress?.stop();
    for (const text of warnings.filter((warning) => !load.told(warning))) context.log.warn(text);
    if (load.listed === 0) warnNoCarDataVehicles(context, account.unreadableVehicles.length, refreshCache);
    const usage = await account.ledger.usage();
    context.log.debug(`CarData quota: ${usage.used} of ${usage.limit} calls used`);
    return load.source;
  } catch (error) {
    progress?.fail('Could not load the vehicles from CarData.');
    for (const text of warnings) context.log.warn(text);
    throw error;
  } finally {
    stop();
    await store.flush();
  }
}

/** A CarData load: what the status shows, how many vehicles are listed, and which warnings it reports itself. */
interface CarDataLoad {
  readonly source: SourceLoad;
  readonly listed: number;
  /** True for a warning of the account that the load's report already names (said once, not twice). */
  told(warning: string): boolean;
}

/**
 * Every vehicle through the account's partial load: what the budget pays for is loaded, the rest is
 * reported per vehicle and part (a quota refusal with when the next call is free), never all or
 * nothing. A vehicle without its state is left out; one without brand and model is shown, and its
 * missing part named.
 */
async function loadEveryCarDataVehicle(account: CarDataAccount, refreshCache: boolean): Promise<CarDataLoad> {
  const report = await account.loadVehicles({ refreshCache });
  const failedVehicles = new Map<string, BimmerError>();
  const missingParts: MissingPart[] = [];
  for (const missing of report.missing) {
    if (missing.part === 'telematicData') failedVehicles.set(missing.vin, missing.error);
    else {
      missingParts.push({
        what: `${missing.vin} (brand and model)`,
        reason: missing.reason,
        code: missing.error.code,
      });
    }
  }
  return {
    source: {
      vehicles: report.vehicles.filter((vehicle) => !failedVehicles.has(vehicle.vin)),
      failedVehicles,
      failedLists: [],
      missingParts,
    },
    listed: report.vehicles.length,
    told: (warning) =>
      report.missing.some(
        (missing) => warning.startsWith(`Vehicle ${missing.vin}: `) && warning.includes(missing.reason),
      ),
  };
}

/** One vehicle: the list from the cache, then only that vehicle's state (one call, not one per vehicle). */
async function loadOneCarDataVehicle(
  account: CarDataAccount,
  refreshCache: boolean,
  vin: string,
): Promise<CarDataLoad> {
  const listed = await account.getVehicles({ fetchState: false, refreshCache });
  const wanted = vin.trim().toUpperCase();
  const vehicles: SourceVehicle[] = [];
  const failedVehicles = new Map<string, BimmerError>();
  for (const vehicle of listed.filter((candidate) => candidate.vin.toUpperCase() === wanted)) {
    try {
      await vehicle.getVehicleState();
      vehicles.push(vehicle);
    } catch (error) {
      if (!isBimmerError(error)) throw error;
      if (error.code === 'auth' || error.code === 'blocked') throw error;
      failedVehicles.set(vehicle.vin, error);
    }
  }
  return { source: { vehicles, failedVehicles, failedLists: [] }, listed: listed.length, told: () => false };
}

function warnNoCarDataVehicles(context: CliContext, unreadable: number, refreshCache: boolean): void {
  if (unreadable === 0) {
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
