import type { LiveConnection } from '@bimmer/core';
import { type HapBinary, HapValue } from './hap-values';

/** `StatusActive` and `StatusFault` of every sensor of a vehicle. */
export interface StatusValues {
  readonly active: boolean;
  readonly fault: HapBinary;
}

/** A reconnect shorter than this is routine (BMW rotates tokens hourly), not a fault. */
export const RECONNECT_GRACE_MS = 5 * 60_000;

/**
 * How much to trust the tiles: a fault while the data is stale (no new value within the staleness
 * threshold) or the connection is lost (kicked, failed, or reconnecting for longer than a few
 * minutes); inactive while stale or when the account stopped or failed. Values stay visible: Home
 * shows the last state with a warning badge rather than "No Response".
 */
export function statusValues(input: {
  readonly staleSince: Date | undefined;
  readonly connection: LiveConnection;
  readonly now: number;
}): StatusValues {
  const { connection, now } = input;
  const stale = input.staleSince !== undefined;
  const lost =
    connection.state === 'failed' ||
    connection.state === 'kicked' ||
    (connection.state === 'reconnecting' && now - connection.since.getTime() >= RECONNECT_GRACE_MS);
  const active = !stale && connection.state !== 'failed' && connection.state !== 'stopped';
  return { active, fault: stale || lost ? HapValue.GENERAL_FAULT : HapValue.NO_FAULT };
}
