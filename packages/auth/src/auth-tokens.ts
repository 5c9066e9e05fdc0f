import { inspect } from 'node:util';
import type { Region } from '@bimmer/core';
import type { MyBMWStoredTokens } from './token-store/stored-tokens';

/**
 * A read-only snapshot of an authenticator's tokens. The access and refresh tokens are reachable
 * through getters only, so `JSON.stringify`, `toString`, `util.inspect`, spreading and test snapshots
 * show whether they are present, never their value.
 */
export class AuthTokens {
  /** The region the tokens belong to. */
  readonly region: Region;
  /** The account, when known. */
  readonly username: string | undefined;
  /** When the access token expires (epoch ms), when known. */
  readonly accessTokenExpiresAt: number | undefined;
  /** The account id from the token response. */
  readonly gcid: string | undefined;
  /** The `bmw-session-id` header value. */
  readonly sessionId: string | undefined;
  /** When the session id was created (epoch ms). */
  readonly sessionIdCreatedAt: number | undefined;
  readonly #accessToken: string | undefined;
  readonly #refreshToken: string | undefined;

  /** @param stored the tokens to snapshot. */
  constructor(stored: MyBMWStoredTokens) {
    this.region = stored.region;
    this.username = stored.username;
    this.accessTokenExpiresAt = stored.accessTokenExpiresAt;
    this.gcid = stored.gcid;
    this.sessionId = stored.sessionId;
    this.sessionIdCreatedAt = stored.sessionIdCreatedAt;
    this.#accessToken = stored.accessToken;
    this.#refreshToken = stored.refreshToken;
    Object.freeze(this);
  }

  /** The bearer token (a secret). */
  get accessToken(): string | undefined {
    return this.#accessToken;
  }

  /** The refresh token (a secret). */
  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }

  /** The tokens in the form a token store keeps, secrets included. */
  toStoredTokens(): MyBMWStoredTokens {
    return {
      kind: 'mybmw',
      region: this.region,
      ...(this.username === undefined ? {} : { username: this.username }),
      ...(this.#accessToken === undefined ? {} : { accessToken: this.#accessToken }),
      ...(this.accessTokenExpiresAt === undefined ? {} : { accessTokenExpiresAt: this.accessTokenExpiresAt }),
      ...(this.#refreshToken === undefined ? {} : { refreshToken: this.#refreshToken }),
      ...(this.gcid === undefined ? {} : { gcid: this.gcid }),
      ...(this.sessionId === undefined ? {} : { sessionId: this.sessionId }),
      ...(this.sessionIdCreatedAt === undefined ? {} : { sessionIdCreatedAt: this.sessionIdCreatedAt }),
    };
  }

  /** A description without secrets: which tokens exist and when the access token expires. */
  toJSON(): Record<string, unknown> {
    return {
      region: this.region,
      hasAccessToken: this.#accessToken !== undefined,
      accessTokenExpiresAt:
        this.accessTokenExpiresAt === undefined
          ? undefined
          : new Date(this.accessTokenExpiresAt).toISOString(),
      hasRefreshToken: this.#refreshToken !== undefined,
      gcid: this.gcid,
      sessionIdCreatedAt:
        this.sessionIdCreatedAt === undefined ? undefined : new Date(this.sessionIdCreatedAt).toISOString(),
    };
  }

  /** The same description as {@link toJSON}, as text. */
  toString(): string {
    return `AuthTokens ${JSON.stringify(this.toJSON())}`;
  }

  /** What `console.log` and `util.inspect` print. */
  [inspect.custom](): string {
    return this.toString();
  }
}
