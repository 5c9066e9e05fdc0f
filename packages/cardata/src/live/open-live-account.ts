import { CarDataSession, carDataRefreshLockPathOf } from '@bimmer/auth';
import { VehicleEventTracker } from '@bimmer/core';
import { carDataRefreshLockPathFor } from '../account/open-account';
import { QuotaLedger } from '../quota/quota-ledger';
import { CarDataRestClient } from '../rest/rest-client';
import { carDataAccountKey } from '../store/account-key';
import { FileCarDataStateStore } from '../store/file-state-store';
import {
  CarDataLiveAccount,
  type CarDataLiveAccountParts,
  type LiveAccountHooks,
} from './cardata-live-account';
import {
  type CarDataLiveAccountOptions,
  checkLiveAccountOptions,
  LIVE_ACCOUNT_DEFAULTS,
} from './live-account-options';
import { readPersistedLiveState } from './live-state';
import { resolveRestBudgetSettings } from './rest-budget-settings';
import { RestReader } from './rest-reader';

/**
 * Opens the live CarData account of a stored login, for programs that run for months (the hub,
 * Node-RED, Homebridge, the CLI's `stream`, your own service). Before it returns, the last known
 * state is restored from `statePath`: `vehicles` holds every vehicle with its last values, their
 * times and channels, without a single REST call and without the network (the gcid comes from the
 * stored tokens). Nothing runs until `start()`: then the stream connects and the REST budget policy
 * spends calls only as its settings allow.
 *
 * Throws a `BimmerValidationError` for bad options or event settings (naming them), and a
 * `BimmerAuthError` when no CarData login is stored.
 *
 * @example
 * const account = await openCarDataLiveAccount({ tokenStore, statePath });
 * account.on('event', (event) => console.log(event.type, event.vin, event.at));
 * account.on('budget', (budget) => console.log(budget.summary));
 * await account.start();
 */
export async function openCarDataLiveAccount(
  options: CarDataLiveAccountOptions,
): Promise<CarDataLiveAccount> {
  checkLiveAccountOptions(options);
  const budget = resolveRestBudgetSettings(options.budget);
  const tracker = new VehicleEventTracker({ settings: options.events });
  const now = options.now ?? Date.now;
  const hooks: LiveAccountHooks = { early: [] };
  const tokens = new CarDataSession({
    tokenStore: options.tokenStore,
    refreshLockPath:
      options.refreshLockPath ??
      carDataRefreshLockPathOf(options.tokenStore) ??
      carDataRefreshLockPathFor(options.statePath),
    baseUrl: options.loginBaseUrl,
    refreshMarginMs: options.refreshMarginMs,
    fetch: options.fetch,
    now,
  });
  // The stored gcid, without refreshing anything: a restart offline still shows the last state.
  const gcid = await tokens.gcid();
  const store = new FileCarDataStateStore(options.statePath, {
    now,
    onWarning: (text) => (hooks.onWarning === undefined ? hooks.early.push(text) : hooks.onWarning(text)),
  });
  const accountKey = carDataAccountKey(gcid, options.apiBaseUrl);
  const ledger = new QuotaLedger({
    store,
    gcid,
    baseUrl: options.apiBaseUrl,
    now,
    limit: budget.quotaLimit,
    window: budget.quotaWindow,
  });
  const rest = new CarDataRestClient({
    tokens,
    ledger,
    baseUrl: options.apiBaseUrl,
    fetch: options.fetch,
    onRequest: () => hooks.onRestCall?.(),
  });
  const state = await store.read();
  const restoredAccount = state.accounts[accountKey];
  const parts: CarDataLiveAccountParts = {
    tokens,
    store,
    accountKey,
    ledger,
    reader: new RestReader({ rest, store, accountKey, now }),
    statePath: options.statePath,
    streamUrl: options.streamUrl,
    stream: options.stream,
    budget,
    tracker,
    staleAfterMs: options.staleAfterMs ?? LIVE_ACCOUNT_DEFAULTS.staleAfterMs,
    persistIntervalMs: options.persistIntervalMs ?? LIVE_ACCOUNT_DEFAULTS.persistIntervalMs,
    now,
    restoredAccount,
    restoredLive: readPersistedLiveState(restoredAccount?.live),
    hooks,
  };
  return CarDataLiveAccount.create(parts);
}
