/**
 * The MyBMW client side of the tests: the login flows step by step with plain fetch, as
 * BMW's servers expect them.
 */
import { constants, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { expectedSliderPosition } from '../src/captcha-image';
import { generateChinaLoginNonce, OCP_APIM_KEYS } from '../src/index';

export const USER_AGENT = (brand = 'bmw', region = 'row') =>
  `android(AP2A.123456.789);${brand};4.9.2(36892);${region}`;

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in?: number;
  gcid: string;
}

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  tokenEndpoint: string;
  returnUrl: string;
  scopes: string[];
  gcdmBaseUrl: string;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function oauthConfig(url: string, region: 'na' | 'row'): Promise<OAuthConfig> {
  const response = await fetch(`${url}/eadrax-ucs/v1/presentation/oauth/config`, {
    headers: {
      'ocp-apim-subscription-key': OCP_APIM_KEYS[region],
      'x-user-agent': USER_AGENT('bmw', region),
    },
  });
  if (response.status !== 200) throw new Error(`config ${response.status}`);
  return json<OAuthConfig>(response);
}

export function basic(config: OAuthConfig): string {
  return `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`;
}

/** The steps of a GCDM login, exposed so tests can break in between. */
export async function authenticateStep1(
  url: string,
  config: OAuthConfig,
  credentials: { username: string; password: string },
  captcha: string | undefined,
  challenge: string,
): Promise<Response> {
  const authenticateUrl = config.tokenEndpoint.replace(/\/token/g, '/authenticate');
  const form = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: config.scopes.join(' '),
    redirect_uri: config.returnUrl,
    state: 'state-value-1234567890',
    nonce: 'nonce-value-1234567890',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    grant_type: 'authorization_code',
    username: credentials.username,
    password: credentials.password,
  });
  expect(authenticateUrl.startsWith(url)).toBe(true);
  return fetch(authenticateUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(captcha === undefined ? {} : { hcaptchatoken: captcha }),
    },
    body: form,
  });
}

/** A full NA / ROW login: config, authenticate ×2, token exchange. */
export async function loginGcdm(
  url: string,
  region: 'na' | 'row',
  credentials: { username: string; password: string },
): Promise<Tokens & { config: OAuthConfig }> {
  const config = await oauthConfig(url, region);
  const verifier = randomBytes(64).toString('base64url').slice(0, 86);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const step1 = await authenticateStep1(url, config, credentials, 'P1_captcha-token', challenge);
  if (step1.status !== 200) throw new Error(`authenticate ${step1.status}`);
  const { redirect_to } = await json<{ redirect_to: string }>(step1);
  const authorization = new URLSearchParams(redirect_to.slice(redirect_to.indexOf('?') + 1)).get(
    'authorization',
  );
  const authenticateUrl = config.tokenEndpoint.replace(/\/token/g, '/authenticate');
  const step2 = await fetch(
    `${authenticateUrl}?interaction-id=${crypto.randomUUID()}&client-version=${USER_AGENT()}`,
    {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: config.clientId,
        response_type: 'code',
        scope: config.scopes.join(' '),
        redirect_uri: config.returnUrl,
        state: 'state-value-1234567890',
        nonce: 'nonce-value-1234567890',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        authorization: authorization ?? '',
      }),
    },
  );
  expect(step2.status).toBe(302);
  const location = step2.headers.get('location') ?? '';
  const code = new URL(location).searchParams.get('code') ?? '';
  const token = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(config) },
    body: new URLSearchParams({
      code,
      code_verifier: verifier,
      redirect_uri: config.returnUrl,
      grant_type: 'authorization_code',
    }),
  });
  if (token.status !== 200) throw new Error(`token ${token.status}`);
  return { ...(await json<Tokens>(token)), config };
}

export async function refreshGcdm(config: OAuthConfig, refreshToken: string): Promise<Response> {
  return fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(config) },
    body: new URLSearchParams({
      scope: config.scopes.join(' '),
      redirect_uri: config.returnUrl,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }),
  });
}

export function chinaHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', 'x-user-agent': USER_AGENT('bmw', 'cn'), ...extra };
}

/** The China captcha part: fetch, solve with the app's algorithm, check. Returns the verifyId. */
export async function solveChinaCaptcha(url: string, mobile: string): Promise<string> {
  const captcha = await json<{ data: { verifyId: string; backGroundImg: string } }>(
    await fetch(`${url}/eadrax-coas/v2/cop/slider-captcha`, {
      method: 'POST',
      headers: chinaHeaders(),
      body: JSON.stringify({ mobile }),
    }),
  );
  const position = expectedSliderPosition(Buffer.from(captcha.data.backGroundImg, 'base64'));
  const check = await fetch(`${url}/eadrax-coas/v1/cop/check-captcha`, {
    method: 'POST',
    headers: chinaHeaders(),
    body: JSON.stringify({ position, verifyId: captcha.data.verifyId }),
  });
  expect(check.status).toBe(200);
  return captcha.data.verifyId;
}

export async function encryptedPassword(url: string, password: string): Promise<string> {
  const key = await json<{ data: { value: string } }>(await fetch(`${url}/eadrax-coas/v1/cop/publickey`));
  return publicEncrypt(
    { key: key.data.value, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(password, 'utf8'),
  ).toString('base64');
}

export async function chinaLoginResponse(
  url: string,
  credentials: { username: string; password: string },
  nonceTime = new Date(),
): Promise<Response> {
  const password = await encryptedPassword(url, credentials.password);
  const verifyId = await solveChinaCaptcha(url, credentials.username);
  return fetch(`${url}/eadrax-coas/v2/login/pwd`, {
    method: 'POST',
    headers: chinaHeaders({ 'x-login-nonce': generateChinaLoginNonce(credentials.username, nonceTime) }),
    body: JSON.stringify({
      mobile: credentials.username,
      password,
      verifyId,
      deviceId: credentials.username,
    }),
  });
}

export async function loginChina(
  url: string,
  credentials: { username: string; password: string },
): Promise<Tokens> {
  const response = await chinaLoginResponse(url, credentials);
  if (response.status !== 200) throw new Error(`login ${response.status}`);
  return (await json<{ data: Tokens }>(response)).data;
}

/** An API call with the headers the app sends. */
export function api(
  url: string,
  token: string,
  path: string,
  init: {
    method?: string;
    vin?: string;
    brand?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-user-agent': USER_AGENT(init.brand ?? 'bmw'),
      ...(init.vin ? { 'bmw-vin': init.vin } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
