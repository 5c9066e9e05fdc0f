import { getRegionConfig, MyBMWAuthenticator, type TokenStore } from '@bimmer/auth';
import { defaultMyBMWHeaders } from '@bimmer/auth/internal';
import { Region, requireRegion } from '@bimmer/core';
import { type AccountAuthenticator, AccountCore, type AccountTransportOptions } from './account';

/**
 * bimmer_connected's name for the regions (`Regions.REST_OF_WORLD`, …): the same object as
 * @bimmer/core's `Region`, kept so code written against the Python library translates name by name.
 */
export const Regions = Region;

/** Log in with credentials (the usual way). */
export interface MyBMWCredentials {
  /** The MyBMW account (e-mail; in China the phone number). */
  readonly username: string;
  /** The password; sent to BMW's login only, never logged. */
  readonly password: string;
  /** A solved hCaptcha token for the first full login outside China (used once). */
  readonly captchaToken?: string;
  /** Where tokens are kept between runs (`FileTokenStore`, `MemoryTokenStore` from @bimmer/auth). */
  readonly tokenStore?: TokenStore;
}

/** Use a ready authenticator (a `MyBMWAuthenticator`, or a compatible object in tests). */
export interface MyBMWAuthenticatorInput {
  /** Tokens and 401 handling. */
  readonly authenticator: AccountAuthenticator | MyBMWAuthenticator;
}

/** How a `MyBMWAccount` is created: a region, credentials or an authenticator, and transport options. */
export type MyBMWAccountOptions = AccountTransportOptions & {
  /** `rest_of_world`, `north_america`, `china` (or `row`, `na`, `cn`, or a `Region`/`Regions` member). */
  readonly region: Region | string;
} & (MyBMWCredentials | MyBMWAuthenticatorInput);

/**
 * A MyBMW account (bimmer_connected's `MyBMWAccount`, camelCase): `getVehicles()`, `vehicles`,
 * `getVehicle(vin)`, `setObserverPosition()`, `setRefreshToken()`.
 *
 * ```ts
 * const account = new MyBMWAccount({ username, password, region: Regions.REST_OF_WORLD, captchaToken });
 * await account.getVehicles();
 * const vehicle = account.getVehicle(VIN);
 * ```
 */
export class MyBMWAccount extends AccountCore {
  /** The authenticator (a `MyBMWAuthenticator` unless one was passed in). */
  readonly authenticator: AccountAuthenticator | MyBMWAuthenticator;

  /**
   * Validates the options (region, observer position, time zone, concurrency) and builds the client;
   * nothing is sent until `getVehicles()`.
   *
   * @throws BimmerValidationError for an unknown region or time zone, or an invalid position.
   */
  constructor(options: MyBMWAccountOptions) {
    const region = requireRegion(options.region);
    const authenticator =
      'authenticator' in options
        ? options.authenticator
        : new MyBMWAuthenticator({
            username: options.username,
            password: options.password,
            region,
            captchaToken: options.captchaToken,
            tokenStore: options.tokenStore,
            baseUrl: options.baseUrl,
            fetch: options.fetch,
          });
    super({
      ...options,
      region,
      serverUrl: getRegionConfig(region).serverUrl,
      authenticator: asAccountAuthenticator(authenticator),
      defaultHeaders: (brand) => defaultMyBMWHeaders(brand, region),
    });
    this.authenticator = authenticator;
  }
}

/**
 * Adapts a `MyBMWAuthenticator` (whose refresh token sits in `tokens`) to what the account reads.
 * Recognised by its shape, not `instanceof`, so an authenticator of another build (ESM or CommonJS)
 * works too.
 */
function asAccountAuthenticator(
  authenticator: AccountAuthenticator | MyBMWAuthenticator,
): AccountAuthenticator {
  if (!('tokens' in authenticator)) return authenticator;
  return {
    getAccessToken: () => authenticator.getAccessToken(),
    onUnauthorized: (rejected) => authenticator.onUnauthorized(rejected),
    get sessionId() {
      return authenticator.sessionId;
    },
    get gcid() {
      return authenticator.gcid;
    },
    get refreshToken() {
      return authenticator.tokens.refreshToken;
    },
    setRefreshToken: (refreshToken: string | undefined, gcid?: string) =>
      gcid === undefined
        ? authenticator.setRefreshToken(refreshToken)
        : authenticator.setRefreshToken(refreshToken, gcid),
  };
}
