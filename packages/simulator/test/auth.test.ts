import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, type Simulator, startSimulator } from '../src/index';
import { api, authenticateStep1, json, loginGcdm, oauthConfig, refreshGcdm } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

describe('OAuth config', () => {
  it('requires a valid subscription key and points every endpoint back at the simulator', async () => {
    const missing = await fetch(`${sim.url}/eadrax-ucs/v1/presentation/oauth/config`);
    expect(missing.status).toBe(401);
    expect((await json(missing)).message).toContain('missing subscription key');
    const wrong = await fetch(`${sim.url}/eadrax-ucs/v1/presentation/oauth/config`, {
      headers: { 'ocp-apim-subscription-key': 'not-a-key' },
    });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).message).toContain('invalid subscription key');
    const row = await oauthConfig(sim.url, 'row');
    const na = await oauthConfig(sim.url, 'na');
    expect(row.tokenEndpoint).toBe(`${sim.url}/gcdm/oauth/token`);
    expect(row.gcdmBaseUrl).toBe(sim.url);
    expect(row.clientId).not.toBe(na.clientId);
    expect(row.scopes).toContain('vehicle_data');
  });
});

describe('GCDM login', () => {
  it.each(['row', 'na'] as const)('runs the full %s login and the token opens the API', async (region) => {
    const tokens = await loginGcdm(sim.url, region, DEMO_ACCOUNT);
    expect(tokens.expires_in).toBe(28799);
    expect(tokens.gcid).toMatch(/^[0-9a-f-]{36}$/);
    const list = await api(sim.url, tokens.access_token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST' });
    expect(list.status).toBe(200);
    const body = await json<{ gcid: string; mappingInfos: Array<{ vin: string }> }>(list);
    expect(body.gcid).toBe(tokens.gcid);
    expect(body.mappingInfos.map((info) => info.vin)).toContain(EV_VIN);
  });

  it('answers a wrong password with GCDM invalid_client', async () => {
    const config = await oauthConfig(sim.url, 'row');
    const response = await authenticateStep1(
      sim.url,
      config,
      { username: DEMO_ACCOUNT.username, password: 'wrong' },
      'P1_token',
      'challenge',
    );
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(body.error).toBe('invalid_client');
    expect(typeof body.error_description).toBe('string');
  });

  it('refuses a login without an hCaptcha token', async () => {
    const config = await oauthConfig(sim.url, 'row');
    const missing = await authenticateStep1(sim.url, config, DEMO_ACCOUNT, undefined, 'challenge');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await json(missing))).toContain('hCaptcha');
    const empty = await authenticateStep1(sim.url, config, DEMO_ACCOUNT, '', 'challenge');
    expect(empty.status).toBe(400);
  });

  it('accepts one captcha token again and again by default', async () => {
    expect(sim.captcha).toBe('reusable');
    const config = await oauthConfig(sim.url, 'row');
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await authenticateStep1(sim.url, config, DEMO_ACCOUNT, 'P1_same', 'challenge')).status).toBe(
        200,
      );
    }
  });

  it('refuses a presented captcha token with captcha: single-use, even after a failed login', async () => {
    const strict = await startSimulator({ fingerprints: writeSyntheticFleet(), captcha: 'single-use' });
    try {
      expect(strict.captcha).toBe('single-use');
      const config = await oauthConfig(strict.url, 'row');
      const wrongPassword = { username: DEMO_ACCOUNT.username, password: 'wrong' };
      expect((await authenticateStep1(strict.url, config, wrongPassword, 'P1_a', 'c')).status).toBe(401);
      const reused = await authenticateStep1(strict.url, config, DEMO_ACCOUNT, 'P1_a', 'c');
      expect(reused.status).toBe(400);
      expect(await json(reused)).toMatchObject({ error: 'invalid_request' });
      expect((await authenticateStep1(strict.url, config, DEMO_ACCOUNT, 'P1_b', 'c')).status).toBe(200);
      expect((await authenticateStep1(strict.url, config, DEMO_ACCOUNT, 'P1_b', 'c')).status).toBe(400);
      // A reset forgets the spent tokens along with every other token.
      strict.reset();
      expect((await authenticateStep1(strict.url, config, DEMO_ACCOUNT, 'P1_b', 'c')).status).toBe(200);
      const info = await json(await fetch(`${strict.url}/_simulator/info`));
      expect(info.captcha).toBe('single-use');
    } finally {
      await strict.stop();
    }
  });

  it('refuses an unknown captcha policy', async () => {
    await expect(
      startSimulator({ fingerprints: writeSyntheticFleet(), captcha: 'twice' as 'reusable' }),
    ).rejects.toThrow('single-use or reusable');
  });

  it('checks the PKCE verifier and the Basic client credentials at the token endpoint', async () => {
    const config = await oauthConfig(sim.url, 'row');
    const step1 = await authenticateStep1(
      sim.url,
      config,
      DEMO_ACCOUNT,
      'P1',
      'a-challenge-that-will-not-match',
    );
    const { redirect_to } = await json<{ redirect_to: string }>(step1);
    const authorization = new URLSearchParams(redirect_to.slice(redirect_to.indexOf('?') + 1)).get(
      'authorization',
    );
    const step2 = await fetch(`${sim.url}/gcdm/oauth/authenticate`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ client_id: config.clientId, authorization: authorization ?? '' }),
    });
    expect(step2.status).toBe(302);
    expect(step2.headers.get('location')).toMatch(/^com\.bmw\.connected:\/\/oauth\?code=/);
    const code = new URL(step2.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const form = {
      code,
      code_verifier: 'wrong',
      redirect_uri: config.returnUrl,
      grant_type: 'authorization_code',
    };
    const noBasic = await fetch(config.tokenEndpoint, { method: 'POST', body: new URLSearchParams(form) });
    expect(noBasic.status).toBe(401);
    expect((await json(noBasic)).error).toBe('invalid_client');
    const badVerifier = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams(form),
    });
    expect(badVerifier.status).toBe(400);
    expect((await json(badVerifier)).error).toBe('invalid_grant');
  });

  it('rotates refresh tokens and refuses a spent one', async () => {
    const { config, refresh_token, access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    const first = await refreshGcdm(config, refresh_token);
    expect(first.status).toBe(200);
    const rotated = await json<{ access_token: string; refresh_token: string }>(first);
    expect(rotated.refresh_token).not.toBe(refresh_token);
    expect(rotated.access_token).not.toBe(access_token);
    const reused = await refreshGcdm(config, refresh_token);
    expect(reused.status).toBe(400);
    expect((await json(reused)).error).toBe('invalid_grant');
    expect((await refreshGcdm(config, rotated.refresh_token)).status).toBe(200);
  });

  it('hands clients a clock that follows advanceClock and setClock', async () => {
    const start = Date.UTC(2026, 11, 1, 8, 0, 0);
    const fixed = await startSimulator({ fingerprints: writeSyntheticFleet(), clock: () => start });
    try {
      const { now, sleep } = fixed.clock;
      expect(now()).toBe(start);
      fixed.advanceClock(3_600_000);
      expect(now()).toBe(start + 3_600_000);
      fixed.setClock(new Date(Date.UTC(2030, 0, 1)));
      expect(now()).toBe(Date.UTC(2030, 0, 1));
      expect(now()).toBe(fixed.now());
      await expect(sleep(1)).resolves.toBeUndefined();
    } finally {
      await fixed.stop();
    }
  });

  it('expires access tokens after the token lifetime, then the API answers 401', async () => {
    const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    const state = () => api(sim.url, access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN });
    expect((await state()).status).toBe(200);
    sim.advanceClock(28799 * 1000 + 1);
    const expired = await state();
    expect(expired.status).toBe(401);
    expect((await json(expired)).message).toContain('expired');
  });

  it('honours a configured token lifetime and accounts', async () => {
    const custom = await startSimulator({
      fingerprints: writeSyntheticFleet(),
      tokenLifetimeSeconds: 60,
      accounts: [{ username: 'alice@example.com', password: 'alice-pw', vins: [EV_VIN] }],
    });
    try {
      expect(custom.demoAccount).toBeUndefined();
      await expect(loginGcdm(custom.url, 'row', DEMO_ACCOUNT)).rejects.toThrow('authenticate 401');
      const tokens = await loginGcdm(custom.url, 'row', {
        username: 'alice@example.com',
        password: 'alice-pw',
      });
      expect(tokens.expires_in).toBe(60);
      const list = await json<{ mappingInfos: Array<{ vin: string }> }>(
        await api(custom.url, tokens.access_token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST' }),
      );
      expect(list.mappingInfos.map((info) => info.vin)).toEqual([EV_VIN]);
      custom.advanceClock(61_000);
      expect(
        (await api(custom.url, tokens.access_token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST' }))
          .status,
      ).toBe(401);
    } finally {
      await custom.stop();
    }
  });

  it('rejects API calls without or with an unknown Bearer token', async () => {
    const none = await fetch(`${sim.url}/eadrax-vcs/v5/vehicle-list`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await api(sim.url, 'made-up', '/eadrax-vcs/v5/vehicle-list', { method: 'POST' })).status).toBe(
      401,
    );
  });
});
