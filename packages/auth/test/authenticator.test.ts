import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  BimmerQuotaError,
} from '@bimmer/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator, SESSION_ID_MAX_AGE_MS } from '../src/authenticator';
import type { MyBMWAuthenticatorOptions } from '../src/authenticator-options';
import { decodeChinaNonce } from '../src/china/china-nonce';
import { FileTokenStore } from '../src/token-store/file-token-store';
import { MemoryTokenStore } from '../src/token-store/memory-token-store';
import type { MyBMWStoredTokens, StoredTokens } from '../src/token-store/stored-tokens';
import { FakeLoginServer, jsonResponse } from './fake-login-server';
import { errorTexts, expectNoSecrets, ManualClock, RecordingLogger } from './helpers';

const CAPTCHA = 'P1_captcha-token-for-tests';
const CONFIG = '/eadrax-ucs/v1/presentation/oauth/config';
const AUTHENTICATE = '/gcdm/oauth/authenticate';
const TOKEN = '/gcdm/oauth/token';
const X_USER_AGENT = /^android\([A-Z0-9]{4}\.[0-9]{6}\.[A-F0-9]{3}\);bmw;4\.9\.2\(36892\);(row|na|cn)$/;

/** Everything a test touched, checked for leaked secrets after each test. */
let collected: {
  logger: RecordingLogger;
  server: FakeLoginServer;
  store: MemoryTokenStore;
  errors: unknown[];
}[] = [];

function setup(
  region: 'rest_of_world' | 'north_america' | 'china',
  options: Partial<MyBMWAuthenticatorOptions> = {},
) {
  const server = new FakeLoginServer(region);
  const clock = new ManualClock();
  server.now = () => clock.now();
  const logger = new RecordingLogger();
  const store = new MemoryTokenStore();
  const auth = new MyBMWAuthenticator({
    username: server.username,
    password: server.password,
    region,
    ...(region === 'china' ? {} : { captchaToken: CAPTCHA }),
    tokenStore: store,
    fetch: server.fetch,
    clock,
    logger,
    ...options,
  });
  const errors: unknown[] = [];
  collected.push({ logger, server, store, errors });
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    errors.push(error);
    return error;
  };
  return { server, clock, logger, store, auth, failure };
}

const tokenRequests = (server: FakeLoginServer, grant: string) =>
  server.requests.filter(
    (request) =>
      request.url.pathname.endsWith('/token') &&
      new URLSearchParams(request.body).get('grant_type') === grant,
  ).length;

afterEach(async () => {
  // No test may leak a password, captcha token or token into logs, errors or JSON snapshots.
  for (const { logger, server, store, errors } of collected) {
    const stored = (await store.load()) as MyBMWStoredTokens | undefined;
    expectNoSecrets(
      [...logger.lines, ...errors.flatMap(errorTexts)],
      [server.password, CAPTCHA, stored?.accessToken, stored?.refreshToken],
    );
  }
  collected = [];
});

