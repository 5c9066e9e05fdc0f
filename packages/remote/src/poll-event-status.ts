import {
  type BimmerError,
  BimmerRemoteServiceError,
  type CarBrand,
  ExecutionState,
  isBimmerError,
} from '@bimmer/core';
import { isJsonObject, type JsonObject } from '@bimmer/core/internal';
import type { MyBMWClient, Sleep } from '@bimmer/mybmw';
import { eventStatusPath } from './endpoints';
import { isFinalState, parseExecutionState } from './execution-state';

/** How `pollEventStatus` runs. */
export interface PollOptions {
  /** The account's client. */
  readonly client: MyBMWClient;
  /** The vehicle's brand (the poll carries its `x-user-agent`). */
  readonly brand: CarBrand;
  /** The service, for messages (`door-lock`). */
  readonly service: string;
  /** The event to poll. */
  readonly eventId: string;
  /** Wait between polls (before each one), ms. */
  readonly intervalMs: number;
  /** Give up after this long, ms. */
  readonly timeoutMs: number;
  /** Injected sleep. */
  readonly sleep: Sleep;
  /** Injected clock, ms. */
  readonly now: () => number;
  /** Called with every status response (the caller tracks transitions). */
  readonly onStatus: (state: ExecutionState, details: JsonObject) => void;
}

/** The final status of an event. */
export interface FinalStatus {
  /** EXECUTED or IGNORED. */
  readonly state: ExecutionState;
  /** The last event-status response. */
  readonly details: JsonObject;
}

/** What to tell a user whose command's outcome we could not learn: it may have run. */
const MAY_HAVE_RUN =
  'The vehicle may still have executed it: check its state before sending the command again.';

/**
 * Polls `eventStatus` until a final state (EXECUTED or IGNORED), sleeping `intervalMs` before each poll.
 * A poll that fails with a transient fault (after the client's own retries) does not end the command:
 * polling goes on until the deadline. Only BMW's `ERROR` reports a failure; the deadline, or a poll
 * failure that polling again cannot cure (quota, login, block), ends with an error that says the
 * vehicle may still have executed the command.
 *
 * @throws BimmerRemoteServiceError with the event id and the last state BMW reported.
 */
export async function pollEventStatus(options: PollOptions): Promise<FinalStatus> {
  const deadline = options.now() + options.timeoutMs;
  let last: FinalStatus = { state: ExecutionState.INITIATED, details: {} };
  let lastError: BimmerError | undefined;
  while (options.now() < deadline) {
    await options.sleep(Math.min(options.intervalMs, Math.max(0, deadline - options.now())));
    const { path, query } = eventStatusPath(options.eventId);
    let response: unknown;
    try {
      response = await options.client.json({
        method: 'POST',
        path,
        query,
        brand: options.brand,
        idempotent: true,
      });
    } catch (error) {
      if (!isBimmerError(error)) throw error;
      lastError = error;
      // A transient fault the client's retries did not cure: the next poll may get through.
      if (error.code === 'api') continue;
      throw new BimmerRemoteServiceError(
        `The ${options.service} command (event '${options.eventId}') was sent, but its status could not be followed: ${error.message} ${MAY_HAVE_RUN}`,
        { eventId: options.eventId, state: last.state, cause: error, ...actionOf(error) },
      );
    }
    const details = isJsonObject(response) ? response : {};
    const state = parseExecutionState(details.eventStatus);
    last = { state, details };
    lastError = undefined;
    options.onStatus(state, details);
    if (state === ExecutionState.ERROR) {
      throw new BimmerRemoteServiceError(
        `BMW reports that the ${options.service} command failed (state ERROR)${describeDetails(details)}.`,
        {
          eventId: options.eventId,
          state,
          hint: 'Check the vehicle (e.g. doors open, no connectivity) and try again.',
        },
      );
    }
    if (isFinalState(state)) return last;
  }
  const failedPoll = lastError as BimmerError | undefined;
  const polling = failedPoll === undefined ? '' : ` The last status poll failed too: ${failedPoll.message}`;
  throw new BimmerRemoteServiceError(
    `No final status for the ${options.service} command (event '${options.eventId}') within ${formatDuration(options.timeoutMs)}; the last state seen was ${last.state}.${polling} ${MAY_HAVE_RUN}`,
    {
      eventId: options.eventId,
      state: last.state,
      ...(failedPoll === undefined ? {} : { cause: failedPoll }),
      hint: 'The vehicle may be out of reach; check its state later before sending the command again.',
    },
  );
}

/** The action of the error that stopped polling, so adapters can say what to do (log in, wait). */
function actionOf(error: BimmerError): { action?: NonNullable<BimmerError['action']> } {
  return error.action === undefined ? {} : { action: error.action };
}

/** `240 s`, or `80 ms` below a second (so a short test timeout does not read "0 s"). */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function describeDetails(details: JsonObject): string {
  const extra = details.details ?? details.errorDetails;
  if (extra === undefined || extra === null) return '';
  const text = typeof extra === 'string' ? extra : JSON.stringify(extra);
  return `: ${text.slice(0, 200)}`;
}
