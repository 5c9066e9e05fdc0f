/**
 * Runs a write at most once per interval while changes keep coming (a burst of stream messages
 * becomes one write of the state file a few seconds later), and at once on {@link flush} (stop).
 * Writes never overlap; one that fails goes to `onError` and the next change tries again.
 */
export class ThrottledWriter {
  readonly #write: () => Promise<void>;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #running: Promise<void> = Promise.resolve();

  constructor(write: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void) {
    this.#write = write;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  /** Something changed: it is written within the interval. */
  request(): void {
    this.#dirty = true;
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, this.#intervalMs);
  }

  /** Writes now when something is pending (or `always`), and waits for every write under way. */
  async flush(always = false): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dirty || always) {
      this.#dirty = true;
      await this.#run();
    }
    await this.#running;
  }

  /** Drops a planned write (the account is closing without one). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #run(): Promise<void> {
    this.#running = this.#running.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      try {
        await this.#write();
      } catch (error) {
        this.#dirty = true;
        this.#onError(error);
      }
    });
    return this.#running;
  }
}