describe('rest_of_world and north_america login', () => {
  it('runs config, authenticate twice and the PKCE token exchange exactly as BMW expects', async () => {
    const { server, auth, store } = setup('rest_of_world');
    const token = await auth.getAccessToken();
    expect(server.isValidAccessToken(token)).toBe(true);
    expect(server.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      `GET ${CONFIG}`,
      `POST ${AUTHENTICATE}`,
      `POST ${AUTHENTICATE}`,
      `POST ${TOKEN}`,
    ]);
    const [config, step1, step2, exchange] = server.requests;
    expect(config?.url.host).toBe('cocoapi.bmwgroup.com');
    expect(config?.headers.get('x-correlation-id')).toBe(config?.headers.get('bmw-correlation-id'));
    expect(config?.headers.get('bmw-session-id')).toBe(auth.sessionId);
    expect(step1?.headers.get('hcaptchatoken')).toBe(CAPTCHA);
    expect(step1?.headers.get('user-agent')).toBe('Dart/3.3 (dart:io)');
    expect(step1?.headers.get('x-user-agent')).toMatch(X_USER_AGENT);
    const form1 = new URLSearchParams(step1?.body);
    expect(form1.get('code_challenge_method')).toBe('S256');
    expect(form1.get('state')).toMatch(/^[A-Za-z0-9._~-]{22}$/);
    expect(form1.get('nonce')).toMatch(/^[A-Za-z0-9._~-]{22}$/);
    expect(form1.get('scope')).toBe('openid vehicle_data');
    expect(step2?.headers.has('hcaptchatoken')).toBe(false);
    expect(new URLSearchParams(step2?.body).has('password')).toBe(false);
    expect(step2?.url.searchParams.get('client-version')).toMatch(X_USER_AGENT);
    expect(step2?.url.searchParams.get('interaction-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(exchange?.url.host).toBe('customer.example.test');
    expect(new URLSearchParams(exchange?.body).get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{86}$/);
    const stored = (await store.load()) as MyBMWStoredTokens;
    expect(stored).toMatchObject({
      kind: 'mybmw',
      region: 'rest_of_world',
      accessToken: token,
      gcid: server.gcid,
    });
    expect(stored.refreshToken).toMatch(/^refresh-/);
    expect(auth.gcid).toBe(server.gcid);
    expect(auth.hasCaptchaToken).toBe(false);
  });

  it('logs in to north_america with its own subscription key', async () => {
    const { server, auth } = setup('north_america');
    expect(server.isValidAccessToken(await auth.getAccessToken())).toBe(true);
    expect(server.requests[0]?.url.host).toBe('cocoapi.bmwgroup.us');
    expect(server.requests[1]?.headers.get('x-user-agent')).toMatch(/;na$/);
  });

  it('asks for a captcha before sending anything when none was given', async () => {
    const { server, auth, failure } = setup('north_america', { captchaToken: undefined });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as BimmerCaptchaRequiredError).region).toBe('north_america');
    expect((error as BimmerCaptchaRequiredError).hint).toContain('captcha.md');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a full login without a password before sending anything, keeping the captcha', async () => {
    const { server, auth, failure } = setup('rest_of_world', { password: '' });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as Error).message).toContain('no password');
    expect(server.requests).toHaveLength(0);
    expect(auth.hasCaptchaToken).toBe(true);
  });

  it('reports a wrong password as an auth error and forgets the used captcha', async () => {
    const { auth, failure } = setup('rest_of_world', { password: 'wrong password' });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as BimmerAuthError).status).toBe(401);
    expect((error as Error).message).toContain('invalid_client');
    expect(auth.hasCaptchaToken).toBe(false);
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
  });

  it('scrubs the spent captcha token when the server echoes it in an error', async () => {
    const { server, auth, failure } = setup('rest_of_world');
    server.fail(AUTHENTICATE, (request) =>
      jsonResponse(400, {
        error: 'invalid_request',
        error_description: `captcha ${request.headers.get('hcaptchatoken') ?? ''} was refused`,
      }),
    );
    const error = await failure(auth.getAccessToken());
    // A refused captcha token asks for a new one.
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as BimmerCaptchaRequiredError).action).toBe('captcha-token');
    expect((error as Error).message).toContain('was refused');
    expect((error as Error).message).not.toContain(CAPTCHA);
    expect(JSON.stringify(error)).not.toContain(CAPTCHA);
  });

  it('sends every request, the token endpoint included, to baseUrl', async () => {
    const { server, auth } = setup('rest_of_world', { baseUrl: 'http://127.0.0.1:9/proxy/' });
    server.pathPrefix = '/proxy';
    await auth.getAccessToken();
    expect(server.requests.map((request) => request.url.origin + request.url.pathname.slice(0, 7))).toEqual(
      Array(4).fill('http://127.0.0.1:9/proxy/'),
    );
  });
});

