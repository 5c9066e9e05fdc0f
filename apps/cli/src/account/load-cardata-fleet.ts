import { FileTokenStore } from '@bimmer/auth';
import {
  type CarDataMissingData,
  carDataAccountKey,
  carDataStatePathFor,
  FileCarDataStateStore,
} from '@bimmer/cardata';
import {
  type BimmerError,
  isBimmerError,
  type LiveAccount,
  type LiveVehicle,
  vehicleToJSON,
} from '@bimmer/core';
import { isAccountWideError } from '@bimmer/mybmw/internal';
import type { CliContext } from '../context';
import type { MissingPart } from '../errors/incomplete-load-error';
import type { LoadedFleet } from './load-fleet';
import { notLoadedError } from './not-loaded-error';
import { openCarDataCliAccount } from './open-cardata-account';
import { openLiveAccount } from './open-live-account';
import { vehicleNotFound } from './vehicle-not-found';

/** What `status --transport cardata` asks for. */
export interface CarDataFleetRequest {
  /** Only this vehicle: one REST call, not one per vehicle. */
  readonly vin?: string | undefined;
  /** Read the vehicle list and basic data again instead of using the cache. */
  readonly refreshCache?: boolean | undefined;
  /** No progress line (JSON output). */
  readonly quiet: boolean;
}

/**
 * `status --transport cardata`: the vehicle list (and brand and model) from the cache beside the
 * tokens or, when stale or with `--refresh`, from BMW; then each vehicle's data read through the live
 * CarData account (`refresh(vin)`, one REST call each), the same account `stream` and the hub run.
 * What it reads is kept in the account's state file, so `status --cached` afterwards shows it without
 * a call. Each vehicle is read on its own: what the budget pays for is shown, and what it does not (or
 * what failed) is named in `missing`, never all or nothing. A vehicle the budget refuses costs
 * nothing: the live account refuses before sending.
 */
export async function loadCarDataFleet(
  context: CliContext,
  request: CarDataFleetRequest,
): Promise<LoadedFleet> {
  // The list account warns about each part it could not fetch; the load reports those exactly instead.
  const warnings: string[] = [];
  const {
    account: list,
    store,
    tokenFile,
  } = await openCarDataCliAccount(context, {
    onWarning: (text) => warnings.push(text),
  });
  const progress = request.quiet ? undefined : context.progress();
  const stop = context.cleanups.add(() => progress?.stop());
  progress?.start('Loading vehicles from BMW CarData…');
  let told = (_warning: string) => false;
  try {
    const refreshCache = request.refreshCache === true;
    const listed = await list.loadVehicles({ fetchState: false, refreshCache });
    // A renewal of the list's request is on disk before the live account reads the tokens.
    await store.flush();
    const vins = listed.vehicles.map((vehicle) => vehicle.vin);
    const targets = request.vin === undefined ? vins : [chosenVin(vins, request.vin)];
    // Opened after the list: it restores the vehicles of the list cached just now, and what it kept.
    const opened = await openLiveAccount(context, { transport: 'cardata', restReadsPerDay: 0 });
    const read = await readEach(opened.account, targets);
    await opened.flush();
    progress?.stop();
    // Brand and model that failed on the list may have come with the vehicle's read.
    const basicDataMissing = listed.missing.filter(
      (missing) => missing.part === 'basicData' && targets.includes(missing.vin),
    );
    const kept = await basicDataKept(context, tokenFile, basicDataMissing);
    told = (warning) => listed.missing.some((missing) => sameVehicleWarning(warning, missing));
    for (const text of warnings.filter((warning) => !told(warning))) context.log.warn(text);
    if (vins.length === 0) warnNoCarDataVehicles(context, list.unreadableVehicles.length, refreshCache);
    const usage = await list.ledger.usage();
    context.log.debug(`CarData quota: ${usage.used} of ${usage.limit} calls used`);

    if (request.vin !== undefined) {
      const [vin = request.vin] = targets;
      const failure = read.failures.get(vin);
      if (failure !== undefined) throw notLoadedError(vin, failure);
      const vehicle = read.vehicles[0];
      if (vehicle === undefined) throw new Error(`${vin} was neither read nor refused.`);
      return { vehicles: [vehicleToJSON(vehicle.snapshot)], complete: true, missing: [] };
    }
    const missing: MissingPart[] = [
      ...[...read.failures].map(([vin, error]) => ({ what: vin, reason: error.message, code: error.code })),
      ...basicDataMissing
        .filter((part) => !kept.has(part.vin) && !read.failures.has(part.vin))
        .map((part) => ({
          what: `${part.vin} (brand and model)`,
          reason: part.reason,
          code: part.error.code,
        })),
    ];
    return {
      vehicles: read.vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)),
      complete: missing.length === 0,
      missing,
    };
  } catch (error) {
    progress?.fail('Could not load the vehicles from CarData.');
    for (const text of warnings.filter((warning) => !told(warning))) context.log.warn(text);
    throw error;
  } finally {
    stop();
    await store.flush();
  }
}

/** What the reads got: the vehicles read, in list order, and each failure by VIN. */
interface CarDataReads {
  readonly vehicles: readonly LiveVehicle[];
  readonly failures: ReadonlyMap<string, BimmerError>;
}

/**
 * Reads each vehicle through the live account, one at a time: a refusal of the budget or a failure
 * of one vehicle is kept for the report and the next vehicle is read; a failed login or BMW's block
 * ends the load at once (every other read would fail the same way).
 */
async function readEach(account: LiveAccount, vins: readonly string[]): Promise<CarDataReads> {
  const vehicles: LiveVehicle[] = [];
  const failures = new Map<string, BimmerError>();
  for (const vin of vins) {
    try {
      const [vehicle] = await account.refresh(vin, { reason: 'status' });
      if (vehicle !== undefined) vehicles.push(vehicle);
    } catch (error) {
      if (!isBimmerError(error)) throw error;
      if (isAccountWideError(error) && !isBimmerError(error, 'quota')) throw error;
      failures.set(vin, error);
    }
  }
  return { vehicles, failures };
}

/** The VIN of the list that `wanted` names (case-insensitively); not found when the list lacks it. */
function chosenVin(vins: readonly string[], wanted: string): string {
  const upper = wanted.trim().toUpperCase();
  const vin = vins.find((candidate) => candidate.toUpperCase() === upper);
  if (vin === undefined) throw vehicleNotFound(wanted, vins);
  return vin;
}

/** True for the list account's warning about this missing part (said once, in the report). */
function sameVehicleWarning(warning: string, missing: CarDataMissingData): boolean {
  return warning.startsWith(`Vehicle ${missing.vin}: `) && warning.includes(missing.reason);
}

/**
 * The vehicles among `missing` whose brand and model are kept beside the tokens now (the live
 * account's read fetches them again when the list could not): read from the state file, no call.
 */
async function basicDataKept(
  context: CliContext,
  tokenFile: string,
  missing: readonly CarDataMissingData[],
): Promise<Set<string>> {
  if (missing.length === 0) return new Set();
  const tokens = await new FileTokenStore(tokenFile).load();
  if (tokens?.kind !== 'cardata' || tokens.gcid === undefined) return new Set();
  const state = await new FileCarDataStateStore(carDataStatePathFor(tokenFile)).read();
  const account = state.accounts[carDataAccountKey(tokens.gcid, context.options.baseUrl)];
  return new Set(missing.map((part) => part.vin).filter((vin) => account?.basicData?.[vin] !== undefined));
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
