import { dirname, join } from 'node:path';
import { CarDataSession, type TokenStore } from '@bimmer/auth';
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
}

/**
 * Opens the CarData account of a stored login: a `CarDataSession` over the token store and the
 * quota ledger and caches in `statePath`. Costs no REST call.
 */
export function openCarDataAccount(options: OpenCarDataAccountOptions): Promise<CarDataAccount> {
  const { tokenStore, statePath, loginBaseUrl, refreshMarginMs, ...accountOptions } = options;
  const tokens = new CarDataSession({
    tokenStore,
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