describe('refresh', () => {
  it('refreshes ahead of expiry, saving the rotated refresh token before handing out the access token', async () => {
    const { server, clock, auth, store } = setup('rest_of_world', { refreshMarginSeconds: 120 });
    const first = await auth.getAccessToken();
    const firstRefresh = ((await store.load()) as MyBMWStoredTokens).refreshToken;
    clock.advance((3600 - 60 - 121) * 1000);
    expect(await auth.getAccessToken()).toBe(first);
    expect(tokenRequests(server, 'refresh_token')).toBe(0);
    clock.advance(2000);
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    expect(tokenRequests(server, 'refresh_token')).toBe(1);
    const stored = (await store.load()) as MyBMWStoredTokens;
    expect(stored.refreshToken).not.toBe(firstRefresh);
    expect(stored.accessToken).toBe(second);
    // The old refresh token is spent: another installation holding it must log in again.
    const stale = setup('rest_of_world', { captchaToken: undefined, fetch: server.fetch });
    stale.auth.setRefreshToken(firstRefresh ?? '');
    expect(await stale.failure(stale.auth.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
  });

  it('does not hand out the new token to anyone until the store has it', async () => {
    let releaseSave: () => void = () => undefined;
    const saves: StoredTokens[] = [];
    const { auth } = setup('rest_of_world', {
      tokenStore: {
        load: async () => undefined,
        save: (tokens) =>
          new Promise<void>((resolve) => {
            saves.push(tokens);
            releaseSave = resolve;
          }),
      },
    });
    const resolved: string[] = [];
    const first = auth.getAccessToken().then((token) => resolved.push(token));
    while (saves.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // A caller arriving while the save runs must wait too, though the new token is already in memory.
    const second = auth.getAccessToken().then((token) => resolved.push(token));
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toEqual([]);
    releaseSave();
    await Promise.all([first, second]);
    expect(saves).toHaveLength(1);
    expect(resolved).toEqual([
      (saves[0] as MyBMWStoredTokens).accessToken,
      (saves[0] as MyBMWStoredTokens).accessToken,
    ]);
  });

  it('falls back to a full login when the refresh token is revoked', async () => {
    const { server, clock, auth, logger } = setup('rest_of_world');
    await auth.getAccessToken();
    server.revokeRefreshTokens();
    clock.advance(3600 * 1000);
    auth.setCaptchaToken('P1_second-captcha');
    expect(server.isValidAccessToken(await auth.getAccessToken())).toBe(true);
    expect(tokenRequests(server, 'authorization_code')).toBe(2);
    expect(logger.lines).toContain(
      'debug Unable to get access token using refresh token, falling back to username/password.',
    );
  });

  it('says how to get a captcha when the refresh token is revoked and none is left', async () => {
    const { server, clock, auth, failure } = setup('rest_of_world');
    await auth.getAccessToken();
    server.revokeRefreshTokens();
    clock.advance(3600 * 1000);
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as Error).message).toContain('refused the refresh token');
    expect((error as Error).message).toContain('was used by an earlier login');
    expect((error as Error).cause).toBeInstanceOf(BimmerAuthError);
  });

  it('passes a server error during refresh on instead of spending the captcha on a full login', async () => {
    const { server, clock, auth, failure } = setup('rest_of_world');
    await auth.getAccessToken();
    auth.setCaptchaToken('P1_kept');
    const outage = () => new Response('INTERNAL SERVER ERROR', { status: 500 });
    // Three tries, all failing: the refresh is given up, and no full login spends the captcha.
    server.fail(TOKEN, outage, outage, outage);
    clock.advance(3600 * 1000);
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerApiError);
    expect(server.count(AUTHENTICATE)).toBe(2);
    expect(auth.hasCaptchaToken).toBe(true);
    expect(server.isValidAccessToken(await auth.getAccessToken())).toBe(true);
  });

  it('shares one refresh among 20 concurrent callers with an expired token', async () => {
    const { server, clock, auth } = setup('rest_of_world');
    await auth.getAccessToken();
    clock.advance(3600 * 1000);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests(server, 'refresh_token')).toBe(1);
  });

  it('renews once for concurrent 401s and not at all for a token already replaced', async () => {
    const { server, auth } = setup('rest_of_world');
    const rejected = await auth.getAccessToken();
    const renewed = await Promise.all(Array.from({ length: 20 }, () => auth.onUnauthorized(rejected)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(rejected);
    expect(tokenRequests(server, 'refresh_token')).toBe(1);
    expect(await auth.onUnauthorized(rejected)).toBe(renewed[0]);
    expect(tokenRequests(server, 'refresh_token')).toBe(1);
  });

  it('uses a refresh token set from outside', async () => {
    const donor = setup('rest_of_world');
    await donor.auth.getAccessToken();
    const refreshToken = donor.auth.tokens.refreshToken ?? '';
    const { auth } = setup('rest_of_world', { captchaToken: undefined, fetch: donor.server.fetch });
    auth.setRefreshToken(refreshToken, 'gcid-from-outside');
    expect(donor.server.isValidAccessToken(await auth.getAccessToken())).toBe(true);
    expect(auth.gcid).toBe(donor.server.gcid);
  });

  it('forgets the refresh token when given undefined, so the next renewal is a full login', async () => {
    const { server, auth, failure } = setup('rest_of_world');
    const first = await auth.getAccessToken();
    auth.setRefreshToken(undefined);
    expect(auth.tokens.refreshToken).toBeUndefined();
    // The captcha token was spent by the first login: a full login needs a new one, no refresh is tried.
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect(tokenRequests(server, 'refresh_token')).toBe(0);
    auth.setCaptchaToken('P1_a-second-captcha-token');
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    expect(tokenRequests(server, 'refresh_token')).toBe(0);
    expect(tokenRequests(server, 'authorization_code')).toBe(2);
  });
});

describe('429, quota and block during login', () => {
  const rateLimited =
    (message: string, headers: Record<string, string> = {}) =>
    () =>
      jsonResponse(429, { statusCode: 429, message }, headers);

  it('waits and succeeds after 429, 429', async () => {
    const { server, clock, auth, logger } = setup('rest_of_world');
    server.fail(
      CONFIG,
      rateLimited('Rate limit is exceeded. Try again in 1 seconds.'),
      rateLimited('Try again in 1 seconds.'),
    );
    await auth.getAccessToken();
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(logger.lines.filter((line) => line.includes('seconds due to 429'))).toHaveLength(2);
  });

  it('waits the whole number of seconds BMW asks for, or Retry-After, capped', async () => {
    const { server, clock, auth } = setup('rest_of_world', { maxRetryWaitSeconds: 20 });
    server.fail(
      AUTHENTICATE,
      rateLimited('Rate limit is exceeded. Try again in 10 seconds.'),
      rateLimited('no number', { 'retry-after': '7' }),
      rateLimited('Try again in 300 seconds.'),
    );
    await auth.getAccessToken();
    expect(clock.sleeps).toEqual([10_000, 7000, 20_000]);
  });

  it('gives up with a quota error after three retries', async () => {
    const { server, clock, auth, failure } = setup('rest_of_world');
    for (let index = 0; index < 4; index++) server.fail(CONFIG, rateLimited('Try again in 2 seconds.'));
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerQuotaError);
    expect((error as BimmerQuotaError).retryAt).toBeInstanceOf(Date);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    expect(server.count(CONFIG)).toBe(4);
  });

  it('retries the token exchange on 429 too', async () => {
    const { server, clock, auth } = setup('rest_of_world');
    server.fail(TOKEN, rateLimited('Try again in 1 seconds.'));
    await auth.getAccessToken();
    expect(clock.sleeps).toEqual([1000]);
  });

  it('explains a 489 block and points to CarData', async () => {
    const { server, auth, failure } = setup('rest_of_world');
    server.fail(CONFIG, () => new Response('', { status: 489 }));
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerBlockedError);
    expect((error as BimmerBlockedError).hint).toContain('CarData');
  });

  it('treats a body saying Blocked as a block', async () => {
    const { server, auth, failure } = setup('rest_of_world');
    server.fail(AUTHENTICATE, () => jsonResponse(403, { message: 'Blocked' }));
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerBlockedError);
  });
});

