import { randomUUID } from 'node:crypto';
import {
  CarDataSession,
  type CarDataTokens,
  isCarDataTokens,
  loginWithCarDataDeviceCode,
  MemoryTokenStore,
} from '@bimmer/auth';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let sim: Simulator;
const clientId = randomUUID();

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method: body === 'GET' ? 'GET' : 'POST',
    ...(body === undefined || body === 'GET' ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}

function login(
  options: {
    approve?: 'approve' | 'deny' | 'none';
    store?: MemoryTokenStore;
    slowDownStepMs?: number;
    /** Runs after each unsuccessful poll with the number of polls so far. */
    afterPoll?: (polls: number) => void;
  } = {},
) {
  const polls: string[] = [];
  const prompts: string[] = [];
  const result = loginWithCarDataDeviceCode({
    clientId,
    baseUrl: sim.url,
    slowDownStepMs: options.slowDownStepMs ?? 10,
    ...(options.store === undefined ? {} : { tokenStore: options.store }),
    onUserCode: async (prompt) => {
      prompts.push(prompt.userCode, prompt.verificationUri);
      if ((options.approve ?? 'approve') !== 'none') await control(options.approve ?? 'approve', {});
    },
    onPoll: (event) => {
      polls.push(event.state);
      options.afterPoll?.(polls.length);
    },
  });
  return { result, polls, prompts };
}

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [], cardataVehicles: false });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  await control('config', { pollIntervalSeconds: 0.01 });
});

describe('CarData device-code login against the simulator', () => {
  it('hands out the user code, polls while pending and stores all three tokens and the gcid', async () => {
    await control('config', { pollIntervalSeconds: 0.01 });
    const store = new MemoryTokenStore();
    // Approve only after two pending polls, so the pending path runs first.
    const { result, prompts } = login({
      store,
      approve: 'none',
      afterPoll: (count) => {
        if (count === 2) void control('approve', {});
      },
    });
    const tokens = await result;
    const state = (await control('state', 'GET')) as { gcid: string };
    expect(tokens.gcid).toBe(state.gcid);
    expect(tokens.accessToken).not.toBe('');
    expect(tokens.idToken).not.toBe(tokens.accessToken);
    expect(tokens.scope.split(' ').sort()).toEqual(
      ['authenticate_user', 'cardata:api:read', 'cardata:streaming:read', 'openid'].sort(),
    );
    expect(prompts[0]).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(prompts[1]).toBe(`${sim.url}/oneid/link`);
    expect(await store.load()).toEqual(tokens);
    const pendingPolls = sim
      .requests()
      .filter((entry) => entry.path === '/gcdm/oauth/token' && entry.status === 403);
    expect(pendingPolls.length).toBeGreaterThan(0);
  });

  it('always sends the scope explicitly and the PKCE challenge', async () => {
    await login().result;
    const codeRequest = sim.requests().find((entry) => entry.path === '/gcdm/oauth/device/code');
    const body = codeRequest?.body as Record<string, string>;
    expect(body.scope).toBe('authenticate_user openid cardata:api:read cardata:streaming:read');
    expect(body.code_challenge_method).toBe('S256');
    expect(body.response_type).toBe('device_code');
  });

  it('treats a bare 403 without an error code as still pending', async () => {
    await control('config', { pendingResponse: 'bare-403' });
    const { result, polls } = login({
      approve: 'none',
      afterPoll: (count) => {
        if (count === 1) void control('approve', {});
      },
    });
    expect(isCarDataTokens(await result)).toBe(true);
    expect(polls).toContain('pending');
  });

  it('slows down by the step on slow_down and still logs in', async () => {
    await control('config', { slowDownPolls: 2 });
    const { result, polls } = login({
      approve: 'none',
      afterPoll: (count) => {
        if (count === 3) void control('approve', {});
      },
    });
    await result;
    expect(polls.filter((state) => state === 'slow_down')).toHaveLength(2);
    const slowDowns = sim
      .requests()
      .filter((entry) => entry.path === '/gcdm/oauth/token' && entry.status === 400);
    expect(slowDowns).toHaveLength(2);
  });

  it('says to approve or check the subscriptions when the login is denied', async () => {
    const { result } = login({ approve: 'deny' });
    await expect(result).rejects.toMatchObject({ code: 'auth', message: expect.stringMatching(/denied/) });
    await expect(result).rejects.toHaveProperty('hint', expect.stringMatching(/CarData API.*CarData Stream/));
  });

  it('says to start again when the code expires before approval', async () => {
    await control('config', { deviceCodeLifetimeSeconds: 300 });
    const { result } = login({
      approve: 'none',
      afterPoll: (count) => {
        if (count === 1) sim.advanceClock(301_000);
      },
    });
    await expect(result).rejects.toMatchObject({ code: 'auth', message: expect.stringMatching(/expired/) });
    await expect(result).rejects.toHaveProperty('hint', expect.stringMatching(/within 5 minutes/));
  });

  it('rejects a wrong client ID with a hint to copy it from the portal', async () => {
    const attempt = loginWithCarDataDeviceCode({
      clientId: '',
      baseUrl: sim.url,
      onUserCode: () => {},
    });
    await expect(attempt).rejects.toMatchObject({ code: 'auth' });
  });
});

describe('CarData token rotation', () => {
  it('rotates all three tokens on refresh and stores the new refresh token before using it', async () => {
    const store = new MemoryTokenStore();
    const first = await login({ store }).result;
    const saved: CarDataTokens[] = [];
    const recordingStore = {
      load: () => store.load(),
      save: async (tokens: CarDataTokens) => {
        saved.push(tokens);
        await store.save(tokens);
      },
    };
    const session = new CarDataSession({ tokenStore: recordingStore, baseUrl: sim.url });
    const rotated = await session.refresh();
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.accessToken).not.toBe(first.accessToken);
    expect(rotated.idToken).not.toBe(first.idToken);
    expect(saved).toEqual([rotated]);
    // The old refresh token is dead; a session holding only it must log in again.
    const stale = new CarDataSession({ tokenStore: new MemoryTokenStore(first), baseUrl: sim.url });
    await expect(stale.refresh()).rejects.toMatchObject({
      code: 'auth',
      hint: expect.stringMatching(/rotate/),
    });
  });

  it('refreshes ahead of expiry and never leaks a token in its errors', async () => {
    const store = new MemoryTokenStore();
    const tokens = await login({ store }).result;
    let now = Date.now();
    const session = new CarDataSession({ tokenStore: store, baseUrl: sim.url, now: () => now });
    expect((await session.tokens()).accessToken).toBe(tokens.accessToken);
    now = tokens.expiresAt - 60_000; // inside the 10-minute margin
    const fresh = await session.tokens();
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect((await store.load()) as CarDataTokens).toMatchObject({ refreshToken: fresh.refreshToken });

    await control('revoke', {});
    now = fresh.expiresAt;
    const failure = await session.tokens().catch((error: unknown) => error);
    const text = `${String(failure)} ${JSON.stringify(failure)}`;
    for (const secret of [fresh.accessToken, fresh.idToken, fresh.refreshToken, tokens.refreshToken]) {
      expect(text).not.toContain(secret);
    }
  });
});
