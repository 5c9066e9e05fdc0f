/** One hour: the default quiet time per warning cause. */
export const WARNING_INTERVAL_MS = 3_600_000;

/**
 * Lets a warning through once per cause per interval, so a car that stays offline or a stream that
 * keeps failing leaves one line an hour in the log instead of a flood. Causes are short stable keys
 * (`stream-lost:<account>`), not the message text, so a changing detail does not defeat the limit.
 */
export class WarningLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #lastShown = new Map<string, number>();

  constructor(options: { intervalMs?: number | undefined; now?: (() => number) | undefined } = {}) {
    this.#intervalMs = options.intervalMs ?? WARNING_INTERVAL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** True when a warning of this cause may be shown now (and records that it was). */
  allow(cause: string): boolean {
    const now = this.#now();
    const last = this.#lastShown.get(cause);
    if (last !== undefined && now - last < this.#intervalMs) return false;
    this.#lastShown.set(cause, now);
    return true;
  }

  /** Forgets a cause (it recovered), so its next failure is reported at once. */
  reset(cause: string): void {
    this.#lastShown.delete(cause);
  }
}