describe('china', () => {
  it('logs in with the public key, the solved slider captcha and a valid nonce', async () => {
    const { server, clock, auth } = setup('china');
    const token = await auth.getAccessToken();
    expect(server.isValidAccessToken(token)).toBe(true);
    expect(server.requests.map((request) => request.url.pathname)).toEqual([
      '/eadrax-coas/v1/cop/publickey',
      '/eadrax-coas/v2/cop/slider-captcha',
      '/eadrax-coas/v1/cop/check-captcha',
      '/eadrax-coas/v2/login/pwd',
    ]);
    expect(server.requests[0]?.url.host).toBe('myprofile.bmw.com.cn');
    expect(server.requests[0]?.headers.get('x-user-agent')).toMatch(/;bmw;4\.9\.2\(36892\);cn$/);
    const nonce = decodeChinaNonce(server.requests[3]?.headers.get('x-login-nonce') ?? '');
    expect(nonce.time).toBe(new Date(clock.now()).toUTCString());
    expect(auth.tokens.accessTokenExpiresAt).toBe(Math.floor(clock.now() / 1000) * 1000 + 3600_000 - 60_000);
  });

  it('refreshes with a nonce built from the gcid', async () => {
    const { server, clock, auth } = setup('china');
    const first = await auth.getAccessToken();
    clock.advance(3600 * 1000);
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    const refresh = server.requests.at(-1);
    expect(refresh?.url.pathname).toBe('/eadrax-coas/v2/oauth/token');
    expect(decodeChinaNonce(refresh?.headers.get('x-login-nonce') ?? '').username).toBe(server.gcid);
  });

  it('fetches a new slider captcha when the check refuses one, up to three times', async () => {
    const refused = () => jsonResponse(422, { code: 1, error: true, description: 'captcha wrong' });
    const retried = setup('china');
    retried.server.fail('/eadrax-coas/v1/cop/check-captcha', refused);
    expect(retried.server.isValidAccessToken(await retried.auth.getAccessToken())).toBe(true);
    expect(retried.server.count('/eadrax-coas/v2/cop/slider-captcha')).toBe(2);

    const failing = setup('china');
    failing.server.fail('/eadrax-coas/v1/cop/check-captcha', refused, refused, refused);
    const error = await failing.failure(failing.auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as Error).message).toContain('3 attempts');
    expect(failing.server.count('/eadrax-coas/v2/login/pwd')).toBe(0);
  });

  it('reports a wrong China password as an auth error', async () => {
    const { auth, failure } = setup('china', { password: 'not it' });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as BimmerAuthError).status).toBe(422);
  });
});

