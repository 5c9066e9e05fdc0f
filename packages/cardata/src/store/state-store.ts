import type { LockFileOptions } from '@bimmer/auth';
import { withLockFile } from '@bimmer/auth/internal';
import { readJsonFile, writeJsonFileAtomic } from './atomic-json-file';

/** A cached REST answer and when it was fetched. */
export interface CachedValue<T> {
  value: T;
  /** Epoch ms. */
  fetchedAt: number;
}

/** What bimmer remembers of one CarData account between runs. */
export interface CarDataAccountState {
  /** Epoch ms of every REST call sent in the current quota window(s). */
  calls: number[];
  /** BMW said the quota is used up (429 / CU-429): no call before this time (epoch ms). */
  blockedUntil?: number;
  /** `GET /customers/vehicles/mappings`. */
  mappings?: CachedValue<unknown>;
  /** `GET /customers/vehicles/{vin}/basicData`, by VIN. */
  basicData?: Record<string, CachedValue<unknown>>;
  /** Our container: its id and the signature of the descriptors it was created with. */
  container?: { id: string; signature: string };
}

/** The whole state file: one entry per gcid, so accounts sharing a file stay apart. */
export interface CarDataState {
  version: 1;
  accounts: Record<string, CarDataAccountState>;
}

/**
 * Where the quota ledger and the REST caches live. `update` runs read-modify-write atomically
 * across every process that shares the store.
 */
export interface CarDataStateStore {
  /** The current state (no lock; for display). */
  read(): Promise<CarDataState>;
  /** Re-reads the state under the lock, applies `change`, writes it and returns `change`'s result. */
  update<T>(change: (state: CarDataState) => T | Promise<T>): Promise<T>;
}

/** A fresh, empty state. */
export function emptyCarDataState(): CarDataState {
  return { version: 1, accounts: {} };
}

/** The account's entry, created when missing. */
export function accountState(state: CarDataState, gcid: string): CarDataAccountState {
  state.accounts[gcid] ??= { calls: [] };
  return state.accounts[gcid];
}

function normalise(value: unknown): CarDataState {
  if (typeof value !== 'object' || value === null) return emptyCarDataState();
  const record = value as Partial<CarDataState>;
  if (record.version !== 1 || typeof record.accounts !== 'object' || record.accounts === null) {
    return emptyCarDataState();
  }
  for (const account of Object.values(record.accounts)) {
    if (!Array.isArray(account.calls)) account.calls = [];
  }
  return record as CarDataState;
}

/**
 * Keeps the state in a JSON file beside the tokens (mode 0600, written atomically), guarded by a
 * lock file so several processes can share one quota.
 */
export class FileCarDataStateStore implements CarDataStateStore {
  readonly #path: string;
  readonly #lock: LockFileOptions;

  /**
   * @param path the state file, e.g. `carDataStatePathFor(tokenFile)`.
   * @param lockOptions timeouts of `<path>.lock` (defaults: stale after 10 s, give up after 10 s).
   */
  constructor(path: string, lockOptions: LockFileOptions = {}) {
    this.#path = path;
    this.#lock = { staleMs: 10_000, timeoutMs: 10_000, ...lockOptions };
  }

  /** The path of the state file. */
  get path(): string {
    return this.#path;
  }

  /** Reads the file without locking. */
  async read(): Promise<CarDataState> {
    return normalise(await readJsonFile(this.#path));
  }

  /** Read-modify-write under the lock file. */
  update<T>(change: (state: CarDataState) => T | Promise<T>): Promise<T> {
    return withLockFile(
      `${this.#path}.lock`,
      async () => {
        const state = normalise(await readJsonFile(this.#path));
        const result = await change(state);
        await writeJsonFileAtomic(this.#path, state);
        return result;
      },
      this.#lock,
    );
  }
}

/** Keeps the state in memory (tests, or when no file should be written). */
export class MemoryCarDataStateStore implements CarDataStateStore {
  #state: CarDataState = emptyCarDataState();
  #queue: Promise<unknown> = Promise.resolve();

  /** A deep copy of the state. */
  async read(): Promise<CarDataState> {
    return structuredClone(this.#state);
  }

  /** Serialised read-modify-write. */
  update<T>(change: (state: CarDataState) => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const state = structuredClone(this.#state);
      const result = await change(state);
      this.#state = state;
      return result;
    });
    this.#queue = run.catch(() => {});
    return run;
  }
}
