import type { Fingerprint } from '@bimmer/fingerprint';
import { type Accounts, ownsVehicle } from './accounts';
import type { CaptchaTokens } from './captcha-tokens';
import type { SimulatorClock } from './clock';
import type { OAuthClient } from './constants';
import type { Fleet, SimulatedVehicle } from './fleet';
import { header, sendApiError } from './http';
import type { RemoteEvents } from './remote-events';
import type { RouteRequest } from './router';
import type { Session, TokenStore } from './tokens';

/** What every route module shares: the clock, accounts, tokens, fleet and remote-service events. */
export interface SimulatorContext {
  /** The simulator's base URL, e.g. `http://127.0.0.1:4711` (known once it listens). */
  url(): string;
  /** Now, as tests move it. */
  clock: SimulatorClock;
  /** The accounts that can log in. */
  accounts: Accounts;
  /** Login grants, access and refresh tokens. */
  tokens: TokenStore;
  /** The served vehicles and the state commands changed. */
  fleet: Fleet;
  /** The loaded fingerprint directories (recorded login responses among them). */
  fingerprint: Fingerprint;
  /** Triggered remote commands and how they progress. */
  remote: RemoteEvents;
  /** The hCaptcha tokens logins presented, and whether they may be presented again. */
  captcha: CaptchaTokens;
  /** The OAuth client per GCDM region the config endpoint serves. */
  oauthClients: Record<'na' | 'row', OAuthClient>;
}

/**
 * The session of the request's Bearer token. Answers 401 (and returns undefined) when the token is
 * missing, unknown or expired.
 */
export function requireSession(context: SimulatorContext, route: RouteRequest): Session | undefined {
  const authorization = header(route.request, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const session = match?.[1] ? context.tokens.session(match[1]) : undefined;
  if (session === undefined || session === 'expired') {
    const message =
      session === 'expired'
        ? 'Access denied due to expired access token. Refresh the token or log in again.'
        : 'Access denied due to missing or invalid access token.';
    sendApiError(route.response, 401, message);
    return undefined;
  }
  return session;
}

/** The current time as ISO-8601 with milliseconds, on the simulator clock. */
export function nowIso(context: SimulatorContext): string {
  return new Date(context.clock.now()).toISOString();
}

/**
 * The vehicle a request names (by `vin`, e.g. the `bmw-vin` header or a path segment) when the
 * session's account owns it. Answers 400 without a VIN and 404 for an unknown or foreign one.
 */
export function requireVehicle(
  context: SimulatorContext,
  route: RouteRequest,
  session: Session,
  vin: string | undefined,
): SimulatedVehicle | undefined {
  if (!vin) {
    sendApiError(route.response, 400, 'Missing vehicle: send its VIN in the bmw-vin header.');
    return undefined;
  }
  const vehicle = context.fleet.get(vin);
  if (!vehicle || !ownsVehicle(session.account, vehicle.vin)) {
    sendApiError(route.response, 404, `Vehicle not found: ${vin} is not mapped to this account.`);
    return undefined;
  }
  return vehicle;
}
