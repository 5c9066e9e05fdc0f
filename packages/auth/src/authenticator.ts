import { randomUUID } from 'node:crypto';
import {
  BimmerAuthError,
  BimmerCaptchaRequiredError,
  type BimmerError,
  isBimmerError,
  type Region,
} from '@bimmer/core';
import { AuthTokens } from './auth-tokens';
import type { MyBMWAuthenticatorOptions } from './authenticator-options';
import { chinaLogin, chinaRefresh } from './china/china-login';
import { type AuthClock, systemClock } from './clock';
import { isFileAccessError } from './fs/file-access-error';
import { type LockFileOptions, withLockFile } from './fs/lock-file';
import { gcdmLogin, gcdmRefresh } from './gcdm/gcdm-login';
import { LoginClient } from './http/login-client';
import { type AuthLogger, silentLogger } from './logger';
import { getRegionConfig, type MyBMWRegionConfig } from './region/region-config';
import {
  isResumable,
  type MyBMWIdentity,
  storedSessionProblem,
  unusableSessionError,
} from './stored-session';
import type { TokenResult } from './token-result';
import { MemoryTokenStore } from './token-store/memory-token-store';
import type { MyBMWStoredTokens, StoredTokens } from './token-store/stored-tokens';
import type { TokenStore } from './token-store/token-store';
import { tokenStoreLockPathOf } from './token-store/token-store-lock';

/** A session id older than this is replaced (bimmer_connected's CLI does the same after 14 days). */
export const SESSION_ID_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/** The default of `refreshMarginSeconds`. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 300;

/** The default timeouts of the renewal lock: a holder may wait out 429s, so both are generous. */
const DEFAULT_REFRESH_LOCK: LockFileOptions = { staleMs: 120_000, timeoutMs: 180_000 };

/** The default of `maxRetryWaitSeconds`. */
export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 30;

/** Where users learn how to get an hCaptcha token. */
export const CAPTCHA_DOCS_URL = 'https://github.com/bimmer-ts/bimmer/blob/main/docs/captcha.md';

/** The mutable token state; secrets live only here and in the store. */
interface TokenState {
  accessToken: string | undefined;
  accessTokenExpiresAt: number | undefined;
  refreshToken: string | undefined;
  gcid: string | undefined;
  sessionId: string;
  sessionIdCreatedAt: number;
}

/** A listener of token changes. */
export type TokensChangedListener = (tokens: AuthTokens) => void;

/**
 * Logs in to MyBMW and keeps a valid access token: refreshes ahead of expiry, falls back to a full
 * login when the refresh token is refused, runs one login or refresh at a time for all callers, and
 * saves every new token set (above all the rotated refresh token) before handing out the new token.
 *
 * ```ts
 * const auth = new MyBMWAuthenticator({ username, password, region: 'rest_of_world', captchaToken,
 *   tokenStore: new FileTokenStore(path) });
 * const token = await auth.getAccessToken();
 * ```
 */
export class MyBMWAuthenticator {
  /** The region this authenticator logs in to. */
  readonly region: Region;
  /** The account. */
  readonly username: string;
  readonly #config: MyBMWRegionConfig;
  readonly #password: string;
  #captchaToken: string | undefined;
  /** The captcha token the last full login sent: still scrubbed from server texts in its errors. */
  #spentCaptchaToken: string | undefined;
  readonly #store: TokenStore;
  /** The lock file of renewals shared with other processes, if the store is shared through one. */
  readonly #lockPath: string | undefined;
  readonly #lockOptions: LockFileOptions;
  readonly #client: LoginClient;
  readonly #clock: AuthClock;
  readonly #logger: AuthLogger;
  readonly #marginMs: number;
  readonly #listeners = new Set<TokensChangedListener>();
  #state: TokenState;
  #loading: Promise<void> | undefined;
  #loaded = false;
  #override: { refreshToken: string | undefined; gcid: string | undefined } | undefined;
  #renewal: Promise<string> | undefined;
  /** The tokens changed but the store has not taken them yet (a failed save is retried). */
  #unsaved = false;
  /** `setRefreshToken` chose the refresh token: the store's copy must not replace it before a save. */
  #pinned = false;
  /** Why the stored tokens could not be used (damaged, another version, account or region), if so. */
  #storedProblem: BimmerError | undefined;
  /** The store said it can take the tokens a login will bring (`checkWritable`). */
  #storeWritable = false;

