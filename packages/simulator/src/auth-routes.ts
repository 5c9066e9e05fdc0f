import { createHash } from 'node:crypto';
import { isJsonObject } from '@bimmer/core/internal';
import type { Fingerprint } from '@bimmer/fingerprint';
import { AUTH_FILES } from '@bimmer/fingerprint';
import { DEFAULT_OAUTH_CLIENTS, type OAuthClient, OCP_APIM_KEYS } from './constants';
import type { SimulatorContext } from './context';
import { header, parseForm, sendApiError, sendEmpty, sendJson } from './http';
import type { RouteRequest, Router } from './router';

/** GCDM's error body: `{error, error_description}` (RFC 6749 §5.2). */
function sendOAuthError(route: RouteRequest, status: number, error: string, description: string): void {
  sendJson(route.response, status, { error, error_description: description });
}

/**
 * The OAuth clients to serve: the simulator's own, or, when a loaded fingerprint has an
 * `auth/oauth_config.json`, its client id, secret, return URL and scopes (for both regions).
 */
export function oauthClientsFrom(fingerprint: Fingerprint): Record<'na' | 'row', OAuthClient> {
  const recorded = fingerprint.auth.get(AUTH_FILES.oauthConfig)?.json;
  if (!isJsonObject(recorded))
    return { na: { ...DEFAULT_OAUTH_CLIENTS.na }, row: { ...DEFAULT_OAUTH_CLIENTS.row } };
  const { clientId, clientSecret, returnUrl, scopes } = recorded;
  const from = (fallback: OAuthClient): OAuthClient => ({
    clientId: typeof clientId === 'string' ? clientId : fallback.clientId,
    clientSecret: typeof clientSecret === 'string' ? clientSecret : fallback.clientSecret,
    returnUrl: typeof returnUrl === 'string' ? returnUrl : fallback.returnUrl,
    scopes: Array.isArray(scopes) ? scopes.filter((scope) => typeof scope === 'string') : fallback.scopes,
    country: fallback.country,
  });
  return { na: from(DEFAULT_OAUTH_CLIENTS.na), row: from(DEFAULT_OAUTH_CLIENTS.row) };
}

function regionOfClient(context: SimulatorContext, clientId: string | null): 'na' | 'row' | undefined {
  if (clientId === null) return undefined;
  if (context.oauthClients.row.clientId === clientId) return 'row';
  if (context.oauthClients.na.clientId === clientId) return 'na';
  return undefined;
}

