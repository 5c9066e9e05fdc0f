import type { StoredTokens, TokenStore } from '@bimmer/auth';

/**
 * A token store that remembers its unfinished saves, so an interrupted run (Ctrl-C) can wait for them
 * before exiting: BMW rotates refresh tokens, and losing the newest one would force a new login.
 * It shows the wrapped store's `path` and `checkWritable`, so the SDK sees the token file through
 * it: renewals lock `<path>.lock` (one refresh for every process sharing the file), and its errors
 * name the file.
 */
export class FlushableTokenStore implements TokenStore {
  readonly #inner: TokenStore;
  readonly #pending = new Set<Promise<void>>();

  /** Wraps `inner`. */
  constructor(inner: TokenStore) {
    this.#inner = inner;
  }

  /** The wrapped store's file, when it keeps its tokens in one (a `FileTokenStore`). */
  get path(): string | undefined {
    const path = (this.#inner as { readonly path?: unknown }).path;
    return typeof path === 'string' && path !== '' ? path : undefined;
  }

  /** Loads from the wrapped store. */
  load(): Promise<StoredTokens | undefined> {
    return this.#inner.load();
  }

  /** Asks the wrapped store whether it can keep tokens (a store that cannot tell says yes). */
  async checkWritable(): Promise<void> {
    await this.#inner.checkWritable?.();
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
