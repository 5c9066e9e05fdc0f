import { setTimeout as timer } from 'node:timers/promises';

/**
 * Waits `ms` milliseconds with the timer promise of `node:timers/promises`, the one abortable wait of
 * our packages. An abort rejects with the signal's reason (not Node's generic `AbortError`), so a
 * caller that aborts with a typed error sees that error.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await timer(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    throw signal?.aborted === true ? signal.reason : error;
  }
}
