/**
 * What must still happen when a run is cut short by Ctrl-C: stop spinners (restoring the cursor), wait
 * for token files to be written. Commands register steps; the bin runs them on SIGINT, then exits 130.
 */
export class Cleanups {
  readonly #steps = new Set<() => void | Promise<void>>();
  #takeover: ((signal: NodeJS.Signals) => void) | undefined;

  /**
   * Lets a long-running command handle Ctrl-C and SIGTERM itself (the simulator stops and exits 0).
   * Returns a function that gives the signals back.
   */
  takeOverSignals(handler: (signal: NodeJS.Signals) => void): () => void {
    this.#takeover = handler;
    return () => {
      if (this.#takeover === handler) this.#takeover = undefined;
    };
  }

  /** Called by the bin on a signal: true when a command took it over (and has been told). */
  interceptSignal(signal: NodeJS.Signals): boolean {
    if (this.#takeover === undefined) return false;
    this.#takeover(signal);
    return true;
  }

  /** Registers a step; returns a function that removes it again. */
  add(step: () => void | Promise<void>): () => void {
    this.#steps.add(step);
    return () => this.#steps.delete(step);
  }

  /** Runs every step once (newest first), waiting at most `timeoutMs` for all of them. */
  async run(timeoutMs = 2000): Promise<void> {
    const steps = [...this.#steps].reverse();
    this.#steps.clear();
    const all = Promise.allSettled(steps.map(async (step) => step()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }
}
