import { BimmerApiError, BimmerAuthError, BimmerCaptchaRequiredError } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator } from '../src/authenticator';
import type { MyBMWAuthenticatorOptions } from '../src/authenticator-options';
import type { FetchLike } from '../src/http/fetch-like';

/** One `hcaptchatoken` header our client sent, with the status it got back. */
interface Presentation {
  token: string;
  status: number;
}

const AUTHENTICATE = '/gcdm/oauth/authenticate';
const LIFETIME_MS = 28_799_000;

let sim: Simulator;
/** Every captcha token any authenticator of this file sent, in order. */
const presentations: Presentation[] = [];

/** The global fetch, recording each hcaptchatoken header and the answer's status. */
const recordingFetch: FetchLike = async (input, init) => {
  const token = new Headers(init?.headers).get('hcaptchatoken');
  const response = await fetch(input, init);
  if (token !== null) presentations.push({ token, status: response.status });
  return response;
};

beforeAll(async () => {
  // BMW's hCaptcha tokens are single-use: this simulator refuses a token it has seen before.
  sim = await startSimulator({ port: 0, captcha: 'single-use' });
});
afterAll(async () => {
  await sim.stop();
  // Across every test of this file no token went to GCDM twice. A 429 retry resends the request
  // as bimmer_connected does, but the gateway refused it before GCDM saw (and spent) the token.
  const reachedGcdm = presentations.filter((presentation) => presentation.status !== 429);
  expect(new Set(reachedGcdm.map((presentation) => presentation.token)).size).toBe(reachedGcdm.length);
});
beforeEach(() => {
  // No reset: the simulator keeps every spent captcha token for the whole file.
  sim.clearFaults();
  sim.clearRequests();
});

function authenticator(captchaToken: string | undefined, options: Partial<MyBMWAuthenticatorOptions> = {}) {
  return new MyBMWAuthenticator({
    username: 'demo@bimmer.dev',
    password: 'bimmer-demo',
    region: 'rest_of_world',
    captchaToken,
    baseUrl: sim.url,
    fetch: recordingFetch,
    // The simulator clock, so that advanceClock expires our tokens too; 429 waits are skipped.
    clock: { now: sim.clock.now, sleep: async () => {} },
    ...options,
  });
}

/** Authenticate requests with credentials (step 1; step 2 sends only the authorization). */
const step1Count = () =>
  sim
    .requests()
    .filter(
      (request) =>
        request.path === AUTHENTICATE &&
        typeof request.body === 'object' &&
        request.body !== null &&
        'username' in request.body,
    ).length;
const sentTokens = (token: string) =>
  presentations.filter((presentation) => presentation.token === token).length;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the hCaptcha token against a single-use simulator', () => {
  it('is sent once; a refused refresh token then asks for a new one instead of resending it', async () => {
    const auth = authenticator('P1_first');
    await auth.getAccessToken();
    expect(sentTokens('P1_first')).toBe(1);
    expect(auth.hasCaptchaToken).toBe(false);

    auth.setRefreshToken('a-refresh-token-the-simulator-never-issued');
    sim.advanceClock(LIFETIME_MS);
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect(sentTokens('P1_first')).toBe(1);

    auth.setCaptchaToken('P1_second');
    await auth.getAccessToken();
    expect(sentTokens('P1_second')).toBe(1);
  });

  it('is spent by a wrong password: the next attempt asks for a new token', async () => {
    const auth = authenticator('P1_wrong-password', { password: 'not the password' });
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerAuthError);
    expect(await failure(auth.getAccessToken())).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect(sentTokens('P1_wrong-password')).toBe(1);
  });

  it.each([['500'], ['drop'], ['malformed']])(
    'survives a transient %s of the token exchange without sending the captcha token again',
    async (kind) => {
      sim.addFault(`${kind}@/gcdm/oauth/token*1`);
      const auth = authenticator(`P1_token-exchange-${kind}`);
      await auth.getAccessToken();
      expect(sentTokens(`P1_token-exchange-${kind}`)).toBe(1);
      expect(step1Count()).toBe(1);
      // The exchange was tried again with the same single-use code: 2 token requests.
      expect(
        sim
          .requests()
          .filter((r) => r.path === '/gcdm/oauth/token')
          .map((r) => r.status),
      ).toEqual([kind === 'drop' ? null : kind === '500' ? 500 : 200, 200]);
    },
  );

  it('is spent by a login that still fails after the password step, and the error says so', async () => {
    sim.addFault('500@/gcdm/oauth/token*3');
    const auth = authenticator('P1_token-step-fails');
    const error = await failure(auth.getAccessToken());
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as BimmerCaptchaRequiredError).action).toBe('captcha-token');
    expect((error as Error).message).toContain('after it had used the captcha token');
    expect((error as Error).message).toContain('HTTP 500');
    expect((error as Error).cause).toBeInstanceOf(BimmerApiError);
    expect(sim.requests().filter((r) => r.path === '/gcdm/oauth/token')).toHaveLength(3);
    // The next attempt sends nothing until a new token is given.
    sim.clearRequests();
    const again = await failure(auth.getAccessToken());
    expect(again).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((again as Error).message).toContain('was used by an earlier login');
    expect(sim.requests()).toHaveLength(0);
    auth.setCaptchaToken('P1_after-the-outage');
    await auth.getAccessToken();
    expect(sentTokens('P1_token-step-fails')).toBe(1);
    expect(sentTokens('P1_after-the-outage')).toBe(1);
  });

  it('asks for a new token when the answer to the token exchange was cut off after BMW took the code', async () => {
    sim.addFault('truncated@/gcdm/oauth/token*1');
    const auth = authenticator('P1_token-cut-off');
    const error = await failure(auth.getAccessToken());
    // The retry sent the single-use code again, which BMW refused: the captcha token is spent.
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as Error).message).toContain('after it had used the captcha token');
    expect(sentTokens('P1_token-cut-off')).toBe(1);
    expect(
      sim
        .requests()
        .filter((r) => r.path === '/gcdm/oauth/token')
        .map((r) => r.status),
    ).toEqual([200, 400]);
  });

  it('is sent by one login for 20 concurrent first requests', async () => {
    const auth = authenticator('P1_concurrent');
    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(sentTokens('P1_concurrent')).toBe(1);
    expect(step1Count()).toBe(1);
  });

  it('reaches GCDM once when the gateway answers 429 first', async () => {
    sim.addFault(`429@${AUTHENTICATE}*2`);
    const auth = authenticator('P1_rate-limited');
    await auth.getAccessToken();
    const sent = presentations.filter((presentation) => presentation.token === 'P1_rate-limited');
    expect(sent.map((presentation) => presentation.status)).toEqual([429, 429, 200]);
  });

  it('a reused token is refused by the simulator, so the checks above can fail', async () => {
    // Two authenticators given the same token: a caller's mistake, outside the file-wide check.
    const unrecorded = { fetch: ((input, init) => fetch(input, init)) satisfies FetchLike };
    await authenticator('P1_reused', unrecorded).getAccessToken();
    const error = await failure(authenticator('P1_reused', unrecorded).getAccessToken());
    expect(error).toBeInstanceOf(BimmerCaptchaRequiredError);
    expect((error as BimmerCaptchaRequiredError).message).toContain('already used');
    expect((error as BimmerCaptchaRequiredError).action).toBe('captcha-token');
    expect(step1Count()).toBe(2);
  });
});
