import { BimmerAuthError } from '@bimmer/core';

/** What every login and refresh flow yields. */
export interface TokenResult {
  /** The bearer token. */
  readonly accessToken: string;
  /** When it expires, in epoch ms, already reduced by {@link EXPIRES_AT_OFFSET_MS}. */
  readonly accessTokenExpiresAt: number | undefined;
  /** The new (rotated) refresh token, when the server sent one. */
  readonly refreshToken: string | undefined;
  /** The account id, when the server sent one. */
  readonly gcid: string | undefined;
}

/** Subtracted from every computed expiry, as bimmer_connected does (2 × the 30 s timeout). */
export const EXPIRES_AT_OFFSET_MS = 60_000;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads an OAuth token response (`access_token`, `expires_in`, `refresh_token`, `gcid`).
 *
 * @param issuedAt when the request was sent (epoch ms); the expiry counts from there.
 * @throws BimmerAuthError when there is no access token.
 */
export function readTokenResponse(data: unknown, issuedAt: number, endpoint: string): TokenResult {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const accessToken = optionalString(record.access_token);
  if (accessToken === undefined) {
    throw new BimmerAuthError(`The MyBMW login answered ${endpoint} without an access token.`, {
      hint: 'Try again later; if it persists, BMW may have changed the login.',
    });
  }
  const expiresIn = Number.parseInt(String(record.expires_in ?? ''), 10);
  return {
    accessToken,
    accessTokenExpiresAt: Number.isFinite(expiresIn)
      ? issuedAt + expiresIn * 1000 - EXPIRES_AT_OFFSET_MS
      : undefined,
    refreshToken: optionalString(record.refresh_token),
    gcid: optionalString(record.gcid),
  };
}
