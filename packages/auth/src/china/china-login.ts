import { BimmerAuthError, isBimmerError } from '@bimmer/core';
import type { LoginClient } from '../http/login-client';
import { EXPIRES_AT_OFFSET_MS, readTokenResponse, type TokenResult } from '../token-result';
import { generateChinaNonce } from './china-nonce';
import { encryptChinaPassword } from './china-password';
import { jwtExpiry } from './jwt-expiry';
import { solveSliderCaptcha } from './slider-captcha';

/** The China login endpoints. */
export const CHINA_PATHS = {
  publicKey: '/eadrax-coas/v1/cop/publickey',
  sliderCaptcha: '/eadrax-coas/v2/cop/slider-captcha',
  checkCaptcha: '/eadrax-coas/v1/cop/check-captcha',
  passwordLogin: '/eadrax-coas/v2/login/pwd',
  token: '/eadrax-coas/v2/oauth/token',
} as const;

function field(data: unknown, ...path: string[]): unknown {
  let value = data;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function requireString(data: unknown, endpoint: string, ...path: string[]): string {
  const value = field(data, ...path);
  if (typeof value !== 'string' || value === '') {
    throw new BimmerAuthError(`The China login answered ${endpoint} without ${path.join('.')}.`, {
      hint: 'Try again later; if it persists, BMW may have changed the China login.',
    });
  }
  return value;
}

/** How many slider captchas the login tries before giving up (the reference tries one). */
export const CHINA_CAPTCHA_ATTEMPTS = 3;

/**
 * Fetches slider captchas until one is solved and accepted by check-captcha; returns its verifyId.
 * A new captcha is fetched when no gap is found or the check refuses the position.
 */
async function solveCaptcha(client: LoginClient, username: string): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < CHINA_CAPTCHA_ATTEMPTS; attempt++) {
    const captcha = await client.sendForJson({
      method: 'POST',
      url: CHINA_PATHS.sliderCaptcha,
      json: { mobile: username },
      retryTransient: true,
    });
    const verifyId = requireString(captcha, CHINA_PATHS.sliderCaptcha, 'data', 'verifyId');
    const position = solveSliderCaptcha(
      requireString(captcha, CHINA_PATHS.sliderCaptcha, 'data', 'backGroundImg'),
    );
    if (position === '') continue;
    try {
      const checked = await client.send({
        method: 'POST',
        url: CHINA_PATHS.checkCaptcha,
        json: { position, verifyId },
      });
      await checked.body?.cancel();
      return verifyId;
    } catch (error) {
      if (!isBimmerError(error, 'auth')) throw error;
      lastError = error;
    }
  }
  throw new BimmerAuthError(
    `The China slider captcha was not solved in ${CHINA_CAPTCHA_ATTEMPTS} attempts.`,
    {
      hint: 'Try again later; if it persists, BMW may have changed the captcha.',
      ...(lastError === undefined ? {} : { cause: lastError }),
    },
  );
}

/**
 * The full China login: fetch the RSA public key and encrypt the password, fetch and
 * solve the slider captcha, submit its position, then log in with the password and an `x-login-nonce`
 * built from the username. The expiry comes from the access token's JWT `exp`.
 */
export async function chinaLogin(
  client: LoginClient,
  input: { readonly username: string; readonly password: string },
  now: () => number,
): Promise<TokenResult> {
  const publicKey = await client.sendForJson({
    method: 'GET',
    url: CHINA_PATHS.publicKey,
    retryTransient: true,
  });
  const pem = requireString(publicKey, CHINA_PATHS.publicKey, 'data', 'value');
  const encryptedPassword = encryptChinaPassword(pem, input.password);

  const verifyId = await solveCaptcha(client, input.username);

  const login = await client.sendForJson({
    method: 'POST',
    url: CHINA_PATHS.passwordLogin,
    headers: { 'x-login-nonce': generateChinaNonce(input.username, now()) },
    json: { mobile: input.username, password: encryptedPassword, verifyId, deviceId: input.username },
  });
  const accessToken = requireString(login, CHINA_PATHS.passwordLogin, 'data', 'access_token');
  const expiry = jwtExpiry(accessToken);
  const refreshToken = field(login, 'data', 'refresh_token');
  const gcid = field(login, 'data', 'gcid');
  return {
    accessToken,
    accessTokenExpiresAt: expiry === undefined ? undefined : expiry - EXPIRES_AT_OFFSET_MS,
    refreshToken: typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : undefined,
    gcid: typeof gcid === 'string' && gcid !== '' ? gcid : undefined,
  };
}

/**
 * The China refresh grant: a form POST with the refresh token and an
 * `x-login-nonce` built from the gcid; the answer is plain OAuth JSON at the top level.
 */
export async function chinaRefresh(
  client: LoginClient,
  input: { readonly refreshToken: string; readonly gcid: string | undefined },
  now: () => number,
): Promise<TokenResult> {
  const issuedAt = now();
  const data = await client.sendForJson({
    method: 'POST',
    url: CHINA_PATHS.token,
    headers: { 'x-login-nonce': generateChinaNonce(input.gcid, issuedAt) },
    form: { refresh_token: input.refreshToken, grant_type: 'refresh_token' },
    retryTransient: true,
  });
  const result = readTokenResponse(data, issuedAt, CHINA_PATHS.token);
  if (result.accessTokenExpiresAt !== undefined) return result;
  const expiry = jwtExpiry(result.accessToken);
  return {
    ...result,
    accessTokenExpiresAt: expiry === undefined ? undefined : expiry - EXPIRES_AT_OFFSET_MS,
  };
}
