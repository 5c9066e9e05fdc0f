import { type CheckedQuietHours, quietHoursEnd } from './quiet-hours';

/**
 * The wait before the next poll after `failures` polls in a row failed: the interval while all is
 * well, then twice as long after each further failure (interval, 2×, 4×, …), never more than
 * `maxBackoffMs` (but never less than the interval). A program polling for months must not hammer
 * a server that is down or rate-limiting it.
 */
export function pollBackoffMs(intervalMs: number, failures: number, maxBackoffMs: number): number {
  if (failures <= 1) return intervalMs;
  return Math.min(Math.max(maxBackoffMs, intervalMs), intervalMs * 2 ** Math.min(failures - 1, 30));
}

/** What {@link planPoll} needs; every time in epoch ms. */
export interface PollPlanInput {
  readonly now: number;
  /** The wait before the poll (0 for at once), before jitter. */
  readonly delayMs: number;
  /** The wait varies by ± this share of itself (0.1: ±10 %), so clients do not poll in step. */
  readonly jitter: number;
  /** A number in [0, 1), `Math.random` in production. */
  readonly random: () => number;
  /** Never poll before this (BMW's `retryAt` after a 429 or a quota error). */
  readonly notBefore?: number | undefined;
  readonly quietHours?: CheckedQuietHours | undefined;
  /**
   * The polling interval: after quiet hours, the first poll comes within `jitter` of it past their
   * end, not on the minute, for the same reason.
   */
  readonly intervalMs: number;
}

/** When the next poll is due, and why it is not sooner. */
export interface PollPlan {
  readonly at: number;
  /** The poll waits for the end of quiet hours (at that instant, before its jitter). */
  readonly quietUntil?: number | undefined;
  /** The poll waits for BMW's `retryAt`. */
  readonly heldUntil?: number | undefined;
}

/**
 * Plans the next poll: `delayMs` from now with jitter, not before `notBefore`, and outside quiet
 * hours (a poll that would fall into them moves to their end plus a little jitter). Pure.
 */
export function planPoll(input: PollPlanInput): PollPlan {
  const spread = input.delayMs * input.jitter * (2 * input.random() - 1);
  let at = input.now + Math.max(0, input.delayMs + spread);
  let heldUntil: number | undefined;
  if (input.notBefore !== undefined && input.notBefore > at) {
    at = input.notBefore;
    heldUntil = input.notBefore;
  }
  const quietUntil = quietHoursEnd(input.quietHours, at);
  if (quietUntil === undefined) return { at: Math.round(at), heldUntil };
  return {
    at: Math.round(quietUntil + input.intervalMs * input.jitter * input.random()),
    quietUntil,
    heldUntil,
  };
}
