import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  BimmerQuotaError,
} from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator } from '../src/authenticator';
import type { MyBMWAuthenticatorOptions } from '../src/authenticator-options';
import type { AuthClock } from '../src/clock';
import { defaultMyBMWHeaders } from '../src/region/headers';
import { FileTokenStore } from '../src/token-store/file-token-store';
import type { MyBMWStoredTokens } from '../src/token-store/stored-tokens';
import { errorTexts, expectNoSecrets, RecordingLogger } from './helpers';

const USERNAME = 'demo@bimmer.dev';
const PASSWORD = 'bimmer-demo';
const CAPTCHA = 'P1_simulator-captcha';
const CONFIG = '/eadrax-ucs/v1/presentation/oauth/config';
const TOKEN = '/gcdm/oauth/token';
const LIFETIME_MS = 28_799_000;

let sim: Simulator;
let directory: string;
let leaks: { logger: RecordingLogger; errors: unknown[]; auths: MyBMWAuthenticator[] };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, chinaCaptcha: 'generated' });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  directory = await mkdtemp(join(tmpdir(), 'bimmer-auth-e2e-'));
  leaks = { logger: new RecordingLogger(), errors: [], auths: [] };
});
afterEach(async () => {
  // Neither the password, the captcha token nor any token reached a log line or an error.
  const secrets = [
    PASSWORD,
    CAPTCHA,
    ...leaks.auths.flatMap((auth) => [auth.tokens.accessToken, auth.tokens.refreshToken]),
  ];
  expectNoSecrets([...leaks.logger.lines, ...leaks.errors.flatMap(errorTexts)], secrets);
  await rm(directory, { recursive: true, force: true });
});

/** The simulator's clock for the authenticator, with 429 waits recorded instead of slept. */
function simulatorClock(): AuthClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => sim.now(), sleep: async (milliseconds) => void sleeps.push(milliseconds) };
}

function authenticator(region: string, options: Partial<MyBMWAuthenticatorOptions> = {}) {
  const clock = simulatorClock();
  const auth = new MyBMWAuthenticator({
    username: USERNAME,
    password: PASSWORD,
    region,
    captchaToken: CAPTCHA,
    baseUrl: sim.url,
    clock,
    logger: leaks.logger,
    tokenStore: new FileTokenStore(join(directory, `${region}.json`)),
    ...options,
  });
  leaks.auths.push(auth);
  return { auth, clock };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  leaks.errors.push(error);
  return error;
}

/** Calls the vehicle list with a token, as the API transport would. */
async function vehicleListStatus(auth: MyBMWAuthenticator, token: string): Promise<number> {
  const response = await fetch(`${sim.url}/eadrax-vcs/v5/vehicle-list`, {
    method: 'POST',
    headers: {
      ...defaultMyBMWHeaders('bmw', auth.region),
      authorization: `Bearer ${token}`,
      'bmw-session-id': auth.sessionId,
    },
  });
  await response.body?.cancel();
  return response.status;
}

const loginPaths = () =>
  sim
    .requests()
    .filter((request) => !request.path.startsWith('/eadrax-vcs'))
    .map((request) => `${request.method} ${request.path} ${request.status}`);

const refreshCount = () =>
  sim
    .requests()
    .filter(
      (request) =>
        request.path.endsWith('/oauth/token') &&
        typeof request.body === 'object' &&
        request.body !== null &&
        (request.body as Record<string, unknown>).grant_type === 'refresh_token',
    ).length;

describe.each(['rest_of_world', 'north_america'])('%s against the simulator', (region) => {
  it('logs in fully and the API accepts the token', async () => {
    const { auth } = authenticator(region);
    const token = await auth.getAccessToken();
    expect(loginPaths()).toEqual([
      `GET ${CONFIG} 200`,
      'POST /gcdm/oauth/authenticate 200',
      'POST /gcdm/oauth/authenticate 302',
      `POST ${TOKEN} 200`,
    ]);
    expect(await vehicleListStatus(auth, token)).toBe(200);
    expect(auth.gcid).toBe(sim.accounts[0]?.gcid);
  });
});

