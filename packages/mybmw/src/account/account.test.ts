import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerQuotaError,
  BimmerValidationError,
} from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { type FakeOverride, type FakeVehicle, FLEET, fakeApi, fakeAuthenticator } from '../../test/fake-api';
import { MyBMWAccount } from './mybmw-account';

function account(fleet: FakeVehicle[] = FLEET, override?: FakeOverride, concurrency?: number) {
  const api = fakeApi(fleet, override);
  const created = new MyBMWAccount({
    region: 'rest_of_world',
    authenticator: fakeAuthenticator(),
    baseUrl: 'https://fake.test',
    fetch: api.fetch,
    sleep: async () => {},
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  return { account: created, log: api.log };
}

const chargingCount = (fleet: FakeVehicle[]) => fleet.filter((v) => v.charging).length;
const countBy = (log: { path: string }[], path: string) => log.filter((r) => r.path === path).length;

describe('MyBMWAccount.getVehicles', () => {
  it('loads every brand list, then one profile and state per vehicle and charging details only where supported', async () => {
    const { account: a, log } = account();
    const vehicles = await a.getVehicles();
    expect(vehicles.map((v) => v.vin)).toEqual(FLEET.map((v) => v.vin));
    expect(countBy(log, '/eadrax-vcs/v5/vehicle-list')).toBe(3);
    expect(countBy(log, '/eadrax-vcs/v5/vehicle-data/profile')).toBe(FLEET.length);
    expect(countBy(log, '/eadrax-vcs/v4/vehicles/state')).toBe(FLEET.length);
    expect(countBy(log, '/eadrax-crccs/v2/vehicles')).toBe(chargingCount(FLEET));
    expect(log).toHaveLength(3 + 2 * FLEET.length + chargingCount(FLEET));
    expect(a.lastLoad).toMatchObject({ kind: 'initial', requests: log.length, failures: [] });
  });

  it('sends each vehicle request with that vehicle brand and VIN', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    for (const request of log.filter((r) => r.vin !== null)) {
      expect(request.brand).toBe(FLEET.find((v) => v.vin === request.vin)?.brand);
    }
    expect(a.getVehicle('WZ100000000TEST04')?.brand).toBe('toyota');
    expect(a.getVehicle('wmw00000000test03')?.name).toBe('Test Cooper SE');
  });

  it('refreshes with states and charging details only, never the same request twice', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    const before = log.length;
    await a.getVehicles();
    const refresh = log.slice(before);
    expect(refresh).toHaveLength(FLEET.length + chargingCount(FLEET));
    const keys = refresh.map((r) => `${r.path} ${r.vin}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.lastLoad?.kind).toBe('refresh');
  });

  it('reloads lists and profiles, but each state once, on forceInit', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    const before = log.length;
    await a.getVehicles({ forceInit: true });
    expect(log.length - before).toBe(before);
    expect(a.vehicles).toHaveLength(FLEET.length);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let active = 0;
    let peak = 0;
    const fleet = Array.from({ length: 10 }, (_, i) => ({
      vin: `WBA0000000TEST${String(i).padStart(3, '0')}`,
      brand: 'bmw' as const,
      model: `Test ${i}`,
      charging: i % 2 === 0,
    }));
    const api = fakeApi(fleet);
    const slowFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 1));
      try {
        return await api.fetch(input, init);
      } finally {
        active--;
      }
    }) as typeof fetch;
    const a = new MyBMWAccount({
      region: 'row',
      authenticator: fakeAuthenticator(),
      fetch: slowFetch,
      concurrency: 2,
    });
    await a.getVehicles();
    expect(a.vehicles).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(3); // the three lists at once, then at most two vehicles
  });

  it('keeps the healthy vehicles when one fails and reports the failure', async () => {
    const failing = FLEET[1]?.vin;
    const { account: a } = account(FLEET, (r) =>
      r.vin === failing && r.path.endsWith('/state')
        ? new Response('INTERNAL SERVER ERROR', { status: 500 })
        : undefined,
    );
    const vehicles = await a.getVehicles();
    expect(vehicles).toHaveLength(FLEET.length);
    expect(a.lastLoad?.failures.map((f) => f.subject)).toEqual([failing]);
    expect(a.getVehicle(failing ?? '')?.lastError).toBeInstanceOf(BimmerApiError);
    expect(a.getVehicle(FLEET[0]?.vin ?? '')?.stateData).toBeDefined();
  });

  it('leaves out a vehicle whose profile still fails after 3 tries, and reports it', async () => {
    const failing = FLEET[0]?.vin;
    const { account: a, log } = account(FLEET, (r) =>
      r.vin === failing && r.path.endsWith('/profile') ? new Response('oops', { status: 500 }) : undefined,
    );
    const vehicles = await a.getVehicles();
    expect(vehicles.map((v) => v.vin)).toEqual(FLEET.slice(1).map((v) => v.vin));
    expect(a.lastLoad?.failures).toMatchObject([{ subject: failing, part: 'profile', vin: failing }]);
    expect(a.lastLoad?.complete).toBe(false);
    expect(log.filter((r) => r.vin === failing).map((r) => r.path)).toEqual(
      Array(3).fill('/eadrax-vcs/v5/vehicle-data/profile'),
    );
  });

  it('drops vehicles that left the account on forceInit and keeps the others', async () => {
    const fleet = [...FLEET];
    const { account: a } = account(fleet);
    await a.getVehicles();
    const kept = a.vehicles[1];
    fleet.splice(0, 1);
    await a.getVehicles({ forceInit: true });
    expect(a.vehicles.map((v) => v.vin)).toEqual(fleet.map((v) => v.vin));
    expect(a.vehicles[0]).toBe(kept);
  });

  it('fails when every vehicle fails', async () => {
    const { account: a } = account(FLEET, (r) =>
      r.path.endsWith('/state') ? new Response('{"error":"boom"}', { status: 500 }) : undefined,
    );
    await expect(a.getVehicles()).rejects.toBeInstanceOf(BimmerApiError);
  });

  it.each([
    [
      'quota',
      403,
      '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 02:12:20."}',
      BimmerQuotaError,
    ],
    ['auth', 403, '{"error":"forbidden"}', BimmerAuthError],
    ['blocked', 489, 'Blocked', BimmerBlockedError],
  ] as const)('propagates a %s error of a single vehicle', async (_, status, body, errorClass) => {
    const failing = FLEET[2]?.vin;
    const { account: a } = account(FLEET, (r) =>
      r.vin === failing && r.path.endsWith('/state') ? new Response(body, { status }) : undefined,
    );
    await expect(a.getVehicles()).rejects.toBeInstanceOf(errorClass);
  });

  it('sends nothing more once a vehicle hits the quota', async () => {
    const failing = FLEET[1]?.vin;
    const { account: a, log } = account(
      FLEET,
      (r) =>
        r.vin === failing && r.path.endsWith('/state')
          ? Response.json({ message: 'Out of call volume quota.' }, { status: 403 })
          : undefined,
      1,
    );
    await expect(a.getVehicles()).rejects.toBeInstanceOf(BimmerQuotaError);
    const afterQuota = log.slice(log.findIndex((r) => r.vin === failing && r.path.endsWith('/state')) + 1);
    expect(afterQuota).toEqual([]);
  });

  it('keeps the other brands when one brand list fails', async () => {
    const { account: a } = account(FLEET, (r) =>
      r.path.endsWith('/vehicle-list') && r.brand === 'mini'
        ? new Response('oops', { status: 500 })
        : undefined,
    );
    const vehicles = await a.getVehicles();
    expect(vehicles.map((v) => v.brand)).not.toContain('mini');
    expect(a.lastLoad?.failures.map((f) => f.subject)).toEqual(['vehicle-list:mini']);
  });

  it('keeps the known vehicles of a brand whose list fails on forceInit', async () => {
    let failMini = false;
    const { account: a } = account(FLEET, (r) =>
      failMini && r.path.endsWith('/vehicle-list') && r.brand === 'mini'
        ? new Response('oops', { status: 500 })
        : undefined,
    );
    await a.getVehicles();
    const mini = a.vehicles.find((v) => v.brand === 'mini');
    failMini = true;
    await a.getVehicles({ forceInit: true });
    expect(a.vehicles.map((v) => v.vin)).toEqual(FLEET.map((v) => v.vin));
    expect(a.vehicles.find((v) => v.brand === 'mini')).toBe(mini);
    expect(a.lastLoad?.failures.map((f) => f.subject)).toEqual(['vehicle-list:mini']);
  });

  it('shares a running load with calls made meanwhile: no request twice', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    const before = log.length;
    const [first, second] = await Promise.all([a.getVehicles(), a.getVehicles()]);
    expect(second).toBe(first);
    expect(log.length - before).toBe(FLEET.length + chargingCount(FLEET));
  });

  it('runs a forceInit asked for during a refresh after it', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    const before = log.length;
    const refresh = a.getVehicles();
    const reload = a.getVehicles({ forceInit: true });
    await Promise.all([refresh, reload]);
    expect(a.lastLoad?.kind).toBe('initial');
    const sent = log.slice(before);
    const refreshCount = FLEET.length + chargingCount(FLEET);
    expect(sent.slice(0, refreshCount).every((r) => !r.path.endsWith('/vehicle-list'))).toBe(true);
    expect(sent).toHaveLength(refreshCount + 3 + 2 * FLEET.length + chargingCount(FLEET));
  });

  it('lists a VIN that two brand lists share only once', async () => {
    const shared: FakeVehicle[] = [
      { vin: 'WBA00000000TEST01', brand: 'bmw', model: 'Test i4', charging: false },
    ];
    const { account: a, log } = account(shared, (r) =>
      r.path.endsWith('/vehicle-list')
        ? Response.json({
            mappingInfos: [{ vin: r.brand === 'mini' ? 'wba00000000test01' : 'WBA00000000TEST01' }],
          })
        : undefined,
    );
    await a.getVehicles();
    expect(a.vehicles).toHaveLength(1);
    expect(countBy(log, '/eadrax-vcs/v5/vehicle-data/profile')).toBe(1);
  });

  it('retries a 429 of the vehicle list after the wait the server asks', async () => {
    const { account: a } = account(FLEET, (r, count) =>
      r.path.endsWith('/vehicle-list') && r.brand === 'bmw' && count <= 2
        ? Response.json({ message: 'Rate limit is exceeded. Try again in 1 seconds.' }, { status: 429 })
        : undefined,
    );
    await expect(a.getVehicles()).resolves.toHaveLength(FLEET.length);
  });

  it('fetches a vehicle image as PNG bytes', async () => {
    const { account: a, log } = account();
    await a.getVehicles();
    const image = await a.vehicles[0]?.getVehicleImage('FrontView');
    expect(Array.from(image ?? [])).toEqual([137, 80, 78, 71]);
    expect(log.at(-1)).toMatchObject({
      path: '/eadrax-ics/v5/presentation/vehicles/images',
      vin: FLEET[0]?.vin,
    });
  });
});

describe('MyBMWAccount members', () => {
  it('validates the observer position', () => {
    const { account: a } = account();
    expect(a.observerPosition).toBeUndefined();
    a.setObserverPosition(17.99, 179.9);
    expect(a.observerPosition).toEqual({ latitude: 17.99, longitude: 179.9 });
    expect(() => a.setObserverPosition(91, 0)).toThrow(BimmerValidationError);
    expect(() => a.setObserverPosition(1, Number.NaN)).toThrow(BimmerValidationError);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    for (const concurrency of [0, -1, 1.5]) {
      expect(
        () => new MyBMWAccount({ region: 'row', authenticator: fakeAuthenticator(), concurrency }),
      ).toThrow(BimmerValidationError);
    }
  });

  it('accepts region names, codes and enum members', () => {
    for (const region of ['rest_of_world', 'ROW', 'north_america', 'cn']) {
      expect(() => new MyBMWAccount({ region, authenticator: fakeAuthenticator() })).not.toThrow();
    }
    expect(() => new MyBMWAccount({ region: 'mars', authenticator: fakeAuthenticator() })).toThrow(
      BimmerValidationError,
    );
  });

  it('keeps every response when logResponses is on', async () => {
    const api = fakeApi();
    const a = new MyBMWAccount({
      region: 'row',
      authenticator: fakeAuthenticator(),
      fetch: api.fetch,
      logResponses: true,
    });
    await a.getVehicles();
    await a.getVehicles();
    expect(a.responses).toHaveLength(api.log.length);
    expect(a.responses.every((r) => typeof r.body === 'string')).toBe(true);
  });
});
