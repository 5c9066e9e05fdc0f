import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Region } from '@bimmer/core';
import { decodeChinaNonce } from '../src/china/china-nonce';
import { getRegionConfig } from '../src/region/region-config';
import { createTestRsaKeys } from './rsa-test-key';
import { sliderImage } from './slider-image';

/** One request the fake saw. */
export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

type Answer = (request: SeenRequest) => Response;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const CLIENT_ID = 'fake-client';
const CLIENT_SECRET = 'fake-secret';
const RETURN_URL = 'com.bmw.connected://oauth';
const SLIDER_WIDTH = 590;
const SLIDER_GAP_X = 297;

let cachedSliderImage: string | undefined;
/** The captcha background, rendered once: encoding a JPEG is the slowest part of a China login test. */
function sliderBackground(): string {
  cachedSliderImage ??= sliderImage({ width: SLIDER_WIDTH, height: 200, gapX: SLIDER_GAP_X });
  return cachedSliderImage;
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(8).toString('base64url')}`;
}

/**
 * An in-process MyBMW login, after BMW's own flow but with our own values, served as a fetch
 * function. It checks what BMW checks (subscription key, single-use captcha, PKCE, Basic auth,
 * rotation, China nonce and captcha) so unit tests exercise the real flows without sockets.
 */
export class FakeLoginServer {
  readonly username = 'driver@example.test';
  readonly password = 'correct horse battery';
  readonly gcid = 'gcid-0001';
  readonly requests: SeenRequest[] = [];
  /** Answers to use before the real handler, per path, consumed in order. */
  readonly faults = new Map<string, Answer[]>();
  /** The access-token lifetime in seconds. */
  lifetimeSeconds = 3600;
  /** A path prefix (a proxy's) stripped before routing. */
  pathPrefix = '';
  /** The time (epoch ms) the fake issues tokens at. */
  now: () => number = () => Date.now();
  readonly #region: Region;
  readonly #rsa = createTestRsaKeys();
  readonly #usedCaptchas = new Set<string>();
  readonly #authorizations = new Map<string, string>();
  readonly #codes = new Map<string, string>();
  readonly #refreshTokens = new Set<string>();
  readonly #accessTokens = new Set<string>();
  #captchaVerified = new Set<string>();

  constructor(region: Region) {
    this.#region = region;
  }

  /** The fetch to inject. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const request: SeenRequest = {
      method: init?.method ?? 'GET',
      url,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    this.requests.push(request);
    const path = url.pathname.startsWith(this.pathPrefix)
      ? url.pathname.slice(this.pathPrefix.length)
      : url.pathname;
    const fault = this.faults.get(path)?.shift();
    return fault ? fault(request) : this.#handle(request, path);
  };

  /** Queues answers for a path, used before the normal handler. */
  fail(path: string, ...answers: Answer[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...answers]);
  }

  /** Counts the requests to a path. */
  count(path: string): number {
    return this.requests.filter((request) => request.url.pathname === path).length;
  }

  /** Makes every refresh token issued so far invalid (the user revoked the app). */
  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  /** True while `token` is an access token the fake issued. */
  isValidAccessToken(token: string): boolean {
    return this.#accessTokens.has(token);
  }

  #issue(oauthShape: boolean): Record<string, unknown> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const accessToken =
      this.#region === 'china'
        ? jwt({ jti: randomUUID(), nbf: nowSeconds, iat: nowSeconds, exp: nowSeconds + this.lifetimeSeconds })
        : `access-${randomBytes(12).toString('hex')}`;
    const refreshToken = `refresh-${randomBytes(12).toString('hex')}`;
    this.#accessTokens.add(accessToken);
    this.#refreshTokens.add(refreshToken);
    const tokens = {
      access_token: accessToken,
      token_type: 'Bearer',
      refresh_token: refreshToken,
      gcid: this.gcid,
    };
    return oauthShape ? { ...tokens, expires_in: this.lifetimeSeconds, scope: 'a b' } : tokens;
  }

  #handle(request: SeenRequest, pathname: string): Response {
    const form = new URLSearchParams(request.body);
    if (pathname === '/eadrax-ucs/v1/presentation/oauth/config') {
      if (
        request.headers.get('ocp-apim-subscription-key') !==
        getRegionConfig(this.#region).ocpApimSubscriptionKey
      ) {
        return json(401, { statusCode: 401, message: 'Access denied due to missing subscription key.' });
      }
      return json(200, {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        tokenEndpoint: 'https://customer.example.test/gcdm/oauth/token',
        returnUrl: RETURN_URL,
        scopes: ['openid', 'vehicle_data'],
      });
    }
    if (pathname === '/gcdm/oauth/authenticate') return this.#authenticate(request, form);
    if (pathname === '/gcdm/oauth/token') return this.#token(request, form);
    if (pathname.startsWith('/eadrax-coas/')) return this.#china(request, pathname, form);
    return json(404, { error: 'not_found' });
  }

  #authenticate(request: SeenRequest, form: URLSearchParams): Response {
    if (form.has('username')) {
      const captcha = request.headers.get('hcaptchatoken') ?? '';
      if (captcha === '' || this.#usedCaptchas.has(captcha)) {
        return json(400, { error: 'invalid_request', error_description: 'captcha invalid' });
      }
      this.#usedCaptchas.add(captcha);
      if (form.get('username') !== this.username || form.get('password') !== this.password) {
        return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const authorization = randomBytes(8).toString('hex');
      this.#authorizations.set(authorization, form.get('code_challenge') ?? '');
      return json(200, {
        redirect_to: `redirect_uri=${RETURN_URL}?client_id=${CLIENT_ID}&scope=openid vehicle_data&authorization=${authorization}`,
      });
    }
    const challenge = this.#authorizations.get(form.get('authorization') ?? '');
    if (challenge === undefined || !request.url.searchParams.has('interaction-id')) {
      return json(400, { error: 'invalid_request' });
    }
    this.#authorizations.delete(form.get('authorization') ?? '');
    const code = randomBytes(8).toString('hex');
    this.#codes.set(code, challenge);
    return new Response(null, { status: 302, headers: { location: `${RETURN_URL}?code=${code}&state=x` } });
  }

  #token(request: SeenRequest, form: URLSearchParams): Response {
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (request.headers.get('authorization') !== basic) return json(401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code') {
      const challenge = this.#codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        challenge === undefined ||
        createHash('sha256').update(verifier).digest('base64url') !== challenge
      ) {
        return json(400, { error: 'invalid_grant' });
      }
      this.#codes.delete(form.get('code') ?? '');
      return json(200, this.#issue(true));
    }
    return this.#rotate(form);
  }

  #rotate(form: URLSearchParams): Response {
    const refreshToken = form.get('refresh_token') ?? '';
    if (form.get('grant_type') !== 'refresh_token' || !this.#refreshTokens.delete(refreshToken)) {
      return json(400, { error: 'invalid_grant', error_description: 'refresh token invalid' });
    }
    return json(200, this.#issue(true));
  }

  #china(request: SeenRequest, pathname: string, form: URLSearchParams): Response {
    const body = request.body.startsWith('{') ? (JSON.parse(request.body) as Record<string, string>) : {};
    switch (pathname) {
      case '/eadrax-coas/v1/cop/publickey':
        return json(200, {
          code: 200,
          error: false,
          data: { value: this.#rsa.publicKeyPem, expires: '3600' },
        });
      case '/eadrax-coas/v2/cop/slider-captcha':
        return json(200, {
          code: 200,
          error: false,
          data: {
            verifyId: 'verify-1',
            backGroundImg: sliderBackground(),
          },
        });
      case '/eadrax-coas/v1/cop/check-captcha': {
        const expected = ((SLIDER_GAP_X - 26) / SLIDER_WIDTH).toFixed(2);
        if (body.position !== expected)
          return json(422, { code: 1, error: true, description: 'captcha wrong' });
        this.#captchaVerified.add(body.verifyId ?? '');
        return json(200, { code: 200, error: false, data: null });
      }
      case '/eadrax-coas/v2/login/pwd': {
        const nonce = decodeChinaNonce(request.headers.get('x-login-nonce') ?? '');
        const password = this.#rsa.decrypt(body.password ?? '');
        if (nonce.username !== body.mobile || !this.#captchaVerified.delete(body.verifyId ?? '')) {
          return json(422, { code: 699121, error: true, description: 'nonce or captcha invalid' });
        }
        if (body.mobile !== this.username || password !== this.password) {
          return json(422, { code: 699121, error: true, description: 'wrong password' });
        }
        return json(200, { code: 200, error: false, data: this.#issue(false) });
      }
      case '/eadrax-coas/v2/oauth/token': {
        const nonce = decodeChinaNonce(request.headers.get('x-login-nonce') ?? '');
        if (nonce.username !== this.gcid) return json(400, { error: 'invalid_request' });
        return this.#rotate(form);
      }
      default:
        return json(404, { error: 'not_found' });
    }
  }
}

/** Builds a JSON response (for faults). */
export { json as jsonResponse };
