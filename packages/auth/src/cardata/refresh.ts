import { BimmerApiError, BimmerAuthError } from '@bimmer/core';
import { CARDATA_LOGIN_BASE_URL } from './constants';
import { postOAuthForm } from './oauth-request';
import { type CarDataTokens, parseTokenResponse } from './tokens';

/** Options of a CarData token refresh. */
export interface CarDataRefreshOptions {
  /** Login host; defaults to `https://customer.bmwgroup.com`. */
  baseUrl?: string | undefined;
  /** The fetch to use (tests inject one); default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  now?: (() => number) | undefined;
  /** Cancels the request. */
  signal?: AbortSignal | undefined;
}

/**
 * Exchanges the refresh token for a new set of all three tokens. The old refresh token stops working,
 * so the caller must store the result before using it.
 */
export async function refreshCarDataTokens(
  tokens: CarDataTokens,
  options: CarDataRefreshOptions = {},
): Promise<CarDataTokens> {
  const now = options.now ?? Date.now;
  if (now() >= tokens.refreshExpiresAt) {
    throw new BimmerAuthError('The CarData refresh token has expired (it lives two weeks).', {
      hint: 'Log in again with the device code (bimmer login --cardata --client-id <ID>).',
    });
  }
  const baseUrl = (options.baseUrl ?? CARDATA_LOGIN_BASE_URL).replace(/\/+$/, '');
  const answer = await postOAuthForm(
    options.fetch ?? globalThis.fetch,
    `${baseUrl}/gcdm/oauth/token`,
    { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: tokens.clientId },
    options.signal,
  );
  if (answer.status === 200) return parseTokenResponse(answer.body, tokens.clientId, now());
  if (answer.status >= 400 && answer.status < 500) {
    throw new BimmerAuthError('BMW no longer accepts the CarData refresh token.', {
      status: answer.status,
      hint: 'Refresh tokens rotate: an older copy (a restored backup, another program) stops working. Log in again with the device code (bimmer login --cardata --client-id <ID>).',
    });
  }
  throw new BimmerApiError(`BMW's token endpoint answered HTTP ${answer.status} to a refresh.`, {
    status: answer.status,
    endpoint: '/gcdm/oauth/token',
    hint: 'Try again in a few minutes; the stored tokens are unchanged.',
  });
}
