import {
  defaultMyBMWHeaders,
  getRegionConfig,
  MyBMWAuthenticator,
  type MyBMWRegion,
  normalizeRegion,
  type TokenStore,
} from '@bimmer/auth';
import { type AccountAuthenticator, AccountCore, type AccountTransportOptions } from './account';

/** Region enum accepted besides the reference's names (`rest_of_world`, `north_america`, `china`). */
export const Regions = {
  REST_OF_WORLD: 'rest_of_world',
  NORTH_AMERICA: 'north_america',
  CHINA: 'china',
} as const satisfies Record<string, MyBMWRegion>;

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
  /** `rest_of_world`, `north_america`, `china` (or `row`, `na`, `cn`, or a `Regions` member). */
  readonly region: MyBMWRegion | string;
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
    const region = normalizeRegion(options.region);
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

/** Adapts a `MyBMWAuthenticator` (whose refresh token sits in `tokens`) to what the account reads. */
function asAccountAuthenticator(
  authenticator: AccountAuthenticator | MyBMWAuthenticator,
): AccountAuthenticator {
  if (!(authenticator instanceof MyBMWAuthenticator)) return authenticator;
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
