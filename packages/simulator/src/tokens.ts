import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from './accounts';
import type { SimulatorClock } from './clock';
import type { RegionCode } from './constants';
import { signJwt } from './jwt';

/** A pending GCDM login between its steps: after the password (`authorization`) or after step 2 (`code`). */
export interface LoginGrant {
  account: Account;
  region: 'na' | 'row';
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  expiresAt: number;
}

/** What a valid access token stands for. */
export interface Session {
  account: Account;
  region: RegionCode;
}

/** A token response's fields (the OAuth JSON MyBMW returns). */
export interface IssuedTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  usid: string;
  gcid: string;
  id_token?: string;
}

interface AccessRecord extends Session {
  expiresAt: number;
}

interface RefreshRecord extends Session {
  scope: string;
}

/** Authorization codes live 10 minutes, like GCDM's. */
const GRANT_LIFETIME_MS = 10 * 60 * 1000;
/** China refresh tokens are JWTs too; they expire after 90 days. */
const CHINA_REFRESH_LIFETIME_S = 90 * 24 * 3600;

function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Issues, rotates and checks tokens and the one-time values of the login flows. */
export class TokenStore {
  readonly #clock: SimulatorClock;
  readonly #lifetimeSeconds: number;
  readonly #jwtSecret = randomBytes(32);
  #authorizations = new Map<string, LoginGrant>();
  #codes = new Map<string, LoginGrant>();
  #access = new Map<string, AccessRecord>();
  #refresh = new Map<string, RefreshRecord>();
  #usedRefresh = new Set<string>();

  constructor(clock: SimulatorClock, lifetimeSeconds: number) {
    this.#clock = clock;
    this.#lifetimeSeconds = lifetimeSeconds;
  }

  /** Access-token lifetime in seconds. */
  get lifetimeSeconds(): number {
    return this.#lifetimeSeconds;
  }

  /** Forgets every grant and token. */
  reset(): void {
    this.#authorizations.clear();
    this.#codes.clear();
    this.#access.clear();
    this.#refresh.clear();
    this.#usedRefresh.clear();
  }

  /** Stores the state after a correct password and returns the `authorization` value for step 2. */
  createAuthorization(grant: Omit<LoginGrant, 'expiresAt'>): string {
    const authorization = opaqueToken();
    this.#authorizations.set(authorization, { ...grant, expiresAt: this.#clock.now() + GRANT_LIFETIME_MS });
    return authorization;
  }

  /** Exchanges a one-time `authorization` for a one-time `code`; undefined when unknown, used or stale. */
  exchangeAuthorization(authorization: string): { code: string; grant: LoginGrant } | undefined {
    const grant = this.#take(this.#authorizations, authorization);
    if (!grant) return undefined;
    const code = opaqueToken();
    this.#codes.set(code, { ...grant, expiresAt: this.#clock.now() + GRANT_LIFETIME_MS });
    return { code, grant };
  }

  /** Takes a one-time `code`; undefined when unknown, used or stale. */
  takeCode(code: string): LoginGrant | undefined {
    return this.#take(this.#codes, code);
  }

  #take(map: Map<string, LoginGrant>, key: string): LoginGrant | undefined {
    const grant = map.get(key);
    map.delete(key);
    return grant && grant.expiresAt > this.#clock.now() ? grant : undefined;
  }

  /** Issues a fresh access and refresh token pair for an account. China tokens are JWTs carrying `exp`. */
  issue(account: Account, region: RegionCode, scope: string): IssuedTokens {
    const now = this.#clock.now();
    const nowSeconds = Math.floor(now / 1000);
    const china = region === 'cn';
    const accessToken = china
      ? signJwt(
          {
            jti: `${account.gcid}$1$A$${now}`,
            sub: account.gcid,
            nbf: nowSeconds,
            iat: nowSeconds,
            exp: nowSeconds + this.#lifetimeSeconds,
          },
          this.#jwtSecret,
        )
      : opaqueToken();
    const refreshToken = china
      ? signJwt(
          {
            jti: `${account.gcid}$1$R$${now}$${randomUUID()}`,
            sub: account.gcid,
            nbf: nowSeconds,
            iat: nowSeconds,
            exp: nowSeconds + CHINA_REFRESH_LIFETIME_S,
          },
          this.#jwtSecret,
        )
      : opaqueToken();
    this.#access.set(accessToken, { account, region, expiresAt: now + this.#lifetimeSeconds * 1000 });
    this.#refresh.set(refreshToken, { account, region, scope });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.#lifetimeSeconds,
      refresh_token: refreshToken,
      scope,
      usid: account.gcid,
      gcid: account.gcid,
    };
  }

  /**
   * Rotates a refresh token: the old one is spent and refused from then on. Returns the new pair,
   * `'reused'` for a spent token, or undefined for an unknown one (or one of another region).
   */
  rotate(refreshToken: string, region: RegionCode): IssuedTokens | 'reused' | undefined {
    if (this.#usedRefresh.has(refreshToken)) return 'reused';
    const record = this.#refresh.get(refreshToken);
    if (!record || (record.region === 'cn') !== (region === 'cn')) return undefined;
    this.#refresh.delete(refreshToken);
    this.#usedRefresh.add(refreshToken);
    return this.issue(record.account, record.region, record.scope);
  }

  /** The account a live refresh token belongs to, without spending it. */
  refreshOwner(refreshToken: string): Account | undefined {
    return this.#refresh.get(refreshToken)?.account;
  }

  /** The session of a Bearer token: the session, `'expired'`, or undefined when unknown. */
  session(accessToken: string): Session | 'expired' | undefined {
    const record = this.#access.get(accessToken);
    if (!record) return undefined;
    if (record.expiresAt <= this.#clock.now()) return 'expired';
    return { account: record.account, region: record.region };
  }
}
