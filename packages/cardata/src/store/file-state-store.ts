import { readFile, stat } from 'node:fs/promises';
import type { LockFileOptions } from '@bimmer/auth';
import {
  keepUnreadableFile,
  removeStaleTempFiles,
  withLockFile,
  writeFileAtomic,
} from '@bimmer/auth/internal';
import { BimmerValidationError } from '@bimmer/core';
import { readStateFile } from './state-file-format';
import { type CarDataState, type CarDataStateStore, emptyCarDataState } from './state-store';

/** Options of a {@link FileCarDataStateStore}. */
export interface FileCarDataStateStoreOptions {
  /** Timeouts of `<path>.lock` (defaults: stale after 10 s, give up after 10 s). */
  readonly lock?: LockFileOptions | undefined;
  /**
   * Told when the state file could not be read and was kept aside (the text names the kept file).
   * `openCarDataAccount` forwards it to the account's `warning` event.
   */
  readonly onWarning?: ((text: string) => void) | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

type Loaded =
  | { readonly kind: 'state'; readonly state: CarDataState }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly lastWrittenAt: number };

/**
 * Keeps the state in a JSON file beside the tokens (mode 0600, written atomically, temp files of
 * crashed writers removed at start), guarded by a lock file so several processes share one quota.
 *
 * A file that exists but cannot be read as a state file (empty, truncated, another version, a
 * malformed entry) is never replaced by a fresh state that would forget spent quota: it is renamed
 * to `<path>.unreadable-<time>`, a warning names it, and the new state records it as `lost`, so the
 * quota ledger counts the budget as used up until the calls it held can have left the window.
 */
export class FileCarDataStateStore implements CarDataStateStore {
  readonly #path: string;
  readonly #lock: LockFileOptions;
  readonly #options: FileCarDataStateStoreOptions;
  #cleaned: Promise<unknown> | undefined;

  /** @param path the state file, e.g. `carDataStatePathFor(tokenFile)`. */
  constructor(path: string, options: FileCarDataStateStoreOptions = {}) {
    this.#path = path;
    this.#options = options;
    this.#lock = { staleMs: 10_000, timeoutMs: 10_000, ...options.lock };
  }

  /** The path of the state file. */
  get path(): string {
    return this.#path;
  }

  /** Reads the file without locking; an unreadable file is kept aside first (under the lock). */
  async read(): Promise<CarDataState> {
    await this.#cleanOnce();
    const loaded = await this.#load();
    if (loaded.kind === 'state') return loaded.state;
    return this.update((state) => structuredClone(state));
  }

  /** Read-modify-write under the lock file. */
  async update<T>(change: (state: CarDataState) => T | Promise<T>): Promise<T> {
    await this.#cleanOnce();
    return withLockFile(
      `${this.#path}.lock`,
      async () => {
        const state = await this.#loadOrKeepAside();
        const result = await change(state);
        await writeFileAtomic(this.#path, `${JSON.stringify(state, null, 2)}\n`);
        return result;
      },
      this.#lock,
    );
  }

  /** Removes temp files a crashed writer left beside the state file, once per store. */
  #cleanOnce(): Promise<unknown> {
    this.#cleaned ??= removeStaleTempFiles(this.#path);
    return this.#cleaned;
  }

  async #load(): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { kind: 'state', state: emptyCarDataState() };
      throw new BimmerValidationError(
        `The CarData state file ${this.#path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        {
          cause: error,
          paths: [this.#path],
          hint: 'Make the file (and its folder) readable and writable by this user; it holds the quota ledger.',
          action: 'check-files',
        },
      );
    }
    const reading = readStateFile(text);
    if (reading.ok) return { kind: 'state', state: reading.state };
    const lastWrittenAt = await stat(this.#path).then(
      (stats) => stats.mtimeMs,
      () => this.#now(),
    );
    return {
      kind: 'unreadable',
      reason: reading.reason,
      lastWrittenAt: Math.min(lastWrittenAt, this.#now()),
    };
  }

  /** The state, or (for an unreadable file, under the lock) a conservative one after keeping the file aside. */
  async #loadOrKeepAside(): Promise<CarDataState> {
    const loaded = await this.#load();
    if (loaded.kind === 'state') return loaded.state;
    const now = this.#now();
    const keptAs = await keepUnreadableFile(this.#path, now);
    this.#options.onWarning?.(
      `The CarData state file ${this.#path} could not be read (${loaded.reason}); it is kept as ${keptAs}. ` +
        'The REST calls it counted are unknown, so the daily budget counts as used up until they can have ' +
        "left BMW's quota window (at most a day after the file's last change), unless BMW says otherwise.",
    );
    return {
      ...emptyCarDataState(),
      lost: { lastWrittenAt: loaded.lastWrittenAt, keptAs, foundAt: now },
    };
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
