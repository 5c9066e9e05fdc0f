import type { StoredTokens } from './stored-tokens';
import type { TokenStore } from './token-store';

/** A {@link TokenStore} in memory: tokens live as long as the process. The default of the authenticator. */
export class MemoryTokenStore implements TokenStore {
  #tokens: StoredTokens | undefined;

  /** @param initial tokens to start with, e.g. a refresh token from elsewhere. */
  constructor(initial?: StoredTokens) {
    this.#tokens = initial === undefined ? undefined : { ...initial };
  }

  /** The stored tokens (a copy), if any. */
  async load(): Promise<StoredTokens | undefined> {
    return this.#tokens === undefined ? undefined : { ...this.#tokens };
  }

  /** Keeps a copy of `tokens`. */
  async save(tokens: StoredTokens): Promise<void> {
    this.#tokens = { ...tokens };
  }
}
