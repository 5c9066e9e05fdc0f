import { randomUUID } from 'node:crypto';
import { BimmerAuthError } from '@bimmer/core';
import type { LoginClient } from '../http/login-client';
import { createPkce } from '../oauth/pkce';
import type { MyBMWRegionConfig } from '../region/region-config';
import { buildXUserAgent } from '../region/user-agent';
import { readTokenResponse, type TokenResult } from '../token-result';
import { basicAuthorization, fetchOAuthConfig, type OAuthConfig } from './oauth-config';
import { redirectParams } from './redirect-params';

/** The inputs of a full NA/ROW login. */
export interface GcdmLoginInput {
  /** The account's e-mail address. */
  readonly username: string;
  /** The account password (sent in the first authenticate step only). */
  readonly password: string;
  /** Hands out the hCaptcha token once and forgets it: BMW accepts each token a single time. */
  readonly takeCaptchaToken: () => string;
  /** The `bmw-session-id` for the OAuth config request. */
  readonly sessionId: string;
}

/**
 * The full NA/ROW login: OAuth config, PKCE, authenticate with credentials and the hCaptcha token,
 * authenticate again for the authorization code (a 302 to the app's custom scheme), then the token
 * exchange with Basic auth.
 */
export async function gcdmLogin(
  client: LoginClient,
  region: MyBMWRegionConfig,
  input: GcdmLoginInput,
  now: () => number,
): Promise<TokenResult> {
  const config = await fetchOAuthConfig(client, region.ocpApimSubscriptionKey, input.sessionId);
  const pkce = createPkce();
  const base = {
    client_id: config.clientId,
    response_type: 'code',
    scope: config.scopes.join(' '),
    redirect_uri: config.returnUrl,
    state: pkce.state,
    nonce: pkce.nonce,
    code_challenge: pkce.codeChallenge,
    code_challenge_method: 'S256',
  };
  const authenticateUrl = config.tokenEndpoint.replaceAll('/token', '/authenticate');

  const step1 = await client.sendForJson({
    method: 'POST',
    url: authenticateUrl,
    headers: { hcaptchatoken: input.takeCaptchaToken() },
    form: { ...base, grant_type: 'authorization_code', username: input.username, password: input.password },
  });
  const redirectTo =
    typeof step1 === 'object' && step1 !== null && 'redirect_to' in step1 ? step1.redirect_to : undefined;
  const authorization =
    typeof redirectTo === 'string' ? redirectParams(redirectTo).get('authorization') : null;
  if (authorization === null || authorization === '') {
    throw new BimmerAuthError('The MyBMW login did not return an authorization after the password step.', {
      hint: 'Check the username and password, and get a fresh captcha token (docs/captcha.md).',
    });
  }

  const step2 = await client.send({
    method: 'POST',
    url: authenticateUrl,
    query: { 'interaction-id': randomUUID(), 'client-version': buildXUserAgent('bmw', region.region) },
    form: { ...base, authorization },
    retryTransient: true,
  });
  await step2.body?.cancel();
  const location = step2.headers.get('location');
  const code = location === null ? null : redirectParams(location).get('code');
  if (step2.status < 300 || step2.status >= 400 || code === null || code === '') {
    throw new BimmerAuthError(
      `The MyBMW login did not redirect with an authorization code (HTTP ${step2.status}).`,
      { status: step2.status, hint: 'Try again later; if it persists, BMW may have changed the login.' },
    );
  }

  return requestTokens(
    client,
    config,
    {
      code,
      code_verifier: pkce.codeVerifier,
      redirect_uri: config.returnUrl,
      grant_type: 'authorization_code',
    },
    now,
  );
}

/**
 * The NA/ROW refresh grant: OAuth config, then the token endpoint with the refresh token and Basic
 * auth. BMW rotates the refresh token; the old one stops working.
 */
export async function gcdmRefresh(
  client: LoginClient,
  region: MyBMWRegionConfig,
  input: { readonly refreshToken: string; readonly sessionId: string },
  now: () => number,
): Promise<TokenResult> {
  const config = await fetchOAuthConfig(client, region.ocpApimSubscriptionKey, input.sessionId);
  return requestTokens(
    client,
    config,
    {
      scope: config.scopes.join(' '),
      redirect_uri: config.returnUrl,
      grant_type: 'refresh_token',
      refresh_token: input.refreshToken,
    },
    now,
  );
}

/** Posts a grant to the token endpoint with Basic client auth; the expiry counts from the request. */
async function requestTokens(
  client: LoginClient,
  config: OAuthConfig,
  form: Record<string, string>,
  now: () => number,
): Promise<TokenResult> {
  const issuedAt = now();
  const tokens = await client.sendForJson({
    method: 'POST',
    url: config.tokenEndpoint,
    headers: { authorization: basicAuthorization(config) },
    form,
    retryTransient: true,
  });
  return readTokenResponse(tokens, issuedAt, new URL(config.tokenEndpoint).pathname);
}