describe('stored tokens and the session id', () => {
  const stored = (overrides: Partial<MyBMWStoredTokens>): MyBMWStoredTokens => ({
    kind: 'mybmw',
    region: 'rest_of_world',
    username: 'driver@example.test',
    accessToken: 'stored-access',
    accessTokenExpiresAt: new ManualClock().now() + 3600_000,
    refreshToken: 'stored-refresh',
    gcid: 'stored-gcid',
    sessionId: 'stored-session',
    sessionIdCreatedAt: new ManualClock().now() - 1000,
    ...overrides,
  });

  it('uses a valid stored access token without any request', async () => {
    const { server, auth } = setup('rest_of_world', { tokenStore: new MemoryTokenStore(stored({})) });
    expect(await auth.getAccessToken()).toBe('stored-access');
    expect(auth.sessionId).toBe('stored-session');
    expect(auth.gcid).toBe('stored-gcid');
    expect(server.requests).toHaveLength(0);
  });

  it('ignores tokens of another region or account', async () => {
    for (const other of [stored({ region: 'china' }), stored({ username: 'someone@else.test' })]) {
      const { server, auth } = setup('rest_of_world', { tokenStore: new MemoryTokenStore(other) });
      expect(await auth.getAccessToken()).not.toBe('stored-access');
      expect(tokenRequests(server, 'authorization_code')).toBe(1);
    }
  });

  it('renews a session id older than 14 days and keeps a younger one', async () => {
    const start = new ManualClock().now();
    const old = setup('rest_of_world', {
      tokenStore: new MemoryTokenStore(stored({ sessionIdCreatedAt: start - SESSION_ID_MAX_AGE_MS - 1 })),
    });
    await old.auth.getAccessToken();
    expect(old.auth.sessionId).not.toBe('stored-session');
    expect(old.auth.tokens.sessionIdCreatedAt).toBe(start);

    const young = setup('rest_of_world', { tokenStore: new MemoryTokenStore(stored({})) });
    await young.auth.getAccessToken();
    young.clock.advance(SESSION_ID_MAX_AGE_MS - 10_000);
    young.auth.setRefreshToken('stored-refresh');
    await young.auth.getAccessToken().catch(() => undefined);
    expect(young.auth.sessionId).toBe('stored-session');
  });

  it('retries a failed save on the next call', async () => {
    let failNext = true;
    const saved: StoredTokens[] = [];
    const { auth, failure } = setup('rest_of_world', {
      tokenStore: {
        load: async () => undefined,
        save: async (tokens) => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          saved.push(tokens);
        },
      },
    });
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(Error);
    const token = await auth.getAccessToken();
    expect((saved[0] as MyBMWStoredTokens).accessToken).toBe(token);
  });

  it('notifies listeners after saving, with a snapshot that hides secrets', async () => {
    const { auth } = setup('rest_of_world');
    const seen: string[] = [];
    const unsubscribe = auth.onTokensChanged((tokens) => seen.push(String(tokens), JSON.stringify(tokens)));
    const token = await auth.getAccessToken();
    unsubscribe();
    expect(seen).toHaveLength(2);
    expect(seen.join(' ')).toContain('"hasRefreshToken":true');
    expectNoSecrets(seen, [token, auth.tokens.refreshToken]);
    expect(auth.tokens.accessToken).toBe(token);
  });
});

