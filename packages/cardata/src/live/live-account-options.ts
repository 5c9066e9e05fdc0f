import type { TokenStore } from '@bimmer/auth';
import { BimmerValidationError, DEFAULT_STALE_AFTER_MS, type VehicleEventSettings } from '@bimmer/core';
import type { CarDataStreamOptions } from '../stream/stream-connection';
import type { RestBudgetOptions } from './rest-budget-settings';

/** Options of `openCarDataLiveAccount`; only `tokenStore` and `statePath` are required. */
export interface CarDataLiveAccountOptions {
  /** Where the CarData tokens are (a `FileTokenStore` for the CLI); the login must exist. */
  readonly tokenStore: TokenStore;
  /**
   * The state file: quota ledger, REST caches and the live account's last known values, shared by
   * every program of the account (the CLI passes `carDataStatePathFor(tokenFile)`).
   */
  readonly statePath: string;
  /** REST host; default `https://api-cardata.bmwgroup.com` (the simulator's URL in tests). */
  readonly apiBaseUrl?: string | undefined;
  /** Stream broker; default `mqtts://customer.streaming-cardata.bmwgroup.com:9000`. */
  readonly streamUrl?: string | undefined;
  /** BMW's login host for token refreshes; default `https://customer.bmwgroup.com`. */
  readonly loginBaseUrl?: string | undefined;
  /** Refresh tokens this long before they expire; default 10 minutes. */
  readonly refreshMarginMs?: number | undefined;
  /**
   * The lock file that keeps processes from refreshing the tokens at once. Default: `<token file>.lock`
   * for a store with a file, else `cardata-refresh.lock` beside the state file.
   */
  readonly refreshLockPath?: string | undefined;
  /** How the account may spend REST calls by itself; see `RestBudgetOptions` for the defaults. */
  readonly budget?: RestBudgetOptions | undefined;
  /** Geofences and battery thresholds for the derived `event`s (checked at once). */
  readonly events?: VehicleEventSettings | undefined;
  /** A vehicle is stale this long after its newest field time. Default 12 hours. */
  readonly staleAfterMs?: number | undefined;
  /** The last known values are written at most this often while messages arrive. Default 5 s. */
  readonly persistIntervalMs?: number | undefined;
  /** Stream tuning (backoff, reconnect margin before ID-token expiry, token rotation, keepalive). */
  readonly stream?: Omit<CarDataStreamOptions, 'tokens' | 'url'> | undefined;
  /** The clock in epoch ms (tests inject the simulator's); default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** The fetch to use (tests may inject one); default the global fetch. */
  readonly fetch?: typeof fetch | undefined;
}

/** The defaults of {@link CarDataLiveAccountOptions}. */
export const LIVE_ACCOUNT_DEFAULTS = {
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
  persistIntervalMs: 5_000,
} as const;

/** Checks the options that are not checked elsewhere, naming each bad one. */
export function checkLiveAccountOptions(options: CarDataLiveAccountOptions): void {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') {
    throw new BimmerValidationError('openCarDataLiveAccount needs an options object.', {
      paths: ['options'],
      action: 'check-input',
    });
  }
  if (options.tokenStore === undefined || typeof options.tokenStore?.load !== 'function')
    problems.push('tokenStore');
  if (typeof options.statePath !== 'string' || options.statePath === '') problems.push('statePath');
  for (const key of ['staleAfterMs', 'persistIntervalMs', 'refreshMarginMs'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
      problems.push(key);
  }
  if (options.persistIntervalMs === 0) problems.push('persistIntervalMs');
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid live account options: ${problems.join(', ')}. A token store and a state file path are ` +
        'required; durations are milliseconds of zero or more (the persist interval above zero).',
      { paths: problems, action: 'check-input' },
    );
  }
}
