/**
 * Transient faults against the simulator over real HTTP: every read is retried with backoff, what
 * still fails is reported precisely in `lastLoad`, and one vehicle can be loaded by VIN without
 * depending on every list. Counts come from the simulator's request log.
 */
import { BimmerApiError, type BimmerError, isBimmerError } from '@bimmer/core';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequests, hasChargingDetails, simulatorAccount, startTestSimulator } from './simulator-fixture';

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

const count = (path: string) => apiRequests(sim).filter((r) => r.path === path).length;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('reads under transient faults', () => {
  it.each([
    ['500', `500@${STATE}*2`, 30_000],
    ['drop', `drop@${STATE}*2`, 30_000],
    ['truncated', `truncated@${STATE}*2`, 30_000],
    ['malformed', `malformed@${STATE}*2`, 30_000],
    ['timeout', `slow=1500@${STATE}*2`, 1000],
  ])('retries a state request after a %s and loads the whole account', async (_, fault, timeoutMs) => {
    sim.addFault(fault);
    const sleeps: number[] = [];
    const account = simulatorAccount(sim, { timeoutMs, sleep: async (ms) => void sleeps.push(ms) });
    const vehicles = await account.getVehicles();
    const n = sim.vins().length;
    expect(vehicles).toHaveLength(n);
    expect(vehicles.every((vehicle) => vehicle.stateData !== undefined)).toBe(true);
    expect(account.lastLoad).toMatchObject({ complete: true, failures: [] });
    // Two tries more than the fault-free budget, each after a jittered backoff of 250–1000 ms.
    expect(count(STATE)).toBe(n + 2);
    expect(sleeps).toHaveLength(2);
    for (const wait of sleeps) expect(wait).toBeGreaterThanOrEqual(250);
    for (const wait of sleeps) expect(wait).toBeLessThanOrEqual(1000);
  });

  it('retries the vehicle lists and a profile, then loads the whole account', async () => {
    sim.addFault(`500@${VEHICLE_LIST}*3`);
    sim.addFault(`drop@${PROFILE}*1`);
    const account = simulatorAccount(sim);
    await account.getVehicles();
    expect(account.lastLoad?.complete).toBe(true);
    expect(count(VEHICLE_LIST)).toBe(6);
    expect(count(PROFILE)).toBe(sim.vins().length + 1);
  });

  it('reports exactly which vehicle state still failed after 3 tries, and keeps the rest', async () => {
    const failing = sim.vins()[3] ?? '';
    sim.addFault(`500@${STATE}#${failing}`);
    const account = simulatorAccount(sim);
    const vehicles = await account.getVehicles();
    const n = sim.vins().length;
    expect(vehicles).toHaveLength(n);
    const report = account.lastLoad;
    expect(report?.complete).toBe(false);
    expect(report?.failures).toHaveLength(1);
    const [failed] = report?.failures ?? [];
    expect(failed).toMatchObject({ part: 'state', subject: failing, vin: failing });
    expect(failed?.error).toBeInstanceOf(BimmerApiError);
    const vehicle = account.getVehicle(failed?.vin ?? '');
    expect(vehicle?.stateData).toBeUndefined();
    expect(vehicle?.lastError).toBe(failed?.error);
    expect(vehicles.filter((v) => v.stateData !== undefined)).toHaveLength(n - 1);
    expect(apiRequests(sim).filter((r) => r.path === STATE && r.vin === failed?.vin)).toHaveLength(3);
    expect(count(STATE)).toBe(n + 2);
    expect(apiRequests(sim).filter((r) => r.path === CHARGING && r.vin === failed?.vin)).toHaveLength(0);
  });

  it('maps a body that stays cut off to the typed API error, never "terminated"', async () => {
    sim.addFault(`truncated@${STATE}*3`);
    const account = simulatorAccount(sim, { concurrency: 1 });
    await account.getVehicles();
    const [failed] = account.lastLoad?.failures ?? [];
    expect(failed?.error).toBeInstanceOf(BimmerApiError);
    expect(failed?.error.message).toMatch(
      /^MyBMW's answer to \/eadrax-vcs\/v4\/vehicles\/state \(HTTP 200\) broke off/,
    );
    expect(failed?.error.message).not.toMatch(/^Unexpected failure/);
  });

  it('reports the vehicle lists that still failed, loads the other brands, and reloads the lists next time', async () => {
    // 7 faults over 3 lists of at most 3 tries each: at least one list (at most two) fails for good.
    sim.addFault(`500@${VEHICLE_LIST}*7`);
    const account = simulatorAccount(sim);
    const vehicles = await account.getVehicles();
    const report = account.lastLoad;
    expect(report?.complete).toBe(false);
    const lists = report?.failures ?? [];
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists.length).toBeLessThanOrEqual(2);
    for (const list of lists) {
      expect(list).toMatchObject({
        part: 'vehicle-list',
        subject: `vehicle-list:${list.brand}`,
        vin: undefined,
      });
      expect(vehicles.filter((vehicle) => vehicle.brand === list.brand)).toEqual([]);
    }
    const failedBrands = new Set(lists.map((list) => list.brand));
    const loaded = new Set(vehicles.map((vehicle) => vehicle.brand));
    for (const brand of ['bmw', 'mini', 'toyota'] as const) {
      if (!failedBrands.has(brand)) expect(loaded.has(brand)).toBe(true);
    }
    expect(count(VEHICLE_LIST)).toBe(9);

    // The next load asks for the lists again (not just the states) and completes the account.
    sim.clearRequests();
    await account.getVehicles();
    expect(account.lastLoad).toMatchObject({ kind: 'initial', complete: true });
    expect(account.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual(sim.vins());
    expect(count(VEHICLE_LIST)).toBe(3);
  });

  it('fails when no list loads at all, and still says which lists failed', async () => {
    sim.addFault(`500@${VEHICLE_LIST}`);
    const account = simulatorAccount(sim);
    const error = await failure(account.getVehicles());
    expect(error).toBeInstanceOf(BimmerApiError);
    expect(account.lastLoad?.complete).toBe(false);
    expect(account.lastLoad?.failures.map((f) => f.subject)).toEqual([
      'vehicle-list:bmw',
      'vehicle-list:mini',
      'vehicle-list:toyota',
    ]);
    expect(count(VEHICLE_LIST)).toBe(9);
  });
});

