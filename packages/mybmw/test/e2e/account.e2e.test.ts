import type { MyBMWAuthenticator } from '@bimmer/auth';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  BimmerQuotaError,
  type CapturedResponse,
} from '@bimmer/core';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAccount } from '../../src/index';
import {
  apiRequests,
  DEMO,
  hasChargingDetails,
  servedState,
  simulatorAccount,
  startTestSimulator,
} from './simulator-fixture';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

const VEHICLE_LIST = '/eadrax-vcs/v5/vehicle-list';
const PROFILE = '/eadrax-vcs/v5/vehicle-data/profile';
const STATE = '/eadrax-vcs/v4/vehicles/state';
const CHARGING = '/eadrax-crccs/v2/vehicles';

describe('MyBMWAccount against the simulator', () => {
  it('loads the whole fleet with the served values', async () => {
    const account = simulatorAccount(sim);
    const vehicles = await account.getVehicles();
    expect(vehicles.map((v) => v.vin).sort()).toEqual(sim.vins());
    expect(account.lastLoad?.failures).toEqual([]);
    for (const vehicle of vehicles) {
      const served = servedState(sim, vehicle.vin);
      expect(vehicle.name.length).toBeGreaterThan(0);
      expect(vehicle.capabilities).toEqual(served.capabilities);
      expect(vehicle.state).toEqual(served.state);
      expect(vehicle.chargingSettings === null).toBe(!hasChargingDetails(sim, vehicle.vin));
      expect(vehicle.snapshot.vin).toBe(vehicle.vin);
      const mileage = served.state.currentMileage;
      if (typeof mileage === 'number') expect(vehicle.mileage?.value).toBe(mileage);
      // bimmer_connected's properties, camelCase, read from the served documents.
      expect(vehicle.isRemoteLockEnabled).toBe(served.capabilities.lock === true);
      expect(vehicle.isRemoteHornEnabled).toBe(served.capabilities.horn === true);
      expect(vehicle.isRemoteClimateStopEnabled).toBe('climateControlState' in served.state);
      expect(vehicle.isLscEnabled).toBe(served.state.isLscSupported === true);
      const charging = served.state.electricChargingState as { chargingLevelPercent?: unknown } | undefined;
      if (vehicle.hasElectricDrivetrain && typeof charging?.chargingLevelPercent === 'number') {
        expect(vehicle.fuelAndBattery?.remainingBatteryPercent).toBe(
          Math.trunc(charging.chargingLevelPercent),
        );
      }
      expect(vehicle.availableAttributes.slice(0, 2)).toEqual(['gpsPosition', 'vin']);
      expect(vehicle.data.attributes.model).toBe(vehicle.name);
      expect(JSON.parse(JSON.stringify(vehicle)).vin).toBe(vehicle.vin);
    }
    expect(new Set(vehicles.map((v) => v.brand))).toEqual(new Set(['bmw', 'mini', 'toyota']));
  });

  it('keeps the state and profile responses as received; only the parity getters leave out the VIN', async () => {
    const account = simulatorAccount(sim);
    const vehicles = await account.getVehicles();
    for (const vehicle of vehicles) {
      // The whole state response, not a re-wrapped { capabilities, state }.
      expect(vehicle.stateData?.response).toEqual(sim.state(vehicle.vin));
      expect(vehicle.stateData?.capabilities).toEqual(servedState(sim, vehicle.vin).capabilities);
      expect(vehicle.profile.vin).toBeUndefined();
      expect(vehicle.data.attributes.vin).toBeUndefined();
      expect(vehicle.snapshot.vin).toBe(vehicle.vin);
    }
  });

  it('maps the Toyota Supra (profile brand DRITTKUNDE) to toyota, in the model and on the wire', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    const supra = account.getVehicle('WZ100000BIMMER009');
    expect(supra?.brand).toBe('toyota');
    const stateRequests = sim
      .requests()
      .filter((r) => r.path === STATE && r.headers['bmw-vin'] === supra?.vin);
    expect(stateRequests.map((r) => r.headers['x-user-agent']?.split(';')[1])).toEqual(['toyota']);
  });

  it('finds vehicles case-insensitively and gives undefined for unknown VINs', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    const [vin] = sim.vins();
    expect(account.getVehicle(vin?.toLowerCase() ?? '')?.vin).toBe(vin);
    expect(account.getVehicle('WBA0000000INVALID')).toBeUndefined();
  });

  it('keeps to the request budget: first load 3 + 2N + C, refresh N + C, never a request twice', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    const n = sim.vins().length;
    const c = sim.vins().filter((vin) => hasChargingDetails(sim, vin)).length;
    const first = apiRequests(sim);
    expect(first.filter((r) => r.path === VEHICLE_LIST)).toHaveLength(3);
    expect(first.filter((r) => r.path === PROFILE)).toHaveLength(n);
    expect(first.filter((r) => r.path === STATE)).toHaveLength(n);
    expect(first.filter((r) => r.path === CHARGING)).toHaveLength(c);
    expect(first).toHaveLength(3 + 2 * n + c);
    expect(account.lastLoad?.requests).toBe(first.length);

    sim.clearRequests();
    await account.getVehicles();
    const refresh = apiRequests(sim);
    expect(refresh).toHaveLength(n + c);
    expect(refresh.every((r) => r.path === STATE || r.path === CHARGING)).toBe(true);
    const keys = refresh.map((r) => `${r.path} ${r.vin}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The second load reuses the session: no login request.
    expect(sim.requests()).toHaveLength(refresh.length);
  });

  it('sends the lists at once and then at most `concurrency` requests at a time', async () => {
    const slow = await startTestSimulator({ latencyMs: 20 });
    try {
      for (const concurrency of [1, 4]) {
        let active = 0;
        let peak = 0;
        const countingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
          const url = input instanceof Request ? input.url : String(input);
          const api = new URL(url).pathname.startsWith('/eadrax-vcs');
          if (api) peak = Math.max(peak, ++active);
          try {
            return await fetch(input, init);
          } finally {
            if (api) active--;
          }
        }) as typeof fetch;
        slow.reset();
        await simulatorAccount(slow, { fetch: countingFetch, concurrency }).getVehicles();
        expect(peak).toBe(Math.max(3, concurrency));
      }
    } finally {
      await slow.stop();
    }
  });

  it('keeps the healthy vehicles when one vehicle still fails after its 3 tries', async () => {
    sim.addFault(`500@${STATE}*3`);
    // One vehicle at a time, so the three faults hit the three tries of the first vehicle.
    const account = simulatorAccount(sim, { concurrency: 1 });
    const vehicles = await account.getVehicles();
    expect(vehicles).toHaveLength(sim.vins().length);
    const failures = account.lastLoad?.failures ?? [];
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toBeInstanceOf(BimmerApiError);
    const failed = account.getVehicle(failures[0]?.subject ?? '');
    expect(failed?.lastError).toBeInstanceOf(BimmerApiError);
    expect(failed?.stateData).toBeUndefined();
    expect(vehicles.filter((v) => v.stateData !== undefined)).toHaveLength(sim.vins().length - 1);
    // The failed vehicle's charging details are never asked for.
    expect(apiRequests(sim).filter((r) => r.path === CHARGING && r.vin === failed?.vin)).toHaveLength(0);
  });

  it('fails when every vehicle fails', async () => {
    sim.addFault(`500@${STATE}`);
    await expect(simulatorAccount(sim).getVehicles()).rejects.toBeInstanceOf(BimmerApiError);
  });

  it('propagates a quota error of a single vehicle and stops loading', async () => {
    sim.addFault(`quota@${STATE}*1`);
    const error = (await simulatorAccount(sim)
      .getVehicles()
      .catch((e: unknown) => e)) as BimmerQuotaError;
    expect(error).toBeInstanceOf(BimmerQuotaError);
    expect(error.retryAt).toBeInstanceOf(Date);
  });

  it('propagates a blocked client', async () => {
    sim.addFault(`blocked@${VEHICLE_LIST}*1`);
    await expect(simulatorAccount(sim).getVehicles()).rejects.toBeInstanceOf(BimmerBlockedError);
  });

  it('renews the token after one 401 and fails with BimmerAuthError when it persists', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    sim.addFault(`401@${STATE}*1`);
    await expect(account.getVehicles()).resolves.toHaveLength(sim.vins().length);
    sim.clearFaults();
    sim.addFault(`401@${STATE}`);
    await expect(account.getVehicles()).rejects.toBeInstanceOf(BimmerAuthError);
  });

  it('needs a captcha token for the first login', async () => {
    const account = new MyBMWAccount({
      username: DEMO.username,
      password: DEMO.password,
      region: 'row',
      baseUrl: sim.url,
    });
    await expect(account.getVehicles()).rejects.toBeInstanceOf(BimmerCaptchaRequiredError);
    expect(apiRequests(sim)).toHaveLength(0);
  });

  it('restores a session from a refresh token: no captcha, no password login', async () => {
    const first = simulatorAccount(sim);
    expect(first.refreshToken).toBeUndefined();
    await first.getVehicles();
    const { refreshToken, gcid } = first;
    if (refreshToken === undefined) throw new Error('no refresh token after a login');
    const restored = new MyBMWAccount({
      username: DEMO.username,
      password: DEMO.password,
      region: 'row',
      baseUrl: sim.url,
    });
    restored.setRefreshToken(refreshToken, gcid);
    sim.clearRequests();
    await expect(restored.getVehicles()).resolves.toHaveLength(sim.vins().length);
    const paths = sim.requests().map((r) => r.path);
    // A refresh grant (after the OAuth config that names the client), not the captcha login.
    expect(paths).toContain('/gcdm/oauth/token');
    expect(paths).not.toContain('/gcdm/oauth/authenticate');
    expect(restored.refreshToken).not.toBe(refreshToken); // refresh tokens rotate
    expect(restored.gcid).toBe(gcid);
  });

  it('waits what the server asks after a 429 and then succeeds', async () => {
    sim.addFault(`429@${VEHICLE_LIST}*2`);
    const sleeps: number[] = [];
    const account = simulatorAccount(sim, { sleep: async (ms) => void sleeps.push(ms) });
    await expect(account.getVehicles()).resolves.toHaveLength(sim.vins().length);
    // "Try again in 1 seconds." -> 1 s, for each of the two 429s.
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('gives up on 429s after maxRetries with a BimmerQuotaError', async () => {
    sim.addFault(`429@${VEHICLE_LIST}`);
    const account = simulatorAccount(sim, { sleep: async () => {}, maxRetries: 2 });
    await expect(account.getVehicles()).rejects.toBeInstanceOf(BimmerQuotaError);
    expect(apiRequests(sim).filter((r) => r.path === VEHICLE_LIST)).toHaveLength(3 * 3);
  });

  it('captures every response for fingerprints, with request paths and VINs and without secrets', async () => {
    const seen: CapturedResponse[] = [];
    const account = simulatorAccount(sim, { logResponses: true, onResponse: (r) => seen.push(r) });
    await account.getVehicles();
    await account.getVehicles();
    expect(account.responses).toHaveLength(apiRequests(sim).length);
    expect(seen).toEqual(account.responses);
    const profile = account.responses.find((r) => r.path === PROFILE);
    expect(profile?.vinHeader).toMatch(/^[A-Z0-9]{17}$/);
    expect(profile?.contentType).toContain('json');
    const state = account.responses.find((r) => r.path === STATE);
    expect(Object.keys(state?.query ?? {}).sort()).toEqual(['appDateTime', 'apptimezone']);
    const dump = JSON.stringify(account.responses);
    const accessToken = (account.authenticator as MyBMWAuthenticator).tokens.accessToken ?? 'missing';
    for (const secret of [DEMO.password, DEMO.captchaToken, accessToken]) expect(dump).not.toContain(secret);
  });

  it('never puts secrets into errors or vehicle JSON', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    sim.addFault(`401@${STATE}`);
    const error = (await account.getVehicles().catch((e: unknown) => e)) as Error;
    for (const text of [error.message, JSON.stringify(error), JSON.stringify(account.vehicles)]) {
      expect(text).not.toContain(DEMO.password);
      expect(text).not.toContain(DEMO.captchaToken);
      expect(text).not.toMatch(/Bearer\s+\S/);
    }
  });

  it('fetches vehicle images as PNG bytes with the image headers', async () => {
    const account = simulatorAccount(sim);
    const [vehicle] = await account.getVehicles();
    const image = (await vehicle?.getVehicleImage('FrontView')) ?? new Uint8Array();
    expect(Array.from(image.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const request = sim.requests().at(-1);
    expect(request?.query).toEqual({ carView: 'FrontView', toCrop: 'true' });
    expect(request?.headers.accept).toBe('image/png');
    expect(request?.headers['bmw-app-vehicle-type']).toBe('connected');
  });

  it('sends the default headers on every API request', async () => {
    const account = simulatorAccount(sim);
    await account.getVehicles();
    const requests = sim.requests().filter((r) => r.path.startsWith('/eadrax-vcs'));
    for (const request of requests) {
      expect(request.headers['x-user-agent']).toMatch(
        /^android\(AP2A\.\d{6}\.\d{3}\);(bmw|mini|toyota);4\.9\.2\(36892\);row$/,
      );
      expect(request.headers['bmw-units-preferences']).toBe('d=KM;v=L;p=B;ec=KWH100KM;fc=L100KM;em=GKM;');
      expect(request.headers['24-hour-format']).toBe('true');
      expect(request.headers['accept-language']).toBe('en');
      expect(request.headers['x-correlation-id']).toBe(request.headers['bmw-correlation-id']);
      expect(request.headers['bmw-session-id']).toBeTruthy();
    }
    const buildStrings = new Set(requests.map((r) => /\((.*?)\)/.exec(r.headers['x-user-agent'] ?? '')?.[1]));
    expect(buildStrings.size).toBe(1);
  });
});
