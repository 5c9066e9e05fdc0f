import { isBimmerError } from '@bimmer/core';
import type { LoadFailure, MyBMWAccount, MyBMWVehicle } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import type { MissingPart } from '../errors/incomplete-load-error';
import { notLoadedError } from './not-loaded-error';
import { vehicleNotFound } from './vehicle-not-found';

/** The MyBMW vehicles a load got, and what failed. */
export interface LoadedVehicles {
  /** The vehicles whose data arrived (a vehicle whose profile or state failed is left out). */
  readonly vehicles: readonly MyBMWVehicle[];
  /** The SDK's verdict (`lastLoad.complete`): the vehicles are the whole account, up to date. */
  readonly complete: boolean;
  /** What failed, one entry per list or vehicle, in the SDK's order (lists first). */
  readonly missing: readonly MissingPart[];
  /** The SDK's failures, for callers that need the typed error of a list or a vehicle. */
  readonly failures: readonly LoadFailure[];
}

/**
 * Loads every vehicle of the account with a progress line. A vehicle or brand list that failed does
 * not fail the load (the SDK fails it only when everything failed); its `lastLoad` says exactly what
 * is missing, so callers never treat a vehicle without data as loaded, nor exit 0 with part of the
 * account.
 */
export async function loadVehicles(
  context: CliContext,
  account: MyBMWAccount,
  options: { quiet?: boolean } = {},
): Promise<LoadedVehicles> {
  const texts = { start: 'Logging in and loading vehicles…', fail: 'Could not load the vehicles.' };
  const vehicles = await withProgress(context, options.quiet, texts, () => account.getVehicles());
  const report = account.lastLoad;
  const failures = report?.failures ?? [];
  const failedVins = new Set(failures.flatMap((failure) => (failure.vin === undefined ? [] : [failure.vin])));
  const missing = failures.map(missingPart);
  const complete = report?.complete === true;
  if (!complete && missing.length === 0) {
    missing.push({ what: 'part of the account', reason: 'the load did not complete (no details known)' });
  }
  return {
    vehicles: vehicles.filter((vehicle) => !failedVins.has(vehicle.vin)),
    complete,
    missing,
    failures,
  };
}

/**
 * One vehicle by VIN, for commands about one vehicle (remote services, images): the SDK's
 * `loadVehicle`, which sends only what this vehicle needs (the lists, its profile and its state, not
 * every vehicle's) and says "not found" only when BMW's answers prove it. A vehicle that is on the
 * account but whose data failed is reported as not loaded, never as not found or not supported.
 */
export async function loadOneVehicle(
  context: CliContext,
  account: MyBMWAccount,
  vin: string,
  options: { quiet?: boolean } = {},
): Promise<MyBMWVehicle> {
  try {
    const texts = { start: `Logging in and loading ${vin}…`, fail: `Could not load ${vin}.` };
    return await withProgress(context, options.quiet, texts, () => account.loadVehicle(vin));
  } catch (error) {
    const listed = account.getVehicle(vin);
    if (listed === undefined || !isBimmerError(error)) throw error;
    throw notLoadedError(listed.vin, error);
  }
}

/**
 * The vehicle with `vin` after a whole load (`status --vin`): the vehicle; the error that kept it from
 * loading; a not-found error listing the account's VINs (as bimmer_connected does) when the load was
 * whole; and when a list failed, the SDK's `loadVehicle`, which looks the vehicle up under that
 * list's brand and says "not found" only when BMW's answers prove it.
 */
export async function selectVehicle(
  context: CliContext,
  account: MyBMWAccount,
  loaded: LoadedVehicles,
  vin: string,
  options: { quiet?: boolean } = {},
): Promise<MyBMWVehicle> {
  const wanted = vin.trim().toUpperCase();
  const vehicle = loaded.vehicles.find((candidate) => candidate.vin.toUpperCase() === wanted);
  if (vehicle !== undefined) return vehicle;
  const failed = loaded.failures.find((failure) => failure.vin?.toUpperCase() === wanted);
  if (failed?.vin !== undefined) throw notLoadedError(failed.vin, failed.error);
  if (loaded.failures.some((failure) => failure.part === 'vehicle-list')) {
    return loadOneVehicle(context, account, wanted, options);
  }
  throw vehicleNotFound(
    vin,
    loaded.vehicles.map((candidate) => candidate.vin),
  );
}

/** A failure of the load as the CLI names it: `the MINI vehicle list`, `WBA… (state)`. */
function missingPart(failure: LoadFailure): MissingPart {
  const what =
    failure.part === 'vehicle-list'
      ? `the ${failure.brand.toUpperCase()} vehicle list`
      : `${failure.vin ?? failure.subject} (${failure.part})`;
  return { what, reason: failure.error.message, code: failure.error.code };
}

async function withProgress<T>(
  context: CliContext,
  quiet: boolean | undefined,
  texts: { readonly start: string; readonly fail: string },
  work: () => Promise<T>,
): Promise<T> {
  const progress = quiet === true ? undefined : context.progress();
  progress?.start(texts.start);
  const stop = context.cleanups.add(() => progress?.stop());
  try {
    const result = await work();
    progress?.stop();
    return result;
  } catch (error) {
    progress?.fail(texts.fail);
    throw error;
  } finally {
    stop();
  }
}
