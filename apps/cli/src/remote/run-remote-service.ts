import { ExecutionState, type RemoteServiceResult, remoteServices } from '@bimmer/remote';
import { loadOneVehicle } from '../account/load-vehicles';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import type { ActionResult } from '../commands/definition';
import type { CliContext } from '../context';
import { credentialOptions } from '../credentials/credential-options';
import type { PositionalCredentials } from '../credentials/resolve-credentials';
import { ExitCode } from '../exit-codes';
import type { Progress } from '../output/progress';
import type { RemoteServiceRun } from './remote-command';

/** How long to wait for a remote service's result, and how often to ask. */
export interface RemoteTiming {
  readonly pollIntervalMs: number;
  readonly pollTimeoutMs: number;
}

/**
 * Runs one remote service end to end: login, load the one vehicle (the SDK's `loadVehicle`: the lists,
 * its profile and state, nothing of the other vehicles), send the command once
 * and show its states (PENDING, DELIVERED, EXECUTED) on stderr; then print the result on stdout (the
 * state, or JSON with `--json`). Exits 0 on EXECUTED, {@link ExitCode.remoteService} when the vehicle
 * ignored the command; failures (ERROR, timeout) throw and map to their exit codes. A vehicle that
 * could not be loaded (or a list it may be on) fails with that error, never "not found" or "not
 * supported"; "not found" only when BMW's answers prove it.
 */
export async function runRemoteService(
  context: CliContext,
  target: { readonly credentials: PositionalCredentials | undefined; readonly vin: string },
  timing: RemoteTiming,
  json: boolean,
  run: RemoteServiceRun,
): Promise<ActionResult> {
  const opened = await openMyBMWAccount(context, credentialOptions(context, target.credentials), {
    observerPosition: run.observerPosition,
  });
  const result = await opened.run(async (account) => {
    const vehicle = await loadOneVehicle(context, account, target.vin);
    const title = `${run.label} on ${vehicle.vin}`;
    return sendWithProgress(context, title, (progress) =>
      run.invoke(
        remoteServices(vehicle, {
          pollIntervalMs: timing.pollIntervalMs,
          pollTimeoutMs: timing.pollTimeoutMs,
          onProgress: (transition) => progress.update(`${title}: ${transition.state}`),
        }),
        vehicle,
      ),
    );
  });
  printResult(context, result, json);
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
