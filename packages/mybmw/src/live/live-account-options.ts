import type { MyBMWAuthenticator, TokenStore } from '@bimmer/auth';
import {
  BimmerValidationError,
  DEFAULT_STALE_AFTER_MS,
  type Region,
  type VehicleEventSettings,
} from '@bimmer/core';
import type { AccountAuthenticator, AccountTransportOptions } from '../account/account';
import type { MyBMWAccount } from '../account/mybmw-account';
import type { QuietHours } from './quiet-hours';

/** How a MyBMW live account polls, persists and derives events; only `statePath` is required. */
export interface MyBMWLiveSettings {
  /**
   * The state file: every vehicle's last known state with its times, the event memory and BMW's
   * rate-limit backoff. One file per running live account (the CLI keeps it beside the token file).
   */
  readonly statePath: string;
  /** Time between polls, ms. Default 5 minutes. */
  readonly pollIntervalMs?: number | undefined;
  /** Each wait varies by ± this share (0..0.5), so programs do not poll in step. Default 0.1. */
  readonly pollJitter?: number | undefined;
  /**
   * The longest wait after polls that failed in a row (the wait doubles from the interval), ms.
   * Default 1 hour. BMW's own `retryAt` (a quota) may be later; it is honoured.
   */
  readonly maxBackoffMs?: number | undefined;
  /** A daily window without automatic polls, e.g. `{ from: '23:00', to: '06:00' }`. */
  readonly quietHours?: QuietHours | undefined;
  /** Geofences and battery thresholds for the derived `event`s (checked at once). */
  readonly events?: VehicleEventSettings | undefined;
  /** A vehicle is stale this long after its newest field time. Default 12 hours. */
  readonly staleAfterMs?: number | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** The jitter source, a number in [0, 1); default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** Log in with credentials: a password is needed only when the token store holds no usable login. */
export interface MyBMWLiveCredentials {
  /** The MyBMW account (e-mail; in China the phone number). */
  readonly username: string;
  /** The password; sent to BMW's login only, never logged. */
  readonly password?: string | undefined;
  /** A solved hCaptcha token for the first full login outside China (used once). */
  readonly captchaToken?: string | undefined;
  /** Where tokens are kept between runs (`FileTokenStore` from @bimmer/auth); default memory. */
  readonly tokenStore?: TokenStore | undefined;
}

/** The account's own options (as `new MyBMWAccount(...)` takes them), built by the live account. */
export type MyBMWLiveAccountLogin = Omit<AccountTransportOptions, 'now'> & {
  /** `rest_of_world`, `north_america`, `china` (or `row`, `na`, `cn`). */
  readonly region: Region | string;
} & (MyBMWLiveCredentials | { readonly authenticator: AccountAuthenticator | MyBMWAuthenticator });

/**
 * Options of `openMyBMWLiveAccount`: the live settings, and either a `MyBMWAccount` built
 * elsewhere (`account`, e.g. with an adapter's own authenticator) or the account's options
 * (`username`, `password`, `region`, `captchaToken`, `tokenStore` or `authenticator`, `baseUrl`,
 * ...), from which the live account builds one. A live account waits out BMW's 429s itself (it
 * backs off to a later poll), so the account it builds resends nothing after a 429 (`maxRetries`
 * defaults to 0 there).
 */
export type MyBMWLiveAccountOptions = MyBMWLiveSettings &
  ({ readonly account: MyBMWAccount } | MyBMWLiveAccountLogin);

/** The defaults of {@link MyBMWLiveSettings}. */
export const MYBMW_LIVE_DEFAULTS = {
  pollIntervalMs: 5 * 60_000,
  pollJitter: 0.1,
  maxBackoffMs: 60 * 60_000,
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
} as const;

/** The settings with their defaults, checked. */
export interface ResolvedLiveSettings {
  readonly pollIntervalMs: number;
  readonly pollJitter: number;
  readonly maxBackoffMs: number;
  readonly staleAfterMs: number;
}

/** Checks the live settings (not the account's own options), naming each bad one. */
export function resolveLiveSettings(options: MyBMWLiveAccountOptions): ResolvedLiveSettings {
  if (options === null || typeof options !== 'object') {
    throw new BimmerValidationError('openMyBMWLiveAccount needs an options object.', {
      paths: ['options'],
      action: 'check-input',
    });
  }
  const problems: string[] = [];
  if (typeof options.statePath !== 'string' || options.statePath === '') problems.push('statePath');
  const positive = (key: 'pollIntervalMs' | 'maxBackoffMs') => {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
      problems.push(key);
  };
  positive('pollIntervalMs');
  positive('maxBackoffMs');
  const stale = options.staleAfterMs;
  if (stale !== undefined && (typeof stale !== 'number' || !Number.isFinite(stale) || stale < 0))
    problems.push('staleAfterMs');
  const jitter = options.pollJitter;
  if (jitter !== undefined && (typeof jitter !== 'number' || !(jitter >= 0 && jitter <= 0.5)))
    problems.push('pollJitter');
  for (const key of ['now', 'random'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') problems.push(key);
  }
  if (!('account' in options) && (options.region === undefined || options.region === null))
    problems.push('region');
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid MyBMW live account options: ${problems.join(', ')}. A state file path is required; ` +
        'the poll interval and the longest backoff are milliseconds above zero, the staleness ' +
        'threshold zero or more, the jitter a share between 0 and 0.5.',
      { paths: problems, action: 'check-input' },
    );
  }
  return {
    pollIntervalMs: options.pollIntervalMs ?? MYBMW_LIVE_DEFAULTS.pollIntervalMs,
    pollJitter: jitter ?? MYBMW_LIVE_DEFAULTS.pollJitter,
    maxBackoffMs: options.maxBackoffMs ?? MYBMW_LIVE_DEFAULTS.maxBackoffMs,
    staleAfterMs: stale ?? MYBMW_LIVE_DEFAULTS.staleAfterMs,
  };
}
