import { BimmerAuthError } from '@bimmer/core';
import { CARDATA_REFRESH_TOKEN_LIFETIME_MS } from './constants';

/** The CarData tokens of one login, as bimmer stores them. */
export interface CarDataTokens {
  /** Tells CarData tokens apart from MyBMW ones in a shared token store. */
  kind: 'cardata';
  /** The CarData client ID (from BMW's portal) these tokens were issued to. */
  clientId: string;
  /** The account ID; the MQTT username and the first part of every stream topic. */
  gcid: string;
  /** Bearer token for the REST API. */
  accessToken: string;
  /** Password of the MQTT stream. */
  idToken: string;
  /** Single-use: every refresh returns a new one and invalidates this. */
  refreshToken: string;
  /** The scopes BMW granted, space separated. */
  scope: string;
  /** When the access and ID tokens expire (epoch ms). */
  expiresAt: number;
  /** When the refresh token expires and a new device login is needed (epoch ms). */
  refreshExpiresAt: number;
}

/** True when a value loaded from a token store is a complete set of CarData tokens. */
export function isCarDataTokens(value: unknown): value is CarDataTokens {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.kind === 'cardata' &&
    ['clientId', 'gcid', 'accessToken', 'idToken', 'refreshToken', 'scope'].every(
      (key) => typeof record[key] === 'string',
    ) &&
    typeof record.expiresAt === 'number' &&
    typeof record.refreshExpiresAt === 'number'
  );
}

/**
 * Reads a token response (device-code poll or refresh). BMW returns access, ID and refresh token
 * and the gcid every time; a response lacking one of them is unusable, so it fails loudly.
 */
export function parseTokenResponse(body: unknown, clientId: string, now: number): CarDataTokens {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const missing = ['access_token', 'id_token', 'refresh_token', 'gcid'].filter(
    (key) => typeof record[key] !== 'string' || record[key] === '',
  );
  if (missing.length > 0) {
    throw new BimmerAuthError(`BMW's token response lacks ${missing.join(', ')}.`, {
      hint: missing.includes('id_token')
        ? 'The scope must contain openid; log in again with the default scope.'
        : 'Log in again; if it persists, recreate the CarData client in the portal.',
      action: 'cardata-login',
    });
  }
  const expiresIn = typeof record.expires_in === 'number' && record.expires_in > 0 ? record.expires_in : 3599;
  return {
    kind: 'cardata',
    clientId,
    gcid: record.gcid as string,
    accessToken: record.access_token as string,
    idToken: record.id_token as string,
    refreshToken: record.refresh_token as string,
    scope: typeof record.scope === 'string' ? record.scope : '',
    expiresAt: now + expiresIn * 1000,
    refreshExpiresAt: now + CARDATA_REFRESH_TOKEN_LIFETIME_MS,
  };
}
