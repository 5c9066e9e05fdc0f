import { BimmerApiError, isBimmerError } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import type { LoginClient } from '../http/login-client';
import { correlationHeaders } from '../region/headers';

/** The path of the NA/ROW OAuth settings. */
export const OAUTH_CONFIG_PATH = '/eadrax-ucs/v1/presentation/oauth/config';

/** The parts of the OAuth config the login uses. */
export interface OAuthConfig {
  /** The OAuth client id. */
  readonly clientId: string;
  /** The OAuth client secret (Basic auth of the token endpoint). */
  readonly clientSecret: string;
  /** The absolute GCDM token endpoint. */
  readonly tokenEndpoint: string;
  /** The app's custom-scheme redirect URI, e.g. `com.bmw.connected://oauth`. */
  readonly returnUrl: string;
  /** The scopes to request. */
  readonly scopes: readonly string[];
}

/**
 * Fetches the OAuth config with the region's `ocp-apim-subscription-key`, the session id and a fresh
 * correlation id (bimmer_connected `_login_row_na` step 1), trying again after transient faults. The
 * request carries no credential of the user, so a 401 or 403 here is never about the session: it is
 * a `BimmerApiError` (the app's key or the region), not an auth error that would throw the stored
 * login away.
 */
export async function fetchOAuthConfig(
  client: LoginClient,
  subscriptionKey: string | undefined,
  sessionId: string,
): Promise<OAuthConfig> {
  let data: unknown;
  try {
    data = await client.sendForJson({
      method: 'GET',
      url: OAUTH_CONFIG_PATH,
      headers: {
        ...(subscriptionKey === undefined ? {} : { 'ocp-apim-subscription-key': subscriptionKey }),
        'bmw-session-id': sessionId,
        ...correlationHeaders(),
      },
      retryTransient: true,
    });
  } catch (error) {
    if (!isBimmerError(error, 'auth')) throw error;
    throw new BimmerApiError(
      `BMW refused the request for the MyBMW OAuth configuration${describeStatus(error)}. This is not about the stored login, which stays valid.`,
      {
        endpoint: OAUTH_CONFIG_PATH,
        cause: error,
        hint: 'Check the region and try again later; if it persists, BMW may have changed the app key, so check for a bimmer update.',
      },
    );
  }
  const record = isJsonObject(data) ? data : {};
  const { clientId, clientSecret, tokenEndpoint, returnUrl, scopes } = record;
  if (
    typeof clientId !== 'string' ||
    typeof clientSecret !== 'string' ||
    typeof tokenEndpoint !== 'string' ||
    typeof returnUrl !== 'string' ||
    !Array.isArray(scopes) ||
    !scopes.every((scope) => typeof scope === 'string')
  ) {
    throw new BimmerApiError(
      'The MyBMW OAuth config lacks clientId, clientSecret, tokenEndpoint, returnUrl or scopes.',
      {
        endpoint: OAUTH_CONFIG_PATH,
        hint: 'BMW may have changed the login; check for a bimmer update.',
      },
    );
  }
  return { clientId, clientSecret, tokenEndpoint, returnUrl, scopes };
}

/** ` (HTTP 401)` when the error carries a status. */
function describeStatus(error: unknown): string {
  const status = (error as { readonly status?: unknown }).status;
  return typeof status === 'number' ? ` (HTTP ${status})` : '';
}

/** HTTP Basic credentials of the OAuth client. */
export function basicAuthorization(config: OAuthConfig): string {
  return `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`, 'utf8').toString('base64')}`;
}
