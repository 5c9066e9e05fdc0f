import { BimmerAuthError } from '@bimmer/core';
import { type LockFileOptions, withLockFile } from '../fs/lock-file';
import type { TokenStore } from '../token-store/token-store';
import { type CarDataDeviceLoginOptions, loginWithCarDataDeviceCode } from './device-flow';
import { refreshCarDataTokens } from './refresh';
import { type CarDataTokens, isCarDataTokens } from './tokens';

/** Options of a {@link CarDataSession}. */
export interface CarDataSessionOptions {
  /** Holds the tokens; every rotation is saved here before the new tokens are used. */
  tokenStore: TokenStore;
  /** Login host; defaults to `https://customer.bmwgroup.com`. */
  baseUrl?: string | undefined;
  /**
   * Refresh this long before the access/ID token expires. Default 10 minutes, so a token handed out
   * is good for at least that long (an MQTT connection uses it as its password). Once the session
   * has seen BMW issue tokens, the margin is at most half their lifetime, so short-lived tokens are
   * not refreshed on every call.
   */
  refreshMarginMs?: number | undefined;
  /** The fetch to use (tests inject one); default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * The lock file that makes refreshes safe across processes sharing the store. Default:
   * `<path>.lock` when the token store has a file `path` (a `FileTokenStore`); otherwise only the
   * callers inside this process are coordinated. `false` turns the lock off.
   */
  refreshLockPath?: string | false | undefined;
  /** Stale and wait timeouts of the refresh lock (defaults 30 s and 60 s). */
  refreshLock?: LockFileOptions | undefined;
}

/**
 * The default refresh lock of a token store: `<path>.lock` when the store keeps its tokens in a
 * file and says where (a string `path`, as `FileTokenStore` has); undefined otherwise.
 */
export function carDataRefreshLockPathOf(store: TokenStore): string | undefined {
  const path = (store as { readonly path?: unknown }).path;
  return typeof path === 'string' && path !== '' ? `${path}.lock` : undefined;
}

/**
 * Hands out valid CarData tokens: loads them from the store, refreshes ahead of expiry (one refresh
 * at a time, even with many callers and, through a lock file, many processes), and persists each
 * rotation before returning it.
 */
export class CarDataSession {
  readonly #options: CarDataSessionOptions;
  readonly #now: () => number;
  #tokens: CarDataTokens | undefined;
  #refreshing: Promise<CarDataTokens> | undefined;
  /** The lifetime of the tokens BMW issued on this session's last rotation; unknown before one. */
  #lifetimeMs: number | undefined;

  constructor(options: CarDataSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Runs the device-code login and stores the tokens in the session's store. */
  static async login(
    sessionOptions: CarDataSessionOptions,
    loginOptions: Omit<CarDataDeviceLoginOptions, 'tokenStore' | 'fetch' | 'now' | 'baseUrl'>,
  ): Promise<CarDataSession> {
    const session = new CarDataSession(sessionOptions);
    const startedAt = session.#now();
    session.#tokens = await loginWithCarDataDeviceCode({
      ...loginOptions,
      tokenStore: sessionOptions.tokenStore,
      fetch: sessionOptions.fetch,
      now: sessionOptions.now,
      baseUrl: sessionOptions.baseUrl,
    });
    session.#lifetimeMs = session.#tokens.expiresAt - Math.max(startedAt, session.#now());
    return session;
  }

  /** Tokens that stay valid for at least the refresh margin, refreshing when needed. */
  async tokens(): Promise<CarDataTokens> {
    const current = this.#tokens ?? (await this.#load());
    if (current.expiresAt - this.#margin() > this.#now()) return current;
    return this.refresh();
  }

  /** The gcid (MQTT username) of the logged-in account. */
  async gcid(): Promise<string> {
    return (this.#tokens ?? (await this.#load())).gcid;
  }

  /**
   * Refreshes now (ahead of expiry, or after BMW rejected a token). Concurrent calls share one
   * refresh. Across processes the refresh runs under the lock file and re-reads the store there:
   * when another process has rotated in the meantime, its tokens are used instead.
   */
  refresh(): Promise<CarDataTokens> {
    this.#refreshing ??= this.#locked(() => this.#rotate()).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Forgets the in-memory copy so the next call re-reads the store. */
  forget(): void {
    this.#tokens = undefined;
  }

  #locked(task: () => Promise<CarDataTokens>): Promise<CarDataTokens> {
    const configured = this.#options.refreshLockPath;
    const lockPath =
      configured === false ? undefined : (configured ?? carDataRefreshLockPathOf(this.#options.tokenStore));
    return lockPath === undefined ? task() : withLockFile(lockPath, task, this.#options.refreshLock);
  }

  async #rotate(): Promise<CarDataTokens> {
    const known = this.#tokens;
    const stored = await this.#load();
    // A newer rotation by another process: its refresh token has replaced ours.
    if (
      known !== undefined &&
      stored.refreshToken !== known.refreshToken &&
      stored.expiresAt - this.#margin() > this.#now()
    ) {
      return stored;
    }
    let rotated: CarDataTokens;
    try {
      rotated = await refreshCarDataTokens(stored, {
        baseUrl: this.#options.baseUrl,
        fetch: this.#options.fetch,
        now: this.#now,
      });
    } catch (error) {
      // A process outside our lock (another program, a store without a lock file) won the race:
      // its tokens are in the store now.
      const again = await this.#load();
      if (again.refreshToken !== stored.refreshToken) return again;
      throw error;
    }
    // Persist first: the old refresh token is dead from now on.
    await this.#options.tokenStore.save(rotated);
    this.#tokens = rotated;
    this.#lifetimeMs = rotated.expiresAt - this.#now();
    return rotated;
  }

  async #load(): Promise<CarDataTokens> {
    const loaded = await this.#options.tokenStore.load();
    if (!isCarDataTokens(loaded)) {
      throw new BimmerAuthError('No CarData login is stored.', {
        hint: 'Log in with the device code first (bimmer login --cardata --client-id <ID>).',
      });
    }
    this.#tokens = loaded;
    return loaded;
  }

  /**
   * The refresh margin, at most half the lifetime of the tokens BMW issues: with a margin longer
   * than the lifetime (a 60 s token and the default 10 minutes) every call would refresh again.
   */
  #margin(): number {
    const configured = this.#options.refreshMarginMs ?? 600_000;
    return this.#lifetimeMs === undefined ? configured : Math.min(configured, this.#lifetimeMs / 2);
  }
}
