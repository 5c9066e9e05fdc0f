import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, generateChinaLoginNonce, type Simulator, startSimulator } from '../src/index';
import { api, loginChina, loginGcdm, refreshGcdm } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});

describe('request log', () => {
  it('records method, path, query, headers, status and time of every request', async () => {
    sim.reset();
    const before = Date.now();
    const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    await api(sim.url, access_token, '/eadrax-vcs/v4/vehicles/state?apptimezone=0&appDateTime=5', {
      vin: EV_VIN,
    });
    const log = sim.requests();
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'GET /eadrax-ucs/v1/presentation/oauth/config 200',
      'POST /gcdm/oauth/authenticate 200',
      'POST /gcdm/oauth/authenticate 302',
      'POST /gcdm/oauth/token 200',
      'GET /eadrax-vcs/v4/vehicles/state 200',
    ]);
    const last = log.at(-1);
    expect(last?.query).toEqual({ apptimezone: '0', appDateTime: '5' });
    expect(last?.headers['bmw-vin']).toBe(EV_VIN);
    expect(last?.headers.authorization).toBe('***');
    expect(Date.parse(last?.time ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(last?.handledBy).toBe('mybmw');
    const remote = await fetch(`${sim.url}/_simulator/requests`);
    expect(await remote.json()).toEqual(log);
  });

  it('never shows a password, token, captcha token, code or nonce', async () => {
    sim.reset();
    const gcdm = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    const refreshed = (await (await refreshGcdm(gcdm.config, gcdm.refresh_token)).json()) as {
      refresh_token: string;
    };
    const china = await loginChina(sim.url, DEMO_ACCOUNT);
    await fetch(`${sim.url}/eadrax-coas/v2/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-login-nonce': generateChinaLoginNonce(china.gcid, new Date()),
      },
      body: new URLSearchParams({ refresh_token: china.refresh_token, grant_type: 'refresh_token' }),
    });
    const text = JSON.stringify(sim.requests());
    for (const secret of [
      DEMO_ACCOUNT.password,
      gcdm.access_token,
      gcdm.refresh_token,
      refreshed.refresh_token,
      gcdm.config.clientSecret,
      china.access_token,
      china.refresh_token,
      'P1_captcha-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    const authenticate = sim.requests().find((entry) => entry.path === '/gcdm/oauth/authenticate');
    expect(authenticate?.headers.hcaptchatoken).toBe('***');
    expect(authenticate?.body).toMatchObject({ username: DEMO_ACCOUNT.username, password: '***' });
    const login = sim.requests().find((entry) => entry.path === '/eadrax-coas/v2/login/pwd');
    expect(login?.headers['x-login-nonce']).toBe('***');
    expect(login?.body).toMatchObject({ password: '***' });
  });

  it('can be cleared', async () => {
    await fetch(`${sim.url}/eadrax-ucs/v1/presentation/oauth/config`);
    expect(sim.requests().length).toBeGreaterThan(0);
    expect((await fetch(`${sim.url}/_simulator/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.requests()).toEqual([]);
  });
});
