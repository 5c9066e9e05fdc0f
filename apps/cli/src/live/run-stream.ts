import { type LiveVehicle, type VehicleEventSettings, vehicleToJSON } from '@bimmer/core';
import type { Transport } from '../account/load-fleet';
import { openLiveAccount } from '../account/open-live-account';
import type { ActionResult } from '../commands/definition';
import type { CliContext } from '../context';
import { exitCodeForErrorCode } from '../errors/exit-code-for-error';
import { ExitCode } from '../exit-codes';
import { fieldChanges, fieldChangeText } from '../render/change-lines';
import { vehicleEventJSON, vehicleEventText } from '../render/event-text';
import { freshnessJSON, lastKnownText } from '../render/freshness';
import { renderVehicleStatus } from '../render/status-text';
import { budgetText } from './budget-text';
import { connectionMessage } from './connection-text';

/** What `bimmer stream` was asked for, every value already checked. */
export interface StreamRequest {
  readonly transport: Transport;
  readonly json: boolean;
  /** Derived events instead of changed fields. */
  readonly events: boolean;
  readonly eventSettings?: VehicleEventSettings | undefined;
  /** CarData: automatic REST reads per vehicle per day; undefined for the SDK's default. */
  readonly restReadsPerDay?: number | undefined;
  /** MyBMW: time between polls, ms; undefined for the SDK's default. */
  readonly pollIntervalMs?: number | undefined;
  /** Read through the hub at this HTTP URL instead of opening a BMW session. */
  readonly hubUrl?: string | undefined;
}

/** How a stream run ended. */
type Ending = { readonly kind: 'signal' } | { readonly kind: 'failed'; readonly code: ActionResult };

/**
 * Runs a live account (CarData's, MyBMW's or a hub's: the output is the same) until Ctrl-C: first each vehicle's restored state (marked as restored, with
 * the age of its values), the REST budget and the connection on stderr, then every change (one line
 * per field) or, with `events`, every derived event, as text or one JSON object per line. Ctrl-C (or
 * SIGTERM) stops the account cleanly (the last values are written to the state file) and ends with
 * 130; a connection that fails for good (nothing will come any more) ends with its error's code.
 */
export async function runStream(context: CliContext, request: StreamRequest): Promise<ActionResult> {
  const opened =
    request.hubUrl === undefined
      ? await openLiveAccount(context, {
          transport: request.transport,
          events: request.eventSettings,
          restReadsPerDay: request.restReadsPerDay,
          pollIntervalMs: request.pollIntervalMs,
        })
      : await (await import('../hub/open-hub-cli-account')).openHubCliAccount(context, {
          url: request.hubUrl,
          events: request.eventSettings,
        });
  const { account, sourceName, staleAfterMs } = opened;
  const { io, log, stdoutColors, stderrColors } = context;
  const write = (line: string) => io.stdout.write(`${line}\n`);

  const now = Date.now();
  for (const vehicle of account.vehicles) {
    write(restoredOutput(context, vehicle, { json: request.json, now, staleAfterMs }));
  }
  if (account.vehicles.length === 0) {
    log.info('bimmer knows no vehicle of this account yet: each shows up with its first data.');
  }
  const budget = account.budget;
  if (budget !== undefined) log.info(budgetText(budget, now));

  let lastLeft = budget?.left;
  let lastBlockedUntil = budget?.blockedUntil?.getTime();
  let connectedBefore = false;
  let ended: (ending: Ending) => void = () => undefined;
  const ending = new Promise<Ending>((resolve) => {
    ended = resolve;
  });
  const subscriptions = [
    request.events
      ? account.on('event', (event) =>
          write(
            request.json ? JSON.stringify(vehicleEventJSON(event)) : vehicleEventText(event, stdoutColors),
          ),
        )
      : account.on('change', (change) => {
          for (const field of fieldChanges(change)) {
            write(request.json ? JSON.stringify(field) : fieldChangeText(field, stdoutColors));
          }
        }),
    account.on('warning', (warning) => log.warn(warning.message)),
    account.on('budget', (next) => {
      const text = budgetText(next, Date.now());
      // A call spent (or freed) is news; a plan that moved is only worth a debug line.
      if (next.left !== lastLeft || next.blockedUntil?.getTime() !== lastBlockedUntil) log.info(text);
      else log.debug(text);
      lastLeft = next.left;
      lastBlockedUntil = next.blockedUntil?.getTime();
    }),
    account.on('connection', (connection) => {
      const message = connectionMessage(connection, { kind: account.kind, sourceName, connectedBefore });
      if (connection.state === 'connected') connectedBefore = true;
      if (message?.level === 'info') log.info(message.text);
      else if (message?.level === 'warn') log.warn(message.text);
      else if (message?.level === 'error') {
        io.stderr.write(`${stderrColors.red('error:')} ${message.text}\n`);
        if (message.hint !== undefined) io.stderr.write(`${stderrColors.dim('hint:')} ${message.hint}\n`);
      }
      // Failed without a next attempt: nothing will come any more.
      if (connection.state === 'failed' && connection.retryAt === undefined) {
        ended({ kind: 'failed', code: exitCodeForErrorCode(connection.code) });
      }
    }),
  ];

  // Ctrl-C is how a stream is meant to end: stop the account (which writes the last values), then 130.
  const release = context.cleanups.takeOverSignals(() => ended({ kind: 'signal' }));
  let result: Ending;
  try {
    await account.start();
    result = await ending;
  } finally {
    release();
    await account.stop();
    for (const unsubscribe of subscriptions) unsubscribe();
    await opened.flush();
  }
  log.info('Stream stopped; the last values are kept for the next start.');
  return result.kind === 'signal' ? ExitCode.interrupted : result.code;
}

/** A vehicle's restored state at the start: a block for people, or one JSON line. */
function restoredOutput(
  context: CliContext,
  vehicle: LiveVehicle,
  options: { readonly json: boolean; readonly now: number; readonly staleAfterMs: number },
): string {
  const json = vehicleToJSON(vehicle.snapshot);
  const freshness = freshnessJSON(vehicle, options.now, options.staleAfterMs);
  if (options.json) {
    return JSON.stringify({
      type: 'restored',
      vin: vehicle.vin,
      ...(freshness.newestAt === undefined ? {} : { at: freshness.newestAt }),
      freshness,
      vehicle: json,
    });
  }
  const block = renderVehicleStatus(json, context.stdoutColors, {
    ageOf: (path) => vehicle.ageOf(path),
    headingNote: vehicle.restored ? 'restored' : 'known',
    leadLines: [['Last known', lastKnownText(vehicle, options.now, options.staleAfterMs) ?? 'nothing yet']],
  });
  return `${block}\n`;
}
