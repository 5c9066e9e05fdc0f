import { MyBMWAuthenticator } from '@bimmer/auth';
import { BimmerAuthError } from '@bimmer/core';
import { gcj02ToWgs84 } from '@bimmer/core/internal';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAccount, Regions } from '../../src/index';
import { apiRequests, servedState, startTestSimulator } from './simulator-fixture';

/** A China account of our own: a phone number with the 86 prefix and a password that appears nowhere else. */
const CHINA = { username: '8613900000042', password: 'Cn-e2e-Secret-Never-Logged' };

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ accounts: [CHINA], chinaCaptcha: 'generated' });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

const chinaAccount = (password = CHINA.password) =>
  new MyBMWAccount({ username: CHINA.username, password, region: Regions.CHINA, baseUrl: sim.url });

/** The served WGS-84-or-GCJ-02 coordinates of a vehicle, when it has a position. */
function servedPosition(vin: string): { latitude: number; longitude: number } | undefined {
  const location = servedState(sim, vin).state.location as
    | { coordinates?: { latitude: number; longitude: number } }
    | undefined;
  return location?.coordinates;
}

describe('MyBMWAccount in China against the simulator', () => {
  it('logs in with the China flow (public key, slider captcha, password login) and loads the fleet', async () => {
    const account = chinaAccount();
    const vehicles = await account.getVehicles();
    expect(vehicles.map((v) => v.vin).sort()).toEqual(sim.vins());
    expect(account.lastLoad?.failures).toEqual([]);
    const login = sim
      .requests()
      .filter((r) => r.path.startsWith('/eadrax-coas'))
      .map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(login).toEqual([
      'GET /eadrax-coas/v1/cop/publickey 200',
      'POST /eadrax-coas/v2/cop/slider-captcha 200',
      'POST /eadrax-coas/v1/cop/check-captcha 200',
      'POST /eadrax-coas/v2/login/pwd 200',
    ]);
    // No GCDM login, and every API request says it comes from a China app.
    expect(sim.requests().filter((r) => r.path.startsWith('/gcdm'))).toHaveLength(0);
    for (const request of sim.requests().filter((r) => r.path.startsWith('/eadrax-vcs'))) {
      expect(request.headers['x-user-agent']).toMatch(/;4\.9\.2\(36892\);cn$/);
    }
    expect(account.gcid).toBeTruthy();
    expect(account.refreshToken).toBeTruthy();
  });

  it('converts GCJ-02 positions to WGS-84, and only inside China', async () => {
    const china = await chinaAccount().getVehicles();
    let converted = 0;
    for (const vehicle of china) {
      const served = servedPosition(vehicle.vin);
      if (served === undefined) continue;
      const expected = gcj02ToWgs84(served);
      expect(vehicle.vehicleLocation?.accountRegion).toBe('china');
      expect(vehicle.vehicleLocation?.location?.latitude).toBeCloseTo(expected.latitude, 9);
      expect(vehicle.vehicleLocation?.location?.longitude).toBeCloseTo(expected.longitude, 9);
      const moved =
        Math.abs(expected.latitude - served.latitude) + Math.abs(expected.longitude - served.longitude);
      if (moved > 1e-4) converted++;
    }
    // The fleet has a vehicle in China (its position visibly moves) and vehicles elsewhere (unchanged).
    expect(converted).toBeGreaterThan(0);
    expect(converted).toBeLessThan(china.length);
  });

  it('keeps the served coordinates for a rest-of-world account on the same fleet', async () => {
    sim.reset();
    const row = new MyBMWAccount({
      username: CHINA.username,
      password: CHINA.password,
      captchaToken: 'any-token',
      region: Regions.REST_OF_WORLD,
      baseUrl: sim.url,
    });
    for (const vehicle of await row.getVehicles()) {
      const served = servedPosition(vehicle.vin);
      if (served === undefined) continue;
      expect(vehicle.vehicleLocation?.location).toEqual(served);
    }
  });

  it('renews an expired China token with the China refresh grant, not a new password login', async () => {
    // The authenticator shares the simulator's clock, so jumping past the token lifetime keeps the
    // login nonce (checked against that clock) fresh.
    const authenticator = new MyBMWAuthenticator({
      ...CHINA,
      region: Regions.CHINA,
      baseUrl: sim.url,
      clock: { now: () => sim.now(), sleep: async () => {} },
    });
    const account = new MyBMWAccount({ region: Regions.CHINA, authenticator, baseUrl: sim.url });
    await account.getVehicles();
    const firstRefreshToken = account.refreshToken;
    sim.clearRequests();
    sim.advanceClock(9 * 3600 * 1000); // past the 8-hour token lifetime
    await expect(account.getVehicles()).resolves.toHaveLength(sim.vins().length);
    const login = sim.requests().filter((r) => r.path.startsWith('/eadrax-coas'));
    expect(login.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /eadrax-coas/v2/oauth/token 200',
    ]);
    expect(account.refreshToken).toBeTruthy();
    expect(account.refreshToken).not.toBe(firstRefreshToken);
    expect(apiRequests(sim).every((r) => r.status === 200)).toBe(true);
  });

  it('fails a wrong password with BimmerAuthError that does not contain it', async () => {
    const wrong = 'Cn-Wrong-Password-123';
    const error = (await chinaAccount(wrong)
      .getVehicles()
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(BimmerAuthError);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrong);
    expect(apiRequests(sim)).toHaveLength(0);
  });
});
