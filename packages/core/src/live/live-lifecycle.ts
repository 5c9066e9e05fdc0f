/** What a live account does when it starts and when it stops (see {@link LiveLifecycle}). */
export interface LiveLifecycleSteps {
  /** Starts the account's work; `running` is already true. */
  start(): Promise<void>;
  /** Ends the account's work; `running` is already false and a start under way has settled. */
  stop(): Promise<void>;
}

/**
 * The start/stop rules of the live-account contract, in one place for every implementation:
 * `start()` while running returns the start under way (or done); `start()` during a `stop()` starts
 * anew once the stop is done; `stop()` while stopping returns that stop; `stop()` when not running
 * resolves at once. A stop waits for a start under way, so nothing it began is left running.
 */
export class LiveLifecycle {
  readonly #steps: LiveLifecycleSteps;
  #running = false;
  #started: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(steps: LiveLifecycleSteps) {
    this.#steps = steps;
  }

  /** True from `start()` until `stop()` begins: timers and handlers check it before they act. */
  get running(): boolean {
    return this.#running;
  }

  /** Never started, or stopped for good: nobody listens yet, so warnings wait for the start. */
  get idle(): boolean {
    return !this.#running && this.#started === undefined && this.#stopping === undefined;
  }

  start(): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping.then(() => this.start());
    if (this.#running && this.#started !== undefined) return this.#started;
    this.#running = true;
    this.#started = this.#steps.start();
    return this.#started;
  }

  stop(): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping;
    if (!this.#running) return Promise.resolve();
    this.#stopping = this.#stopAfterStart().finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  async #stopAfterStart(): Promise<void> {
    this.#running = false;
    await this.#started?.catch(() => {});
    this.#started = undefined;
    await this.#steps.stop();
  }
}
