/**
 * The simulator's notion of now. Tests move it (to expire tokens without sleeping) while it keeps
 * ticking with the underlying source. Whatever is scheduled on it (scenario steps) listens for moves,
 * so moving the clock by a day plays a day's steps at once.
 */
export class SimulatorClock {
  #offsetMs = 0;
  readonly #source: () => number;
  readonly #listeners = new Set<() => void>();

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
    this.#moved();
  }

  /** Sets now to `at` (epoch ms or a Date); the clock keeps ticking from there. */
  set(at: number | Date): void {
    const target = typeof at === 'number' ? at : at.getTime();
    this.#offsetMs = target - this.#source();
    this.#moved();
  }

  /** Undoes every advance and set. */
  reset(): void {
    this.#offsetMs = 0;
    this.#moved();
  }

  /** Calls `listener` after every advance, set and reset; returns the function that stops that. */
  onMove(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #moved(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
