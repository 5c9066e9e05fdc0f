import { createHash } from 'node:crypto';
import { requireRegion, VehicleEventTracker } from '@bimmer/core';
import { compact } from '@bimmer/core/internal';
import { MyBMWAccount, type MyBMWAccountOptions } from '../account/mybmw-account';
import {
  type MyBMWLiveAccountLogin,
  type MyBMWLiveAccountOptions,
  type MyBMWLiveSettings,
  resolveLiveSettings,
} from './live-account-options';
import { loadLiveStateFile } from './live-state';
import { MyBMWLiveAccount } from './mybmw-live-account';
import { checkQuietHours } from './quiet-hours';

/**
 * Opens a live MyBMW account, for programs that run for months (Node-RED, Homebridge, the CLI's
 * `stream --transport mybmw`, your own service). Before it returns, the last known state is
 * restored from `statePath`: `vehicles` holds every vehicle with its last values and their times,
 * without a single request. Nothing is sent until `start()`: then MyBMW is polled every
 * `pollIntervalMs` (5 minutes) with jitter, outside `quietHours`, backing off on BMW's rate limits.
 *
 * Throws a `BimmerValidationError` for bad options, quiet hours or event settings (naming them),
 * and for a `statePath` that holds another program's file (action `check-files`).
 *
 * @example
 * const live = await openMyBMWLiveAccount({ username, password, region: 'rest_of_world', tokenStore, statePath });
 * live.on('event', (event) => console.log(event.type, event.vin, event.at));
 * live.on('connection', ({ state, reason }) => console.log(state, reason ?? ''));
 * await live.start();
 */
export async function openMyBMWLiveAccount(options: MyBMWLiveAccountOptions): Promise<MyBMWLiveAccount> {
  const settings = resolveLiveSettings(options);
  const quietHours = checkQuietHours(options.quietHours);
  const tracker = new VehicleEventTracker({ settings: options.events });
  const now = options.now ?? Date.now;
  const account = 'account' in options ? options.account : buildAccount(options, now);
  const loaded = await loadLiveStateFile(options.statePath, now());
  return new MyBMWLiveAccount({
    account,
    statePath: options.statePath,
    accountKey: accountKeyOf(account),
    restored: loaded.state,
    warnings: loaded.warnings,
    tracker,
    settings,
    quietHours,
    now,
    random: options.random ?? Math.random,
  });
}

/** The account the live account polls through, from the account's own options. */
function buildAccount(options: MyBMWLiveSettings & MyBMWLiveAccountLogin, now: () => number): MyBMWAccount {
  const {
    statePath: _statePath,
    pollIntervalMs: _pollIntervalMs,
    pollJitter: _pollJitter,
    maxBackoffMs: _maxBackoffMs,
    quietHours: _quietHours,
    events: _events,
    staleAfterMs: _staleAfterMs,
    now: _now,
    random: _random,
    ...login
  } = options;
  const common = { maxRetries: login.maxRetries ?? 0, now: () => new Date(now()) };
  if ('authenticator' in login) return new MyBMWAccount({ ...login, ...common });
  // Without a password only a stored login can work; a full login then fails with an auth error
  // before anything is sent.
  return new MyBMWAccount(
    compact({ ...login, ...common, password: login.password ?? '' }) as MyBMWAccountOptions,
  );
}

/**
 * The key of the login in the state file: a hash of the region and the username (never the
 * username itself), so a state file is not restored into another login's account.
 */
function accountKeyOf(account: MyBMWAccount): string | undefined {
  const authenticator = account.authenticator as { readonly username?: unknown };
  if (typeof authenticator.username !== 'string') return undefined;
  return createHash('sha256')
    .update(`${requireRegion(account.region)}\n${authenticator.username.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 16);
}