describe('refresh against the simulator', () => {
  it('rotates the refresh token: ours is on disk and the old one is refused', async () => {
    const path = join(directory, 'rest_of_world.json');
    const { auth } = authenticator('rest_of_world');
    await auth.getAccessToken();
    const before = (await new FileTokenStore(path).load()) as MyBMWStoredTokens;
    sim.advanceClock(LIFETIME_MS);
    const token = await auth.getAccessToken();
    const after = JSON.parse(await readFile(path, 'utf8')) as MyBMWStoredTokens & { schemaVersion: number };
    expect(after.schemaVersion).toBe(1);
    expect(after.accessToken).toBe(token);
    expect(after.refreshToken).toBe(auth.tokens.refreshToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(refreshCount()).toBe(1);

    const stale = authenticator('rest_of_world', { captchaToken: undefined, tokenStore: undefined }).auth;
    stale.setRefreshToken(before.refreshToken ?? '');
    expect(await failure(stale.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect(sim.requests().at(-1)).toMatchObject({ path: TOKEN, status: 400 });
  });

  it('refreshes an access token that is about to expire before the API refuses it', async () => {
    const { auth } = authenticator('rest_of_world', { refreshMarginSeconds: 600 });
    const first = await auth.getAccessToken();
    sim.advanceClock(LIFETIME_MS - 5 * 60_000);
    expect(await vehicleListStatus(auth, first)).toBe(200);
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    expect(refreshCount()).toBe(1);
    expect(sim.requests().some((request) => request.status === 401)).toBe(false);
  });

  it('falls back to a full login when the refresh token is revoked, or asks for a captcha without one', async () => {
    const { auth } = authenticator('north_america');
    await auth.getAccessToken();
    sim.reset(); // The simulator forgets every token: the refresh token is revoked.
    sim.advanceClock(LIFETIME_MS);
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as Error).cause).toBeInstanceOf(BimmerAuthError);
    auth.setCaptchaToken('P1_a-fresh-one');
    const token = await auth.getAccessToken();
    expect(await vehicleListStatus(auth, token)).toBe(200);
    expect(loginPaths().filter((line) => line.startsWith('POST /gcdm/oauth/authenticate'))).toHaveLength(2);
  });

  it('makes exactly one refresh for 20 concurrent requests with an expired token', async () => {
    const { auth } = authenticator('rest_of_world');
    await auth.getAccessToken();
    sim.advanceClock(LIFETIME_MS + 1000);
    sim.clearRequests();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshCount()).toBe(1);
    expect(loginPaths()).toEqual([`GET ${CONFIG} 200`, `POST ${TOKEN} 200`]);
  });

  it('renews once for 20 concurrent 401s of the API', async () => {
    const { auth } = authenticator('rest_of_world');
    const rejected = await auth.getAccessToken();
    sim.addFault('401@/eadrax-vcs/v5/vehicle-list*20');
    const statuses = await Promise.all(Array.from({ length: 20 }, () => vehicleListStatus(auth, rejected)));
    expect(statuses.every((status) => status === 401)).toBe(true);
    const renewed = await Promise.all(Array.from({ length: 20 }, () => auth.onUnauthorized(rejected)));
    expect(new Set(renewed).size).toBe(1);
    expect(refreshCount()).toBe(1);
    expect(await vehicleListStatus(auth, renewed[0] ?? '')).toBe(200);
  });
});

describe('errors against the simulator', () => {
  it('reports a wrong password', async () => {
    const { auth } = authenticator('rest_of_world', { password: 'not the password' });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as BimmerAuthError).status).toBe(401);
  });

  it('retries 429, 429 and then logs in', async () => {
    sim.addFault(`429@${CONFIG}*2`);
    const { auth, clock } = authenticator('rest_of_world');
    expect(await vehicleListStatus(auth, await auth.getAccessToken())).toBe(200);
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(leaks.logger.lines.filter((line) => line.includes('due to 429'))).toHaveLength(2);
  });

  it('retries 429 three times and then logs in', async () => {
    sim.addFault('429@/gcdm/oauth/authenticate*3');
    const { auth, clock } = authenticator('rest_of_world');
    await auth.getAccessToken();
    expect(clock.sleeps).toHaveLength(3);
  });

  it('gives a quota error after 429 four times', async () => {
    sim.addFault(`429@${CONFIG}*4`);
    const { auth, clock } = authenticator('rest_of_world');
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerQuotaError);
    expect(clock.sleeps).toHaveLength(3);
    expect(sim.requests().filter((request) => request.path === CONFIG)).toHaveLength(4);
  });

  it('explains a 489 block', async () => {
    sim.addFault(`blocked@${CONFIG}`);
    const { auth } = authenticator('north_america');
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerBlockedError);
    expect((error as BimmerBlockedError).hint).toContain('CarData');
  });
});

describe('china against the simulator', () => {
  it('logs in end to end with the simulator captcha and nonce validation, then refreshes', async () => {
    const { auth } = authenticator('china', { captchaToken: undefined });
    const before = Math.floor(sim.now() / 1000) * 1000;
    const token = await auth.getAccessToken();
    const after = Math.floor(sim.now() / 1000) * 1000;
    expect(loginPaths()).toEqual([
      'GET /eadrax-coas/v1/cop/publickey 200',
      'POST /eadrax-coas/v2/cop/slider-captcha 200',
      'POST /eadrax-coas/v1/cop/check-captcha 200',
      'POST /eadrax-coas/v2/login/pwd 200',
    ]);
    expect(await vehicleListStatus(auth, token)).toBe(200);
    // The expiry is the JWT's exp (whole seconds of the simulator clock) minus 60 s.
    const expiresAt = auth.tokens.accessTokenExpiresAt ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + LIFETIME_MS - 60_000);
    expect(expiresAt).toBeLessThanOrEqual(after + LIFETIME_MS - 60_000);
    sim.advanceClock(LIFETIME_MS);
    const refreshed = await auth.getAccessToken();
    expect(refreshed).not.toBe(token);
    expect(sim.requests().at(-1)).toMatchObject({ path: '/eadrax-coas/v2/oauth/token', status: 200 });
  });

  it('reports a wrong China password', async () => {
    const { auth } = authenticator('china', { password: 'wrong' });
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect((error as BimmerAuthError).status).toBe(422);
  });
});
