/**
 * Passes values on at most once per interval: the first value after a quiet interval at once, later
 * ones as the latest value when the interval is over. A flood of stream messages thus becomes about
 * one `<VIN>/state` message a second, and the last one always carries the final state.
 */
export class Coalescer<T> {
  readonly #intervalMs: number;
  readonly #emit: (value: T) => void;
  readonly #now: () => number;
  #lastAt = Number.NEGATIVE_INFINITY;
  #pending: { value: T } | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, emit: (value: T) => void, now: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#emit = emit;
    this.#now = now;
  }

  /** Takes a new value: emitted now, or kept as the one to emit when the interval is over. */
  offer(value: T): void {
    const now = this.#now();
    if (this.#timer === undefined && now - this.#lastAt >= this.#intervalMs) {
      this.#lastAt = now;
      this.#emit(value);
      return;
    }
    this.#pending = { value };
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), Math.max(0, this.#lastAt + this.#intervalMs - now));
    }
  }

  /** Emits the kept value now (if any) and stops waiting. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return;
    this.#lastAt = this.#now();
    this.#emit(pending.value);
  }

  /** Whether a value waits to be emitted. */
  get pending(): boolean {
    return this.#pending !== undefined;
  }
}