  /** @param options account, region, captcha token, store and test hooks. */
  constructor(options: MyBMWAuthenticatorOptions) {
    this.#config = getRegionConfig(options.region);
    this.region = this.#config.region;
    this.username = options.username;
    this.#password = options.password;
    this.#captchaToken = options.captchaToken === '' ? undefined : options.captchaToken;
    this.#store = options.tokenStore ?? new MemoryTokenStore();
    this.#lockPath =
      options.refreshLockPath === false
        ? undefined
        : (options.refreshLockPath ?? tokenStoreLockPathOf(this.#store));
    this.#lockOptions = { ...DEFAULT_REFRESH_LOCK, ...options.refreshLock };
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#marginMs = (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000;
    if (options.onTokensChanged !== undefined) this.#listeners.add(options.onTokensChanged);
    this.#state = this.#emptyState();
    this.#client = new LoginClient({
      region: this.#config,
      baseUrl: options.baseUrl,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      clock: this.#clock,
      logger: this.#logger,
      maxRetryWaitSeconds: options.maxRetryWaitSeconds ?? DEFAULT_MAX_RETRY_WAIT_SECONDS,
      secrets: () => [
        this.#password,
        this.#captchaToken,
        this.#spentCaptchaToken,
        this.#state.accessToken,
        this.#state.refreshToken,
      ],
    });
  }

  /** The account id from the last token response, used in the POI URL. */
  get gcid(): string | undefined {
    return this.#state.gcid;
  }

  /** The `bmw-session-id` header value for API requests. */
  get sessionId(): string {
    return this.#state.sessionId;
  }

  /**
   * Whether `stored` is a login this authenticator can reuse without a password: MyBMW tokens of the
   * same region and account (usernames compared trimmed and without case) holding a refresh or an
   * access token. The one rule, for adapters that decide whether to ask for a password.
   */
  canResume(stored: StoredTokens | undefined): stored is MyBMWStoredTokens {
    return isResumable(stored, this);
  }

  /**
   * {@link MyBMWAuthenticator.canResume} before an authenticator exists (an adapter deciding whether it
   * needs the password to build one).
   */
  static canResume(stored: StoredTokens | undefined, identity: MyBMWIdentity): stored is MyBMWStoredTokens {
    return isResumable(stored, identity);
  }

  /**
   * The typed error that names why `stored` cannot be resumed by a login of `identity` (CarData tokens,
   * another region or account, no tokens), or undefined when it can be (or nothing is stored). For
   * adapters without a password, so they report this instead of "no password given"; a damaged file
   * or one of another version is already named by the store's `load`.
   *
   * @param where what holds the tokens, e.g. `The token file /home/me/.config/bimmer/mybmw.json`.
   */
  static unusableSessionError(
    stored: StoredTokens | undefined,
    identity: MyBMWIdentity,
    where?: string,
  ): BimmerError | undefined {
    return unusableSessionError(stored, identity, where);
  }

