import { constants, publicEncrypt } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, generateChinaLoginNonce, type Simulator, startSimulator } from '../src/index';
import { api, chinaHeaders, chinaLoginResponse, json, loginChina, solveChinaCaptcha } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

function jwtPayload(token: string): Record<string, number> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function refresh(refreshToken: string, gcid: string, at = new Date()): Promise<Response> {
  return fetch(`${sim.url}/eadrax-coas/v2/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-login-nonce': generateChinaLoginNonce(gcid, at),
    },
    body: new URLSearchParams({ refresh_token: refreshToken, grant_type: 'refresh_token' }),
  });
}

describe('China login', () => {
  it('serves an RSA public key as PEM with CRLF line breaks', async () => {
    const body = await json<{ data: { value: string; expires: string }; code: number }>(
      await fetch(`${sim.url}/eadrax-coas/v1/cop/publickey`),
    );
    expect(body.code).toBe(200);
    expect(body.data.value).toMatch(/^-----BEGIN PUBLIC KEY-----\r\n/);
    expect(body.data.expires).toBe('3600');
  });

  it('logs in with password, solved captcha and nonce, and issues JWTs carrying exp', async () => {
    const tokens = await loginChina(sim.url, DEMO_ACCOUNT);
    const payload = jwtPayload(tokens.access_token);
    expect(payload.exp).toBe((payload.iat ?? 0) + 28799);
    expect(Math.abs((payload.iat ?? 0) * 1000 - Date.now())).toBeLessThan(60_000);
    const state = await api(sim.url, tokens.access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN });
    expect(state.status).toBe(200);
  });

  it('refuses a wrong password with the China error shape', async () => {
    const response = await chinaLoginResponse(sim.url, { username: DEMO_ACCOUNT.username, password: 'nope' });
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(body).toMatchObject({ data: null, code: 699121, error: true });
  });

  it('refuses a nonce older than 5 minutes', async () => {
    const stale = new Date(Date.now() - 6 * 60 * 1000);
    const response = await chinaLoginResponse(sim.url, DEMO_ACCOUNT, stale);
    expect(response.status).toBe(422);
    expect((await json(response)).description).toContain('nonce');
  });

  it('refuses a nonce made for another user', async () => {
    const key = await json<{ data: { value: string } }>(
      await fetch(`${sim.url}/eadrax-coas/v1/cop/publickey`),
    );
    const password = publicEncrypt(
      { key: key.data.value, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(DEMO_ACCOUNT.password),
    ).toString('base64');
    const verifyId = await solveChinaCaptcha(sim.url, DEMO_ACCOUNT.username);
    const response = await fetch(`${sim.url}/eadrax-coas/v2/login/pwd`, {
      method: 'POST',
      headers: chinaHeaders({ 'x-login-nonce': generateChinaLoginNonce('8613000000000', new Date()) }),
      body: JSON.stringify({ mobile: DEMO_ACCOUNT.username, password, verifyId, deviceId: 'x' }),
    });
    expect(response.status).toBe(422);
  });

  it('accepts only a captcha position within tolerance, once', async () => {
    const captcha = await json<{ data: { verifyId: string; backGroundImg: string; cutImg: string } }>(
      await fetch(`${sim.url}/eadrax-coas/v2/cop/slider-captcha`, {
        method: 'POST',
        headers: chinaHeaders(),
        body: JSON.stringify({ mobile: DEMO_ACCOUNT.username }),
      }),
    );
    expect(Buffer.from(captcha.data.backGroundImg, 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );
    const check = (position: string) =>
      fetch(`${sim.url}/eadrax-coas/v1/cop/check-captcha`, {
        method: 'POST',
        headers: chinaHeaders(),
        body: JSON.stringify({ position, verifyId: captcha.data.verifyId }),
      });
    const wrong = await check('0.05');
    expect(wrong.status).toBe(422);
    // A wrong answer burns the captcha: even the right one fails now.
    expect((await check('0.5')).status).toBe(422);
  });

  it('refuses a login whose captcha was never checked', async () => {
    const response = await fetch(`${sim.url}/eadrax-coas/v2/login/pwd`, {
      method: 'POST',
      headers: chinaHeaders({ 'x-login-nonce': generateChinaLoginNonce(DEMO_ACCOUNT.username, new Date()) }),
      body: JSON.stringify({
        mobile: DEMO_ACCOUNT.username,
        password: 'x',
        verifyId: 'unknown',
        deviceId: 'x',
      }),
    });
    expect(response.status).toBe(422);
  });

  it('refreshes with the gcid nonce, rotates, and refuses the spent token', async () => {
    const tokens = await loginChina(sim.url, DEMO_ACCOUNT);
    const first = await refresh(tokens.refresh_token, tokens.gcid);
    expect(first.status).toBe(200);
    const rotated = await json<{
      access_token: string;
      refresh_token: string;
      expires_in: number;
      gcid: string;
    }>(first);
    expect(rotated.gcid).toBe(tokens.gcid);
    expect(rotated.expires_in).toBe(28799);
    expect(jwtPayload(rotated.access_token).exp).toBeGreaterThan(0);
    expect((await refresh(tokens.refresh_token, tokens.gcid)).status).toBe(400);
    const wrongNonce = await refresh(rotated.refresh_token, 'not-the-gcid');
    expect(wrongNonce.status).toBe(400);
    expect((await refresh(rotated.refresh_token, tokens.gcid)).status).toBe(200);
  });

  it('expires China access tokens with the simulator clock', async () => {
    const tokens = await loginChina(sim.url, DEMO_ACCOUNT);
    sim.advanceClock(28800 * 1000);
    expect(
      (await api(sim.url, tokens.access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN })).status,
    ).toBe(401);
  });
});