describe('loadVehicle(vin)', () => {
  it('loads one vehicle without the others: 3 lists, its profile and its state', async () => {
    const vin = sim.vins().find((candidate) => hasChargingDetails(sim, candidate)) ?? '';
    const account = simulatorAccount(sim);
    const vehicle = await account.loadVehicle(vin.toLowerCase());
    expect(vehicle.vin).toBe(vin);
    expect(vehicle.stateData?.response).toEqual(sim.state(vin));
    expect(account.vehicles).toEqual([vehicle]);
    expect(apiRequests(sim).map((r) => r.path)).toEqual([
      VEHICLE_LIST,
      VEHICLE_LIST,
      VEHICLE_LIST,
      PROFILE,
      STATE,
      CHARGING,
    ]);
    // A known vehicle only gets its state refreshed.
    sim.clearRequests();
    expect(await account.loadVehicle(vin)).toBe(vehicle);
    expect(apiRequests(sim).map((r) => r.path)).toEqual([STATE, CHARGING]);
    // The next getVehicles() still loads the whole account.
    await account.getVehicles();
    expect(account.vehicles.map((v) => v.vin).sort()).toEqual(sim.vins());
  });

  it('finds a vehicle whose brand list failed, through its profile: never "not found" because a list failed', async () => {
    sim.addFault(`500@${VEHICLE_LIST}`);
    const mini = sim.vins().find((vin) => vin.startsWith('WMW')) ?? '';
    const account = simulatorAccount(sim);
    const vehicle = await account.loadVehicle(mini);
    expect(vehicle.brand).toBe('mini');
    expect(vehicle.stateData).toBeDefined();
  });

  it('says "not found" only when BMW proves it, and an API error when it cannot tell', async () => {
    const account = simulatorAccount(sim);
    const unknown = 'WBA0000000UNKNOWN';
    const proven = await failure(account.loadVehicle(unknown));
    expect(isBimmerError(proven, 'not-found')).toBe(true);
    expect((proven as BimmerError).action).toBe('check-vin');

    // Lists and profiles fail: whether the VIN is on the account is unknown, which is not "not found".
    sim.addFault('500@/eadrax-vcs/v5');
    const open = await failure(account.loadVehicle(unknown));
    expect(isBimmerError(open, 'api')).toBe(true);
    expect((open as Error).message).toContain(`Could not tell whether ${unknown} is on this account`);
  });
});
