import { BimmerRemoteServiceError, type CarBrand } from '@bimmer/core';
import { isJsonObject, type JsonObject } from '@bimmer/core/internal';
import type { MyBMWClient, Sleep } from '@bimmer/mybmw';
import { eventStatusPath } from './endpoints';
import { ExecutionState, isFinalState, parseExecutionState } from './execution-state';

/** How `pollEventStatus` runs. */
export interface PollOptions {
  /** The account's client. */
  readonly client: MyBMWClient;
  /** The vehicle's brand (the poll carries its `x-user-agent`). */
  readonly brand: CarBrand;
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

/**
 * Polls `eventStatus` until a final state (EXECUTED or IGNORED), sleeping `intervalMs` before each poll.
 *
 * @throws BimmerRemoteServiceError on ERROR, or when `timeoutMs` passes without a final state (the
 *   error carries the event id and the last state).
 */
export async function pollEventStatus(options: PollOptions): Promise<FinalStatus> {
  const deadline = options.now() + options.timeoutMs;
  let last: FinalStatus = { state: ExecutionState.UNKNOWN, details: {} };
  while (options.now() < deadline) {
    await options.sleep(Math.min(options.intervalMs, Math.max(0, deadline - options.now())));
    const { path, query } = eventStatusPath(options.eventId);
    const response = await options.client.json({
      method: 'POST',
      path,
      query,
      brand: options.brand,
      idempotent: true,
    });
    const details = isJsonObject(response) ? response : {};
    const state = parseExecutionState(details.eventStatus);
    last = { state, details };
    options.onStatus(state, details);
    if (state === ExecutionState.ERROR) {
      throw new BimmerRemoteServiceError(
        `Remote service failed with state 'ERROR'${describeDetails(details)}.`,
        {
          eventId: options.eventId,
          state,
          hint: 'Check the vehicle (e.g. doors open, no connectivity) and try again.',
        },
      );
    }
    if (isFinalState(state)) return last;
  }
  throw new BimmerRemoteServiceError(
    `Did not receive a remote service result for event '${options.eventId}' within ${formatDuration(options.timeoutMs)}. Last state: ${last.state}.`,
    {
      eventId: options.eventId,
      state: last.state,
      hint: 'The vehicle may be out of reach; check its state later before sending the command again.',
    },
  );
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
