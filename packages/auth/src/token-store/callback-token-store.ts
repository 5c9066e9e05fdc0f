import type { StoredTokens } from './stored-tokens';
import type { TokenStore } from './token-store';

/** The two functions a {@link CallbackTokenStore} delegates to. */
export interface TokenStoreCallbacks {
  /** Returns the stored tokens, or `undefined` (or `null`) when there are none. */
  load(): Promise<StoredTokens | undefined | null> | StoredTokens | undefined | null;
  /** Stores the tokens; resolve only once they are safely kept. */
  save(tokens: StoredTokens): Promise<void> | void;
}

/**
 * A {@link TokenStore} that hands tokens to the caller, for adapters that keep secrets elsewhere
 * (Node-RED credentials, a Homebridge storage folder, a keychain).
 */
export class CallbackTokenStore implements TokenStore {
  readonly #callbacks: TokenStoreCallbacks;

  /** @param callbacks the functions that really load and save. */
  constructor(callbacks: TokenStoreCallbacks) {
    this.#callbacks = callbacks;
  }

  /** Calls the `load` callback. */
  async load(): Promise<StoredTokens | undefined> {
    return (await this.#callbacks.load()) ?? undefined;
  }

  /** Calls the `save` callback with a copy of `tokens`. */
  async save(tokens: StoredTokens): Promise<void> {
    await this.#callbacks.save({ ...tokens });
  }
}
