import type { StoredTokens, TokenStore } from '@bimmer/auth';

/**
 * A token store that remembers its unfinished saves, so an interrupted run (Ctrl-C) can wait for them
 * before exiting: BMW rotates refresh tokens, and losing the newest one would force a new login.
 */
export class FlushableTokenStore implements TokenStore {
  readonly #inner: TokenStore;
  readonly #pending = new Set<Promise<void>>();

  /** Wraps `inner`. */
  constructor(inner: TokenStore) {
    this.#inner = inner;
  }

  /** Loads from the wrapped store. */
  load(): Promise<StoredTokens | undefined> {
    return this.#inner.load();
  }

  /** Saves to the wrapped store and tracks the save until it settles. */
  save(tokens: StoredTokens): Promise<void> {
    const saving = this.#inner.save(tokens);
    // The tracked copy never rejects: the caller handles the failure of `saving` itself.
    const tracked: Promise<void> = saving.then(
      () => this.#settle(tracked),
      () => this.#settle(tracked),
    );
    this.#pending.add(tracked);
    return saving;
  }

  #settle(save: Promise<void>): void {
    this.#pending.delete(save);
  }

  /** Resolves when every save started so far has finished (successfully or not). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
