import { BimmerNotFoundError } from '@bimmer/core';
import type { ActionResult } from '../commands/definition';
import type { CliContext } from '../context';
import { CliUsageError } from '../errors/cli-usage-error';
import { IncompleteLoadError } from '../errors/incomplete-load-error';
import { NothingCachedError } from '../errors/nothing-cached-error';
import { knowsValues, printHeldVehicles } from '../live/print-held-vehicles';
import { checkUrl } from '../util/check-url';
import { openHubCliAccount } from './open-hub-cli-account';

/** What `status --hub` was asked for. */
export interface HubStatusRequest {
  /** The hub's HTTP URL. */
  readonly url: string;
  /** Only this vehicle (upper case). */
  readonly vin?: string | undefined;
  readonly json: boolean;
}

/**
 * The request of `status --hub URL` from the status command line, checked before anything is sent:
 * the URL must be http(s), and what only a BMW login uses (`--cached`, `--refresh`, a username,
 * password, region or position) is refused rather than silently ignored.
 *
 * @throws CliUsageError for a bad URL or an option the hub would not use.
 */
export function hubStatusRequest(
  url: string,
  options: {
    readonly vin?: string | undefined;
    readonly json?: boolean;
    readonly cached?: boolean;
    readonly refresh?: boolean;
  },
  positionals: readonly string[],
): HubStatusRequest {
  const checked = checkUrl('--hub', url, ['http:', 'https:']);
  const unused = [
    ...(options.cached === true ? ['--cached'] : []),
    ...(options.refresh === true ? ['--refresh'] : []),
    ...(positionals.length > 0 ? ['a username, password, region or position'] : []),
  ];
  if (unused.length > 0) {
    throw new CliUsageError(
      `--hub reads what the hub holds, without a login or a call: ${unused.join(', ')} would not be used.`,
    );
  }
  return { url: checked.href, vin: options.vin, json: options.json === true };
}

const HUB_HINT =
  "The hub shows a vehicle once it has its first values: bimmer hub's page and GET /health tell how its BMW stream is doing.";

/**
 * `status --hub URL`: the vehicles as a running `bimmer hub` holds them, read from its HTTP API, with
 * the age of every value: no BMW login, no REST call and no stream connection of its own, so it
 * never kicks the hub off BMW's one stream. The output is that of `status --cached` (the JSON form
 * with `fieldTimes` plus a `freshness` summary per vehicle with `--json`).
 *
 * @throws BimmerNotFoundError (exit 8) when the hub has no vehicle with `vin`.
 * @throws NothingCachedError (exit 12) when the hub holds no value of any vehicle yet.
 * @throws IncompleteLoadError (exit 10) after printing, when the hub has no value yet of some vehicles.
 */
export async function showHubStatus(context: CliContext, request: HubStatusRequest): Promise<ActionResult> {
  const opened = await openHubCliAccount(context, { url: request.url });
  const { hubUrl } = opened;
  try {
    const now = Date.now();
    const all = opened.account.vehicles;
    const wanted = request.vin === undefined ? all : all.filter((vehicle) => vehicle.vin === request.vin);
    if (request.vin !== undefined && wanted.length === 0) {
      throw new BimmerNotFoundError(`The hub at ${hubUrl} has no vehicle ${request.vin}.`, {
        hint: 'Without --vin, status lists every vehicle the hub holds.',
      });
    }
    const known = wanted.filter(knowsValues);
    if (known.length === 0) {
      throw new NothingCachedError(
        request.vin === undefined
          ? `The hub at ${hubUrl} holds no vehicle data yet.`
          : `The hub at ${hubUrl} holds no value of ${request.vin} yet.`,
        HUB_HINT,
      );
    }
    printHeldVehicles(context, {
      vehicles: known,
      single: request.vin !== undefined,
      json: request.json,
      staleAfterMs: opened.staleAfterMs,
      now,
      heading: (count) => `${count} as the hub at ${hubUrl} holds them (no call spent):`,
    });
    const unknown = wanted.filter((vehicle) => !knowsValues(vehicle));
    if (unknown.length > 0) {
      throw new IncompleteLoadError(
        unknown.map((vehicle) => ({ what: vehicle.vin, reason: 'the hub has no value of it yet' })),
        HUB_HINT,
        'The hub has no data yet of part of the account',
      );
    }
    return undefined;
  } finally {
    await opened.account.stop();
  }
}
