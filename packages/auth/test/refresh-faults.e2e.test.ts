/**
 * Faults during a MyBMW refresh, against the simulator over real HTTP: transient ones are retried,
 * and none of them is mistaken for a refused session (which would throw the stored login away and
 * ask for a password and a captcha token).
 */
import { isBimmerError } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator } from '../src/authenticator';
import { MemoryTokenStore } from '../src/token-store/memory-token-store';

const CONFIG = '/eadrax-ucs/v1/presentation/oauth/config';
const TOKEN = '/gcdm/oauth/token';
const AUTHENTICATE = '/gcdm/oauth/authenticate';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, fingerprints: [] });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

/** A logged-in authenticator whose access token has just expired (on the simulator clock). */
async function expiredSession() {
  const store = new MemoryTokenStore();
  const auth = new MyBMWAuthenticator({
    username: 'demo@bimmer.dev',
    password: 'bimmer-demo',
    region: 'rest_of_world',
    captchaToken: 'P1_first-login',
    baseUrl: sim.url,
    tokenStore: store,
    clock: { now: sim.clock.now, sleep: async () => {} },
  });
  await auth.getAccessToken();
  sim.advanceClock(9 * 3600 * 1000);
  sim.clearRequests();
  const refreshToken = (await store.load())?.refreshToken;
  return { auth, store, refreshToken };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const statuses = (path: string) =>
  sim
    .requests()
    .filter((r) => r.path === path)
    .map((r) => r.status);

describe('a MyBMW refresh under faults', () => {
  it('is a quota error when the token endpoint keeps answering 429, not a refused session', async () => {
    const { auth, store, refreshToken } = await expiredSession();
    sim.addFault(`429@${TOKEN}`);
    const error = await failure(auth.getAccessToken());
    expect(isBimmerError(error, 'quota')).toBe(true);
    expect((error as { action?: string }).action).toBe('wait');
    expect(statuses(TOKEN)).toEqual([429, 429, 429, 429]);
    expect(statuses(AUTHENTICATE)).toEqual([]);
    expect((await store.load())?.refreshToken).toBe(refreshToken);
  });

  it('is not an invalid session when the OAuth config answers 401; the stored login stays usable', async () => {
    const { auth, store, refreshToken } = await expiredSession();
    sim.addFault(`401@${CONFIG}`);
    const error = await failure(auth.getAccessToken());
    expect(isBimmerError(error, 'api')).toBe(true);
    expect((error as Error).message).toContain('OAuth configuration (HTTP 401)');
    expect((error as Error).message).toContain('not about the stored login');
    expect(statuses(AUTHENTICATE)).toEqual([]);
    expect(statuses(TOKEN)).toEqual([]);
    expect((await store.load())?.refreshToken).toBe(refreshToken);

    sim.clearFaults();
    await auth.getAccessToken();
    expect(statuses(TOKEN)).toEqual([200]);
    expect(statuses(AUTHENTICATE)).toEqual([]);
  });

  it.each([
    ['500', `500@${CONFIG}*2`, CONFIG, [500, 500, 200]],
    ['drop', `drop@${CONFIG}*1`, CONFIG, [null, 200]],
    ['truncated', `truncated@${CONFIG}*1`, CONFIG, [200, 200]],
    ['500', `500@${TOKEN}*2`, TOKEN, [500, 500, 200]],
    ['drop', `drop@${TOKEN}*1`, TOKEN, [null, 200]],
  ] as const)('tries again after a transient %s (%s)', async (_, fault, path, expected) => {
    const { auth } = await expiredSession();
    sim.addFault(fault);
    await auth.getAccessToken();
    expect(statuses(path)).toEqual(expected);
    expect(statuses(AUTHENTICATE)).toEqual([]);
  });

  it('gives up after 3 tries with an API error and keeps the stored login', async () => {
    const { auth, store, refreshToken } = await expiredSession();
    sim.addFault(`500@${TOKEN}`);
    const error = await failure(auth.getAccessToken());
    expect(isBimmerError(error, 'api')).toBe(true);
    expect(statuses(TOKEN)).toEqual([500, 500, 500]);
    expect(statuses(AUTHENTICATE)).toEqual([]);
    expect((await store.load())?.refreshToken).toBe(refreshToken);
  });
});