  /** A read-only snapshot of the tokens; its `toString`, `toJSON` and inspection hide the secrets. */
  get tokens(): AuthTokens {
    return new AuthTokens(this.#toStored());
  }

  /** Whether a captcha token is still waiting to be used by a full login. */
  get hasCaptchaToken(): boolean {
    return this.#captchaToken !== undefined;
  }

  /**
   * Registers `listener` for token changes (after each login or refresh, once saved).
   *
   * @returns a function that unregisters it.
   */
  onTokensChanged(listener: TokensChangedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Gives a fresh hCaptcha token for the next full login (used once). */
  setCaptchaToken(token: string): void {
    this.#captchaToken = token === '' ? undefined : token;
  }

  /**
   * Uses `refreshToken` (and `gcid`, which the China refresh needs) for the next renewal, e.g. one
   * copied from another installation; `undefined` forgets the refresh token (as Python's `None`
   * does), so the next renewal is a full login. Either way the current access token is dropped, so
   * the next {@link getAccessToken} renews; the store takes the change with that renewal.
   */
  setRefreshToken(refreshToken: string | undefined, gcid?: string): void {
    this.#override = { refreshToken, gcid };
    if (this.#loaded) this.#applyOverride();
  }

  /**
   * A valid access token. Loads stored tokens on first use; logs in or refreshes when there is none
   * or it expires within the refresh margin. Concurrent callers share one login or refresh.
   *
   * @throws BimmerCaptchaRequiredError when a full login is needed and no captcha token is left.
   * @throws BimmerAuthError, BimmerQuotaError, BimmerBlockedError, BimmerApiError from the login.
   */
  async getAccessToken(): Promise<string> {
    await this.#ensureLoaded();
    // A renewal may already hold new tokens it has not saved yet: wait for it rather than read them.
    if (this.#renewal !== undefined) return this.#renewal;
    await this.#saveIfUnsaved();
    const current = this.#validAccessToken();
    if (current !== undefined) return current;
    return this.#renew();
  }

  /**
   * Call after an API request answered 401 with `rejectedToken`. Renews once for that token: when
   * another caller already renewed, its token is returned; concurrent callers share one renewal.
   * The caller resends its request once with the returned token and does not call this again for it.
   */
  async onUnauthorized(rejectedToken: string): Promise<string> {
    await this.#ensureLoaded();
    if (this.#renewal !== undefined) return this.#renewal;
    const current = this.#state.accessToken;
    if (current !== undefined && current !== rejectedToken) {
      const valid = this.#validAccessToken();
      if (valid !== undefined) {
        await this.#saveIfUnsaved();
        return valid;
      }
    }
    if (current === rejectedToken) {
      this.#state.accessToken = undefined;
      this.#state.accessTokenExpiresAt = undefined;
    }
    this.#logger.debug('The API refused the access token; renewing it.');
    return this.#renew(rejectedToken);
  }

  #emptyState(): TokenState {
    return {
      accessToken: undefined,
      accessTokenExpiresAt: undefined,
      refreshToken: undefined,
      gcid: undefined,
      sessionId: randomUUID(),
      sessionIdCreatedAt: this.#clock.now(),
    };
  }

  #validAccessToken(): string | undefined {
    const { accessToken, accessTokenExpiresAt } = this.#state;
    if (accessToken === undefined) return undefined;
    // Without a known expiry the token is used until the API refuses it.
    if (accessTokenExpiresAt === undefined) return accessToken;
    return this.#clock.now() < accessTokenExpiresAt - this.#marginMs ? accessToken : undefined;
  }

  async #ensureLoaded(): Promise<void> {
    if (this.#loaded) return;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }

  async #load(): Promise<void> {
    let stored: StoredTokens | undefined;
    try {
      stored = await this.#store.load();
    } catch (error) {
      // A path that cannot be used is for the user to fix before anything is sent.
      if (!isBimmerError(error, 'validation') || isFileAccessError(error)) {
        throw error;
      }
      // A damaged file or another version's: with a password, a new login replaces it (the file is
      // overwritten only once that succeeds); without one, this is what the error names.
      this.#storedProblem = error;
      this.#logger.warn(`${error.message} A new login will replace it.`);
      stored = undefined;
    }
    if (stored?.kind === 'cardata') {
      // Never overwrite another transport's login with ours.
      throw unusableSessionError(stored, this, this.#storeName());
    }
    if (stored !== undefined) {
      this.#storedProblem ??= unusableSessionError(stored, this, this.#storeName());
      this.#restore(stored);
    }
    this.#loaded = true;
    this.#applyOverride();
  }

  /** `The token file <path>` for a file store, else `The token store`, for messages. */
  #storeName(): string {
    const path = (this.#store as { readonly path?: unknown }).path;
    return typeof path === 'string' && path !== '' ? `The token file ${path}` : 'The token store';
  }

  /**
   * Asks the store, once, whether it can keep the tokens a login or refresh brings: before the first
   * request, so that no captcha token is spent and no refresh token rotated into a file that cannot
   * be written.
   */
  async #checkStoreWritable(): Promise<void> {
    if (this.#storeWritable || this.#store.checkWritable === undefined) return;
    await this.#store.checkWritable();
    this.#storeWritable = true;
  }

  #restore(stored: StoredTokens): void {
    // The same rule as canResume, except that a set without tokens still brings its session id.
    const problem = storedSessionProblem(stored, this);
    if (stored.kind !== 'mybmw' || (problem !== undefined && problem !== 'no-tokens')) {
      this.#logger.debug(`The stored tokens cannot be used (${problem}); ignoring them.`);
      return;
    }
    const now = this.#clock.now();
    const sessionFresh =
      stored.sessionId !== undefined &&
      stored.sessionIdCreatedAt !== undefined &&
      now - stored.sessionIdCreatedAt <= SESSION_ID_MAX_AGE_MS;
    this.#state = {
      accessToken: stored.accessToken,
      accessTokenExpiresAt: stored.accessTokenExpiresAt,
      refreshToken: stored.refreshToken,
      gcid: stored.gcid,
      sessionId: sessionFresh && stored.sessionId !== undefined ? stored.sessionId : this.#state.sessionId,
      sessionIdCreatedAt:
        sessionFresh && stored.sessionIdCreatedAt !== undefined
          ? stored.sessionIdCreatedAt
          : this.#state.sessionIdCreatedAt,
    };
    this.#logger.debug('Loaded stored tokens.');
  }

  #applyOverride(): void {
    if (this.#override === undefined) return;
    this.#state.refreshToken = this.#override.refreshToken;
    if (this.#override.gcid !== undefined) this.#state.gcid = this.#override.gcid;
    this.#state.accessToken = undefined;
    this.#state.accessTokenExpiresAt = undefined;
    this.#override = undefined;
    this.#pinned = true;
  }

  /**
   * One renewal at a time: callers arriving while it runs share its result. Across processes that
   * share the token store, renewals run one at a time under its lock file.
   */
  #renew(rejectedToken?: string): Promise<string> {
    this.#renewal ??= this.#runRenewal(rejectedToken).finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  async #runRenewal(rejectedToken: string | undefined): Promise<string> {
    // Double check: a renewal that finished between the caller's check and now already did the work.
    const current = this.#validAccessToken();
    if (current !== undefined) return current;
    await this.#checkStoreWritable();
    const lockPath = this.#lockPath;
    if (lockPath === undefined) return this.#renewNow(rejectedToken);
    return withLockFile(lockPath, () => this.#renewNow(rejectedToken), this.#lockOptions);
  }

  /**
   * Under the lock: first re-reads the store, because another process may have renewed while this one
   * waited (its refresh token has replaced ours, which BMW no longer accepts). Returns its access
   * token when that is still valid; otherwise refreshes (with the newest refresh token) or logs in.
   */
  async #adoptNewerStored(rejectedToken: string | undefined): Promise<string | undefined> {
    if (this.#lockPath === undefined || this.#unsaved || this.#pinned) return undefined;
    let stored: StoredTokens | undefined;
    try {
      stored = await this.#store.load();
    } catch {
      return undefined;
    }
    if (!this.canResume(stored)) return undefined;
    if (stored.refreshToken === this.#state.refreshToken && stored.accessToken === this.#state.accessToken) {
      return undefined;
    }
    this.#logger.debug('Another process renewed the tokens in the store; using them.');
    this.#restore(stored);
    const adopted = this.#validAccessToken();
    if (adopted === undefined || adopted === rejectedToken) return undefined;
    this.#notify(this.#toStored());
    return adopted;
  }

  async #renewNow(rejectedToken: string | undefined): Promise<string> {
    const adopted = await this.#adoptNewerStored(rejectedToken);
    if (adopted !== undefined) return adopted;
    let result: TokenResult | undefined;
    let refreshError: BimmerError | undefined;
    const refreshToken = this.#state.refreshToken;
    if (refreshToken !== undefined) {
      try {
        result = await this.#refresh(refreshToken);
      } catch (error) {
        // Only a refused refresh token justifies a full login; outages, quotas and blocks are passed on.
        if (!isBimmerError(error, 'auth')) throw error;
        refreshError = error;
        this.#logger.debug(
          'Unable to get access token using refresh token, falling back to username/password.',
        );
      }
    }
    result ??= await this.#fullLogin(refreshError);
    await this.#apply(result);
    return result.accessToken;
  }

  #refresh(refreshToken: string): Promise<TokenResult> {
    const now = () => this.#clock.now();
    if (this.region === 'china') {
      this.#logger.debug('Authenticating with refresh token for China.');
      return chinaRefresh(this.#client, { refreshToken, gcid: this.#state.gcid }, now);
    }
    this.#logger.debug('Authenticating with refresh token for North America & Rest of World.');
    return gcdmRefresh(this.#client, this.#config, { refreshToken, sessionId: this.#state.sessionId }, now);
  }

  #fullLogin(refreshError: BimmerError | undefined): Promise<TokenResult> {
    const now = () => this.#clock.now();
    if (this.#password === '') {
      // Without a password only stored tokens can work; do not spend a captcha on a login that must fail.
      // When the store held something that could not be used, that is what the user must hear about.
      if (refreshError === undefined && this.#storedProblem !== undefined) {
        return Promise.reject(this.#storedProblem);
      }
      return Promise.reject(
        new BimmerAuthError(
          refreshError === undefined
            ? 'A MyBMW login is needed but no password was given.'
            : 'BMW refused the refresh token, and a new MyBMW login needs the password, which was not given.',
          {
            hint: 'Give the password (and, outside China, a captcha token) to log in again.',
            action: 'mybmw-login',
            ...(refreshError === undefined ? {} : { cause: refreshError }),
          },
        ),
      );
    }
    if (this.region === 'china') {
      this.#logger.debug('Authenticating with MyBMW flow for China.');
      return chinaLogin(this.#client, { username: this.username, password: this.#password }, now);
    }
    if (this.#captchaToken === undefined) {
      const login =
        refreshError !== undefined
          ? `BMW refused the refresh token, and a new MyBMW login in ${this.region} needs`
          : this.#spentCaptchaToken !== undefined
            ? `A new MyBMW login in ${this.region} needs`
            : `The first MyBMW login in ${this.region} needs`;
      const needed =
        this.#spentCaptchaToken === undefined
          ? `${login} an hCaptcha token.`
          : `${login} a new hCaptcha token: the one given was used by an earlier login, and BMW accepts each token once.`;
      return Promise.reject(
        new BimmerCaptchaRequiredError(needed, {
          region: this.region,
          hint: `Solve the captcha as described in ${CAPTCHA_DOCS_URL} and give the token once as captchaToken; keep the token store so later logins need none.`,
          action: 'captcha-token',
          ...(refreshError === undefined ? {} : { cause: refreshError }),
        }),
      );
    }
    this.#logger.debug('Authenticating with MyBMW flow for North America & Rest of World.');
    let captchaSent = false;
    const login = gcdmLogin(
      this.#client,
      this.#config,
      {
        username: this.username,
        password: this.#password,
        sessionId: this.#state.sessionId,
        takeCaptchaToken: () => {
          captchaSent = true;
          const token = this.#captchaToken ?? '';
          this.#captchaToken = undefined;
          this.#spentCaptchaToken = token;
          return token;
        },
      },
      now,
    );
    // Once the captcha token was sent, it is spent whatever happens next (BMW takes each one once):
    // a login that fails after that says so, instead of failing the same way again with it.
    return login.catch((error: unknown) => {
      throw captchaSent ? captchaSpentError(error, this.region) : error;
    });
  }

  /** Takes a login or refresh result in, renews an old session id, and saves before anyone uses it. */
  async #apply(result: TokenResult): Promise<void> {
    const now = this.#clock.now();
    const sessionExpired = now - this.#state.sessionIdCreatedAt > SESSION_ID_MAX_AGE_MS;
    this.#state = {
      accessToken: result.accessToken,
      accessTokenExpiresAt: result.accessTokenExpiresAt,
      // A server that does not rotate leaves the current refresh token valid.
      refreshToken: result.refreshToken ?? this.#state.refreshToken,
      gcid: result.gcid ?? this.#state.gcid,
      sessionId: sessionExpired ? randomUUID() : this.#state.sessionId,
      sessionIdCreatedAt: sessionExpired ? now : this.#state.sessionIdCreatedAt,
    };
    this.#unsaved = true;
    await this.#saveIfUnsaved();
  }

  async #saveIfUnsaved(): Promise<void> {
    if (!this.#unsaved) return;
    const snapshot = this.#toStored();
    await this.#store.save(snapshot);
    this.#unsaved = false;
    this.#pinned = false;
    this.#notify(snapshot);
  }

  /** Tells the listeners about new tokens (saved by us, or by another process sharing the store). */
  #notify(snapshot: MyBMWStoredTokens): void {
    const tokens = new AuthTokens(snapshot);
    for (const listener of this.#listeners) {
      try {
        listener(tokens);
      } catch {
        this.#logger.warn('A token change listener threw; ignoring it.');
      }
    }
  }

