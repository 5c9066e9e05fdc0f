import type { StoredTokens } from './stored-tokens';

/**
 * Where tokens live between runs. `save` must have durably stored the tokens when its promise resolves:
 * the authenticator saves a rotated refresh token before anything uses it, because the old one no
 * longer works.
 */
export interface TokenStore {
  /** The stored tokens, or `undefined` when nothing was stored yet. Throws a typed error on corrupt data. */
  load(): Promise<StoredTokens | undefined>;
  /** Replaces the stored tokens. */
  save(tokens: StoredTokens): Promise<void>;
}