/** base64url(SHA-256(verifier)) without padding: the PKCE S256 challenge. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** GET /eadrax-ucs/v1/presentation/oauth/config: needs a region's real subscription key. */
function oauthConfig(context: SimulatorContext, route: RouteRequest): void {
  const key = header(route.request, 'ocp-apim-subscription-key');
  if (!key) {
    sendApiError(
      route.response,
      401,
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    );
    return;
  }
  const region = key === OCP_APIM_KEYS.row ? 'row' : key === OCP_APIM_KEYS.na ? 'na' : undefined;
  if (!region) {
    sendApiError(
      route.response,
      401,
      'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    );
    return;
  }
  const client = context.oauthClients[region];
  const base = context.url();
  sendJson(route.response, 200, {
    clientName: 'mybmwapp',
    clientSecret: client.clientSecret,
    clientId: client.clientId,
    gcdmBaseUrl: base,
    returnUrl: client.returnUrl,
    brand: 'bmw',
    language: 'en',
    country: client.country,
    authorizationEndpoint: `${base}/oneid/login`,
    tokenEndpoint: `${base}/gcdm/oauth/token`,
    scopes: client.scopes,
    promptValues: ['login'],
  });
}

/** POST /gcdm/oauth/authenticate: step 1 (password + captcha) or step 2 (authorization → 302 with code). */
function authenticate(context: SimulatorContext, route: RouteRequest): void {
  const form = parseForm(route.body);
  const clientId = form.get('client_id');
  const region = regionOfClient(context, clientId);
  if (!region || clientId === null) {
    sendOAuthError(route, 401, 'invalid_client', 'Client authentication failed: unknown client_id.');
    return;
  }
  const client = context.oauthClients[region];
  const authorization = form.get('authorization');
  if (authorization !== null) {
    const exchanged = context.tokens.exchangeAuthorization(authorization);
    if (!exchanged || exchanged.grant.clientId !== clientId) {
      sendOAuthError(
        route,
        400,
        'invalid_grant',
        'The authorization is unknown, expired or was already used.',
      );
      return;
    }
    const { code, grant } = exchanged;
    const location = `${grant.redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(grant.state)}&client_id=${encodeURIComponent(clientId)}&nonce=${encodeURIComponent(grant.nonce)}`;
    sendEmpty(route.response, 302, { location });
    return;
  }
  const missing = [
    'response_type',
    'redirect_uri',
    'scope',
    'code_challenge',
    'username',
    'password',
    'grant_type',
  ]
    .filter((field) => !form.get(field))
    .join(', ');
  if (missing) {
    sendOAuthError(route, 400, 'invalid_request', `Missing form fields: ${missing}.`);
    return;
  }
  if (form.get('response_type') !== 'code' || form.get('grant_type') !== 'authorization_code') {
    sendOAuthError(
      route,
      400,
      'unsupported_response_type',
      'Use response_type=code and grant_type=authorization_code.',
    );
    return;
  }
  if ((form.get('code_challenge_method') ?? 'plain') !== 'S256') {
    sendOAuthError(route, 400, 'invalid_request', 'code_challenge_method must be S256.');
    return;
  }
  if (form.get('redirect_uri') !== client.returnUrl) {
    sendOAuthError(route, 400, 'invalid_request', 'redirect_uri does not match the client.');
    return;
  }
  const captcha = context.captcha.present(header(route.request, 'hcaptchatoken'));
  if (captcha !== 'ok') {
    sendOAuthError(
      route,
      400,
      'invalid_request',
      captcha === 'missing'
        ? 'Missing hCaptcha token: solve the captcha and send it as hcaptchatoken.'
        : 'The hCaptcha token was already used: solve the captcha again and send the new token.',
    );
    return;
  }
  const account = context.accounts.verify(form.get('username') ?? '', form.get('password') ?? '');
  if (!account) {
    sendOAuthError(
      route,
      401,
      'invalid_client',
      'Client authentication failed (e.g., login failure, unknown user or wrong password).',
    );
    return;
  }
  const scope = form.get('scope') ?? '';
  const state = form.get('state') ?? '';
  const grant = context.tokens.createAuthorization({
    account,
    region,
    clientId,
    redirectUri: client.returnUrl,
    scope,
    state,
    nonce: form.get('nonce') ?? '',
    codeChallenge: form.get('code_challenge') ?? '',
  });
  // The real redirect_to keeps raw spaces in the scope; clients must cope with that.
  sendJson(route.response, 200, {
    redirect_to: `redirect_uri=${client.returnUrl}?client_id=${clientId}&response_type=code&scope=${scope}&state=${state}&authorization=${grant}`,
  });
}

function basicClient(context: SimulatorContext, route: RouteRequest): 'na' | 'row' | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header(route.request, 'authorization')?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = decoded.slice(0, colon);
  const region = regionOfClient(context, clientId);
  if (colon < 0 || !region) return undefined;
  return context.oauthClients[region].clientSecret === decoded.slice(colon + 1) ? region : undefined;
}

/** POST /gcdm/oauth/token: authorization_code (with PKCE) and refresh_token grants, Basic client auth. */
function token(context: SimulatorContext, route: RouteRequest): void {
  const region = basicClient(context, route);
  if (!region) {
    sendOAuthError(
      route,
      401,
      'invalid_client',
      'Client authentication failed: wrong or missing Basic credentials.',
    );
    return;
  }
  const form = parseForm(route.body);
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const grant = context.tokens.takeCode(form.get('code') ?? '');
    if (!grant || grant.clientId !== context.oauthClients[region].clientId) {
      sendOAuthError(
        route,
        400,
        'invalid_grant',
        'The authorization code is unknown, expired or was already used.',
      );
      return;
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
      sendOAuthError(route, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
      return;
    }
    if (s256(form.get('code_verifier') ?? '') !== grant.codeChallenge) {
      sendOAuthError(route, 400, 'invalid_grant', 'PKCE verification failed: code_verifier does not match.');
      return;
    }
    sendJson(route.response, 200, context.tokens.issue(grant.account, grant.region, grant.scope));
    return;
  }
  if (grantType === 'refresh_token') {
    const rotated = context.tokens.rotate(form.get('refresh_token') ?? '', region);
    if (rotated === undefined || rotated === 'reused') {
      sendOAuthError(
        route,
        400,
        'invalid_grant',
        rotated === 'reused' ? 'The refresh token was already used.' : 'The refresh token is invalid.',
      );
      return;
    }
    sendJson(route.response, 200, rotated);
    return;
  }
  sendOAuthError(route, 400, 'unsupported_grant_type', 'Use authorization_code or refresh_token.');
}

/** Adds the North America / rest-of-world login routes (OAuth config, GCDM authenticate and token). */
export function addAuthRoutes(router: Router, context: SimulatorContext): void {
  router
    .add('GET', '/eadrax-ucs/v1/presentation/oauth/config', (route) => oauthConfig(context, route))
    .add('POST', '/gcdm/oauth/authenticate', (route) => authenticate(context, route))
    .add('POST', '/gcdm/oauth/token', (route) => token(context, route));
}
