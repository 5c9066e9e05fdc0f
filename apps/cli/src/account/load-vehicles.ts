import type { BimmerError } from '@bimmer/core';
import type { MyBMWAccount, MyBMWVehicle } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import type { LoadGaps } from './find-vehicle';

/** The MyBMW vehicles a load got, and what failed. */
export interface LoadedVehicles extends LoadGaps {
  /** The vehicles whose data arrived (a vehicle whose state failed is in `failedVehicles` instead). */
  readonly vehicles: readonly MyBMWVehicle[];
  readonly failedVehicles: ReadonlyMap<string, BimmerError>;
  readonly failedLists: readonly { readonly what: string; readonly error: BimmerError }[];
}

/**
 * Loads the account's vehicles with a progress line. A vehicle or brand list that failed does not
 * fail the load (the SDK fails it only when everything failed); it is returned apart, so callers never
 * treat a vehicle without data as loaded, nor a failed list as "not on the account".
 */
export async function loadVehicles(
  context: CliContext,
  account: MyBMWAccount,
  options: { quiet?: boolean } = {},
): Promise<LoadedVehicles> {
  const progress = options.quiet === true ? undefined : context.progress();
  progress?.start('Logging in and loading vehicles…');
  const stop = context.cleanups.add(() => progress?.stop());
  try {
    const vehicles = await account.getVehicles();
    progress?.stop();
    const failedVehicles = new Map<string, BimmerError>();
    const failedLists: Array<{ what: string; error: BimmerError }> = [];
    for (const failure of account.lastLoad?.failures ?? []) {
      const brand = /^vehicle-list:(.+)$/.exec(failure.subject)?.[1];
      if (brand === undefined) failedVehicles.set(failure.subject, failure.error);
      else failedLists.push({ what: `the ${brand.toUpperCase()} vehicle list`, error: failure.error });
    }
    return {
      vehicles: vehicles.filter((vehicle) => !failedVehicles.has(vehicle.vin)),
      failedVehicles,
      failedLists,
    };
  } catch (error) {
    progress?.fail('Could not load the vehicles.');
    throw error;
  } finally {
    stop();
  }
}
