import { removeStaleTempFiles, writeFileAtomic } from '@bimmer/auth/internal';

/** At most one write per this many milliseconds while changes keep coming. */
export const STATUS_WRITE_INTERVAL_MS = 2_000;

/**
 * Writes the plugin's status file for the settings page: coalesced (a burst of stream messages is
 * one write), atomic, and silent on failure (the status is a convenience, never a reason to fail).
 */
export class StatusWriter {
  readonly #path: string;
  readonly #build: () => unknown;
  #timer: NodeJS.Timeout | undefined;
  #lastWrite = 0;
  /** Temp files a killed Homebridge left beside the status file go before the first write. */
  #cleaned: Promise<unknown> | undefined;

  constructor(path: string, build: () => unknown) {
    this.#path = path;
    this.#build = build;
  }

  /** Asks for a write soon. */
  schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastWrite + STATUS_WRITE_INTERVAL_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, wait);
    this.#timer.unref?.();
  }

  /** Writes now. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastWrite = Date.now();
    try {
      this.#cleaned ??= removeStaleTempFiles(this.#path);
      await this.#cleaned;
      await writeFileAtomic(this.#path, `${JSON.stringify(this.#build(), null, 2)}\n`);
    } catch {
      // The settings page shows the status as unknown instead.
    }
  }
}
