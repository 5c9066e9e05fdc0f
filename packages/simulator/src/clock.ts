/**
 * The simulator's notion of now. Tests move it (to expire tokens without sleeping) while it keeps
 * ticking with the underlying source.
 */
export class SimulatorClock {
  #offsetMs = 0;
  readonly #source: () => number;

  /** `source` returns epoch milliseconds; `Date.now` by default. */
  constructor(source: () => number = Date.now) {
    this.#source = source;
  }

  /** Now in epoch milliseconds. */
  now(): number {
    return this.#source() + this.#offsetMs;
  }

  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Sets now to `at` (epoch ms or a Date); the clock keeps ticking from there. */
  set(at: number | Date): void {
    const target = typeof at === 'number' ? at : at.getTime();
    this.#offsetMs = target - this.#source();
  }

  /** Undoes every advance and set. */
  reset(): void {
    this.#offsetMs = 0;
  }
}