describe('with a file token store', () => {
  it('keeps a corrupt file until a new login succeeds, then replaces it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bimmer-auth-'));
    try {
      const path = join(directory, 'tokens.json');
      await writeFile(path, 'garbage', 'utf8');
      const withoutCaptcha = setup('rest_of_world', {
        captchaToken: undefined,
        tokenStore: new FileTokenStore(path),
      });
      expect(await withoutCaptcha.failure(withoutCaptcha.auth.getAccessToken())).toBeInstanceOf(
        BimmerCaptchaRequiredError,
      );
      expect(withoutCaptcha.logger.lines.some((line) => line.startsWith('warn The token file'))).toBe(true);
      expect(await readFile(path, 'utf8')).toBe('garbage');

      const withCaptcha = setup('rest_of_world', { tokenStore: new FileTokenStore(path) });
      const token = await withCaptcha.auth.getAccessToken();
      const stored = (await new FileTokenStore(path).load()) as MyBMWStoredTokens;
      expect(stored.accessToken).toBe(token);
      expectNoSecrets(withCaptcha.logger.lines, [token, stored.refreshToken]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('token snapshots', () => {
  it('hide secrets from toString, JSON, inspect, spreading and snapshots', async () => {
    const { auth } = setup('rest_of_world');
    const token = await auth.getAccessToken();
    const tokens = auth.tokens;
    const texts = [String(tokens), JSON.stringify(tokens), inspect(tokens), JSON.stringify({ ...tokens })];
    expectNoSecrets(texts, [token, tokens.refreshToken]);
    expect(inspect(tokens)).toContain('hasAccessToken');
    expect(tokens.toStoredTokens().refreshToken).toBe(tokens.refreshToken);
    expect(Object.isFrozen(tokens)).toBe(true);
  });
});