  #toStored(): MyBMWStoredTokens {
    const state = this.#state;
    return {
      kind: 'mybmw',
      region: this.region,
      username: this.username,
      ...(state.accessToken === undefined ? {} : { accessToken: state.accessToken }),
      ...(state.accessTokenExpiresAt === undefined
        ? {}
        : { accessTokenExpiresAt: state.accessTokenExpiresAt }),
      ...(state.refreshToken === undefined ? {} : { refreshToken: state.refreshToken }),
      ...(state.gcid === undefined ? {} : { gcid: state.gcid }),
      sessionId: state.sessionId,
      sessionIdCreatedAt: state.sessionIdCreatedAt,
    };
  }
}

/**
 * The error of a GCDM login that failed after it sent the single-use captcha token. Wrong credentials
 * and BMW's quota or block keep their own error (the captcha is spent too; the next attempt says so);
 * anything else (the server failed after the retries, the code was refused) becomes a
 * `BimmerCaptchaRequiredError` that says the token is spent and asks for a new one.
 */
function captchaSpentError(error: unknown, region: Region): unknown {
  if (isBimmerError(error, 'quota') || isBimmerError(error, 'blocked')) return error;
  const refusedCaptcha = isBimmerError(error, 'auth') && /captcha/i.test(error.message);
  if (isBimmerError(error, 'auth') && !refusedCaptcha && (error as { status?: unknown }).status === 401) {
    return error;
  }
  const what = isBimmerError(error) ? error.message.replace(/\.$/, '') : 'an unexpected failure';
  return new BimmerCaptchaRequiredError(
    refusedCaptcha
      ? `BMW refused the captcha token (${what}); it is used up or expired, so the login needs a new one.`
      : `The MyBMW login failed after it had used the captcha token (${what}). BMW accepts each captcha token once, so the next login needs a new one.`,
    {
      region,
      cause: error,
      hint: `Solve a new captcha as described in ${CAPTCHA_DOCS_URL} and give its token as captchaToken.`,
      action: 'captcha-token',
    },
  );
}
