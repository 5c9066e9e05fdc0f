import { openLiveAccount } from '../account/open-live-account';
import type { ActionResult } from '../commands/definition';
import type { CliContext } from '../context';
import { IncompleteLoadError } from '../errors/incomplete-load-error';
import { NothingCachedError } from '../errors/nothing-cached-error';
import { knowsValues, printHeldVehicles } from './print-held-vehicles';

/** What `status --cached` was asked for. */
export interface CachedStatusRequest {
  /** Only this vehicle (upper case). */
  readonly vin?: string | undefined;
  readonly json: boolean;
}

const NOTHING_CACHED_HINT =
  'bimmer stream keeps the last values of every vehicle beside the CarData tokens (no REST call for ' +
  'what the stream sends); bimmer status --transport cardata reads the vehicles now, one REST call each.';

/**
 * `status --transport cardata --cached`: what bimmer last knew of each vehicle, restored from the live
 * account's state file beside the token file, with the age of every value; sends nothing (no token
 * refresh, no REST call, no stream). With `--json` the JSON form (with `fieldTimes`) plus a
 * `freshness` summary per vehicle.
 *
 * @throws NothingCachedError (exit 12) when no value of any vehicle (or of the one asked for) was kept.
 * @throws IncompleteLoadError (exit 10) after printing, when some vehicles have no value kept.
 */
export async function showCachedStatus(
  context: CliContext,
  request: CachedStatusRequest,
): Promise<ActionResult> {
  const opened = await openLiveAccount(context, { transport: 'cardata', readOnly: true });
  const now = Date.now();
  const all = opened.account.vehicles;
  const wanted = request.vin === undefined ? all : all.filter((vehicle) => vehicle.vin === request.vin);
  const known = wanted.filter(knowsValues);
  if (known.length === 0) {
    throw new NothingCachedError(
      request.vin === undefined
        ? 'Nothing cached yet: bimmer has kept no value of any CarData vehicle of this login.'
        : `Nothing cached yet for ${request.vin}: bimmer has kept no value of it.`,
      NOTHING_CACHED_HINT,
    );
  }
  printHeldVehicles(context, {
    vehicles: known,
    single: request.vin !== undefined,
    json: request.json,
    staleAfterMs: opened.staleAfterMs,
    now,
    heading: (count) => `What bimmer last knew of ${count} (kept from earlier runs; no call spent):`,
  });
  const unknown = wanted.filter((vehicle) => !knowsValues(vehicle));
  if (unknown.length > 0) {
    throw new IncompleteLoadError(
      unknown.map((vehicle) => ({ what: vehicle.vin, reason: 'no value of it was kept yet' })),
      NOTHING_CACHED_HINT,
      'Nothing is cached yet of part of the account',
    );
  }
  return undefined;
}
