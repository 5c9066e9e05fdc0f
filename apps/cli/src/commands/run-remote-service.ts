import type { GPSPosition, MyBMWVehicle } from '@bimmer/mybmw';
import {
  ExecutionState,
  type RemoteServiceResult,
  type RemoteServices,
  remoteServices,
} from '@bimmer/remote';
import { findVehicle } from '../account/find-vehicle';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import type { CliContext } from '../context';
import { splitPositionals } from '../credentials/split-positionals';
import { ExitCode } from '../exit-codes';
import type { Progress } from '../output/progress';
import type { ActionResult, RemoteCommandOptions } from '../program';
import { parseSeconds } from '../util/parse-args';
import { credentialOptions } from './credential-options';
import { loadVehicles } from './load-vehicles';

/** How one remote command is run, after its own arguments were checked. */
export interface RemoteServiceRun {
  /** What the progress line calls it, e.g. `Light flash`. */
  readonly label: string;
  /** The user's position (vehicle finder). */
  readonly observerPosition?: GPSPosition | undefined;
  /** Sends the command. */
  invoke(services: RemoteServices, vehicle: MyBMWVehicle): Promise<RemoteServiceResult>;
}

/** Positionals of a remote command: the VIN and the command's own, with the credentials prefix taken off. */
export interface RemotePositionals {
  readonly credentials: ReturnType<typeof splitPositionals>['credentials'];
  readonly vin: string;
  readonly rest: readonly string[];
}

/** Splits a remote command's positionals (`[username password region] <vin> ...`). */
export function remotePositionals(positionals: readonly string[], ownRequired: number): RemotePositionals {
  const { credentials, rest } = splitPositionals(positionals, 1 + ownRequired);
  const [vin = '', ...own] = rest;
  return { credentials, vin, rest: own };
}

/**
 * Runs one remote service end to end: login, load the vehicles, find the VIN, send the command and
 * show its states (PENDING, DELIVERED, EXECUTED) on stderr; then print the result on stdout (the state,
 * or JSON with `--json`). Exits 0 on EXECUTED, {@link ExitCode.remoteService} when the vehicle ignored
 * the command; failures (ERROR, timeout) throw and map to their exit codes.
 */
export async function runRemoteService(
  context: CliContext,
  positionals: RemotePositionals,
  options: RemoteCommandOptions,
  run: RemoteServiceRun,
): Promise<ActionResult> {
  const pollIntervalMs = parseSeconds('--poll-interval', options.pollInterval ?? '3.5');
  const pollTimeoutMs = parseSeconds('--timeout', options.timeout ?? '240');
  const opened = await openMyBMWAccount(context, credentialOptions(context, positionals.credentials), {
    observerPosition: run.observerPosition,
  });
  const result = await opened.run(async (account) => {
    const vehicles = await loadVehicles(context, account);
    const vehicle = findVehicle(vehicles, positionals.vin);
    return sendWithProgress(context, `${run.label} on ${vehicle.vin}`, (progress) =>
      run.invoke(
        remoteServices(vehicle, {
          pollIntervalMs,
          pollTimeoutMs,
          onProgress: (transition) => progress.update(`${run.label} on ${vehicle.vin}: ${transition.state}`),
        }),
        vehicle,
      ),
    );
  });
  printResult(context, result, options.json === true);
  if (result.state === ExecutionState.EXECUTED) return undefined;
  context.log.warn(`The vehicle did not execute the command: ${ignoredReason(result)}`);
  return ExitCode.remoteService;
}

async function sendWithProgress(
  context: CliContext,
  title: string,
  send: (progress: Progress) => Promise<RemoteServiceResult>,
): Promise<RemoteServiceResult> {
  const progress = context.progress();
  const stop = context.cleanups.add(() => progress.stop());
  progress.start(`${title}: sending`);
  try {
    const result = await send(progress);
    const seconds = (result.durationMs / 1000).toFixed(1);
    if (result.state === ExecutionState.EXECUTED) progress.succeed(`${title}: EXECUTED in ${seconds} s`);
    else progress.fail(`${title}: ${result.state}`);
    return result;
  } catch (error) {
    progress.fail(`${title}: failed`);
    throw error;
  } finally {
    stop();
  }
}

function printResult(context: CliContext, result: RemoteServiceResult, json: boolean): void {
  const { stdout } = context.io;
  if (json) {
    stdout.write(`${JSON.stringify(resultJson(result), null, 2)}\n`);
    return;
  }
  stdout.write(`${result.state}\n`);
  const position = result.position;
  if (position === undefined && result.service === 'vehicle-finder' && result.state === 'EXECUTED') {
    context.log.warn(
      'No position: BMW sends it only when you give yours (bimmer vehiclefinder VIN LAT LNG).',
    );
  }
  if (position !== undefined) {
    const heading = position.heading === undefined ? '' : ` · heading ${position.heading}°`;
    stdout.write(`Position: ${position.latitude}, ${position.longitude}${heading}\n`);
  }
}

/** The JSON form of a remote-service result: no raw vehicle state, times as ISO strings. */
export function resultJson(result: RemoteServiceResult): Record<string, unknown> {
  return {
    service: result.service,
    state: result.state,
    ...(result.eventId === undefined ? {} : { eventId: result.eventId }),
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    durationMs: result.durationMs,
    transitions: result.transitions.map((transition) => ({
      state: transition.state,
      at: transition.at.toISOString(),
      elapsedMs: transition.elapsedMs,
    })),
    ...(result.position === undefined
      ? {}
      : {
          position: {
            latitude: result.position.latitude,
            longitude: result.position.longitude,
            ...(result.position.heading === undefined ? {} : { heading: result.position.heading }),
            timestamp: result.position.timestamp.toISOString(),
          },
        }),
  };
}

function ignoredReason(result: RemoteServiceResult): string {
  const reason = result.details.reason;
  return typeof reason === 'string' ? reason : result.state;
}
