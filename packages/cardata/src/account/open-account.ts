import { dirname, join } from 'node:path';
import { CarDataSession, carDataRefreshLockPathOf, type TokenStore } from '@bimmer/auth';
import { FileCarDataStateStore } from '../store/file-state-store';
import { CarDataAccount, type CarDataAccountOptions } from './cardata-account';

/** The state file (quota ledger and caches) that lives beside a token file. */
export function carDataStatePathFor(tokenFilePath: string): string {
  return join(dirname(tokenFilePath), 'cardata-state.json');
}

/** Options of {@link openCarDataAccount}. */
export interface OpenCarDataAccountOptions extends Omit<CarDataAccountOptions, 'tokens' | 'stateStore'> {
  /** Where the CarData tokens are (a `FileTokenStore` for the CLI). */
  readonly tokenStore: TokenStore;
  /** The state file; the CLI passes {@link carDataStatePathFor} of its token file. */
  readonly statePath: string;
  /** BMW's login host; default `https://customer.bmwgroup.com`. */
  readonly loginBaseUrl?: string | undefined;
  /** Refresh this long before the access/ID token expires; default 10 minutes. */
  readonly refreshMarginMs?: number | undefined;
  /**
   * The lock file that keeps processes from refreshing the tokens at the same moment. Default:
   * `<token file>.lock` for a store with a file `path` (a `FileTokenStore`), else
   * {@link carDataRefreshLockPathFor} of `statePath`.
   */
  readonly refreshLockPath?: string | undefined;
}

/** The refresh lock beside a state file, for token stores that do not tell their file. */
export function carDataRefreshLockPathFor(statePath: string): string {
  return join(dirname(statePath), 'cardata-refresh.lock');
}

/**
 * Opens the CarData account of a stored login: a `CarDataSession` over the token store (its
 * refreshes locked across processes) and the quota ledger and caches in `statePath`. Costs no
 * REST call. When the state file turns out to be unreadable, the account's `warning` event names
 * the copy it was kept as.
 */
export async function openCarDataAccount(options: OpenCarDataAccountOptions): Promise<CarDataAccount> {
  const { tokenStore, statePath, loginBaseUrl, refreshMarginMs, refreshLockPath, ...accountOptions } =
    options;
  const tokens = new CarDataSession({
    tokenStore,
    refreshLockPath:
      refreshLockPath ?? carDataRefreshLockPathOf(tokenStore) ?? carDataRefreshLockPathFor(statePath),
    baseUrl: loginBaseUrl,
    refreshMarginMs,
    fetch: options.fetch,
    now: options.now,
  });
  let account: CarDataAccount | undefined;
  const stateStore = new FileCarDataStateStore(statePath, {
    onWarning: (text) => account?.emit('warning', text),
  });
  account = await CarDataAccount.create({ ...accountOptions, tokens, stateStore });
  return account;
}
