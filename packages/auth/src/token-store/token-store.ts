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
  /**
   * Optional: throws a typed error when `save` would fail for a reason the user must fix (a token file
   * path that is a directory or not writable). The authenticator calls it before the first login or
   * refresh request, so no captcha token or refresh token is spent on tokens that could not be kept.
   */
  checkWritable?(): Promise<void>;
}
