import { dirname, join } from 'node:path';
import { CarDataSession, carDataRefreshLockPathOf, type TokenStore } from '@bimmer/auth';
import { FileCarDataStateStore } from '../store/state-store';
import { CarDataAccount, type CarDataAccountOptions } from './cardata-account';

/** The state file (quota ledger and caches) that lives beside a token file. */
export function carDataStatePathFor(tokenFilePath: string): string {
  return join(dirname(tokenFilePath), 'cardata-state.json');
}

/** Options of {@link openCarDataAccount}. */
export interface OpenCarDataAccountOptions extends Omit<CarDataAccountOptions, 'tokens' | 'stateStore'> {
  /** Where the CarData tokens are (a `FileTokenStore` for the CLI). */
  tokenStore: TokenStore;
  /** The state file; the CLI passes {@link carDataStatePathFor} of its token file. */
  statePath: string;
  /** BMW's login host; default `https://customer.bmwgroup.com`. */
  loginBaseUrl?: string;
  /** Refresh this long before the access/ID token expires; default 10 minutes. */
  refreshMarginMs?: number;
  /**
   * The lock file that keeps processes from refreshing the tokens at the same moment. Default:
   * `<token file>.lock` for a store with a file `path` (a `FileTokenStore`), else
   * {@link carDataRefreshLockPathFor} of `statePath`.
   */
  refreshLockPath?: string;
}

/** The refresh lock beside a state file, for token stores that do not tell their file. */
export function carDataRefreshLockPathFor(statePath: string): string {
  return join(dirname(statePath), 'cardata-refresh.lock');
}

/**
 * Opens the CarData account of a stored login: a `CarDataSession` over the token store (its
 * refreshes locked across processes) and the quota ledger and caches in `statePath`. Costs no
 * REST call.
 */
export function openCarDataAccount(options: OpenCarDataAccountOptions): Promise<CarDataAccount> {
  const { tokenStore, statePath, loginBaseUrl, refreshMarginMs, refreshLockPath, ...accountOptions } =
    options;
  const tokens = new CarDataSession({
    tokenStore,
    refreshLockPath:
      refreshLockPath ?? carDataRefreshLockPathOf(tokenStore) ?? carDataRefreshLockPathFor(statePath),
    ...(loginBaseUrl === undefined ? {} : { baseUrl: loginBaseUrl }),
    ...(refreshMarginMs === undefined ? {} : { refreshMarginMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return CarDataAccount.create({
    ...accountOptions,
    tokens,
    stateStore: new FileCarDataStateStore(statePath),
  });
}
