import type { Region } from '@bimmer/core';
import type { AuthTokens } from './auth-tokens';
import type { AuthClock } from './clock';
import type { LockFileOptions } from './fs/lock-file';
import type { FetchLike } from './http/fetch-like';
import type { AuthLogger } from './logger';
import type { TokenStore } from './token-store/token-store';

/** How a `MyBMWAuthenticator` is set up. */
export interface MyBMWAuthenticatorOptions {
  /** The MyBMW account (an e-mail address; in China a phone number with the 86 prefix). */
  readonly username: string;
  /** The account password. Only sent to BMW's login, never logged. */
  readonly password: string;
  /** The region, in any form `requireRegion` from @bimmer/core accepts (`rest_of_world`, `row`, `NA`, …). */
  readonly region: Region | string;
  /**
   * A solved hCaptcha token for the first full login in north_america and rest_of_world (see
   * docs/captcha.md). Used once, then forgotten.
   */
  readonly captchaToken?: string | undefined;
  /** Where tokens are loaded from and saved to. Default: in memory only. */
  readonly tokenStore?: TokenStore | undefined;
  /**
   * The lock file that makes renewals safe across processes sharing the token store: a renewal runs
   * under it, re-reads the store first and uses another process's fresh tokens instead of refreshing
   * again (BMW's refresh tokens are single-use). Default: `<path>.lock` when the store has a file
   * `path` (a `FileTokenStore`); a store that wraps one must pass the path here. `false` turns it off.
   */
  readonly refreshLockPath?: string | false | undefined;
  /** Stale and wait timeouts of that lock. Defaults 120 s and 180 s (a login may wait out 429s). */
  readonly refreshLock?: LockFileOptions | undefined;
  /** Sends every login request to this origin instead of the region host (a simulator, a proxy). */
  readonly baseUrl?: string | undefined;
  /** The fetch to use. Default: the global `fetch`. */
  readonly fetch?: FetchLike | undefined;
  /** Refresh this many seconds before the access token expires. Default 300. */
  readonly refreshMarginSeconds?: number | undefined;
  /** The longest wait honoured when the login answers 429, in seconds. Default 30. */
  readonly maxRetryWaitSeconds?: number | undefined;
  /** The time source and sleeper. Default: the system clock. */
  readonly clock?: AuthClock | undefined;
  /** Receives progress messages, never secrets. */
  readonly logger?: AuthLogger | undefined;
  /** Called after every login or refresh, once the new tokens are saved. */
  readonly onTokensChanged?: ((tokens: AuthTokens) => void) | undefined;
}
