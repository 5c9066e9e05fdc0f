import type { Region } from '@bimmer/core';

/**
 * What the MyBMW login keeps between runs. Times are epoch milliseconds (UTC). Every field but `kind`
 * and `region` may be missing: a store can hold just a refresh token someone pasted in.
 */
export interface MyBMWStoredTokens {
  /** Discriminates MyBMW tokens from CarData tokens in one store. */
  readonly kind: 'mybmw';
  /** The region these tokens belong to; tokens of another region are ignored. */
  readonly region: Region;
  /** The account the tokens belong to; tokens of another account are ignored. */
  readonly username?: string;
  /** The bearer token of API requests. */
  readonly accessToken?: string;
  /** When the access token expires (already reduced by the reference's 60 s safety offset). */
  readonly accessTokenExpiresAt?: number;
  /** The refresh token; BMW rotates it on every refresh. */
  readonly refreshToken?: string;
  /** The account id from the token response (POI URL, China refresh nonce). */
  readonly gcid?: string;
  /** The `bmw-session-id` header value. */
  readonly sessionId?: string;
  /** When the session id was created; it is renewed after 14 days. */
  readonly sessionIdCreatedAt?: number;
}

/**
 * What the BMW CarData device-code login keeps between runs (the shape of `CarDataTokens` in
 * `./cardata`). Times are epoch milliseconds (UTC).
 */
export interface CarDataStoredTokens {
  /** Discriminates CarData tokens from MyBMW tokens in one store. */
  readonly kind: 'cardata';
  /** The CarData client id the tokens were issued to. */
  readonly clientId?: string;
  /** The account id, the username of the CarData MQTT stream. */
  readonly gcid?: string;
  /** The bearer token of CarData REST requests. */
  readonly accessToken?: string;
  /** The ID token, the password of the CarData MQTT stream. */
  readonly idToken?: string;
  /** The refresh token; it rotates on every refresh. */
  readonly refreshToken?: string;
  /** The granted scopes, space separated. */
  readonly scope?: string;
  /** When the access and ID tokens expire. */
  readonly expiresAt?: number;
  /** When the refresh token expires (two weeks after issue) and a new device login is needed. */
  readonly refreshExpiresAt?: number;
}

/** Any token set a {@link TokenStore} holds, told apart by `kind`. */
export type StoredTokens = MyBMWStoredTokens | CarDataStoredTokens;

/** The names of the fields of {@link StoredTokens} that are secrets and never logged. */
export const SECRET_TOKEN_FIELDS = ['accessToken', 'refreshToken', 'idToken'] as const;
