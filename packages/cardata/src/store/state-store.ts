import type * as v from 'valibot';
import {
  CARDATA_STATE_VERSION,
  type CarDataAccountStateSchema,
  type LostLedgerSchema,
} from './state-file-format';

/** A cached REST answer and when it was fetched. */
export interface CachedValue<T> {
  value: T;
  /** Epoch ms. */
  fetchedAt: number;
}

/**
 * What bimmer remembers of one CarData account at one REST base URL between runs: the quota ledger
 * (`calls`, `blockedUntil`) and the REST caches (mappings, basic data, container id).
 */
export type CarDataAccountState = v.InferOutput<typeof CarDataAccountStateSchema>;

/** A state file that could not be read and was kept aside; see {@link CarDataState.lost}. */
export type LostLedger = v.InferOutput<typeof LostLedgerSchema>;

/** The whole state file. */
export interface CarDataState {
  version: typeof CARDATA_STATE_VERSION;
  /** One entry per account and REST base URL, keyed by `carDataAccountKey(gcid, baseUrl)`. */
  accounts: Record<string, CarDataAccountState>;
  /**
   * Set when the previous state file could not be read: the calls it counted are unknown, so the
   * quota ledger counts every budget as used up until they can have left the window.
   */
  lost?: LostLedger | undefined;
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
  return { version: CARDATA_STATE_VERSION, accounts: {} };
}

/** The entry of the account with this key (see `carDataAccountKey`), created when missing. */
export function accountState(state: CarDataState, key: string): CarDataAccountState {
  state.accounts[key] ??= { calls: [] };
  return state.accounts[key];
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
