import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carDataAccountKey } from '../store/account-key';
import { MemoryCarDataStateStore } from '../store/state-store';
import { cachedMappingsOf } from './cached-mappings';
import { CarDataAccount } from './cardata-account';

const GCID = 'gcid-account-test';

const tokens = {
  async tokens() {
    return { accessToken: 'access', idToken: 'id', gcid: GCID, expiresAt: Date.now() + 3_600_000, scope: '' };
  },
  async refresh() {
    return this.tokens();
  },
};

/** A CarData backend whose mapping list the test changes; it counts mapping calls. */
function backend() {
  const server = {
    mappings: [] as { vin: string; mappingType: string }[],
    mappingCalls: 0,
    telematicCalls: 0,
  };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const { pathname } = new URL(new Request(input, init).url);
    if (pathname === '/customers/vehicles/mappings') {
      server.mappingCalls++;
      return Response.json(server.mappings);
    }
    const basic = /^\/customers\/vehicles\/([^/]+)\/basicData$/.exec(pathname);
    if (basic) return Response.json({ vin: basic[1], brand: 'BMW', modelName: 'i4 eDrive40' });
    if (pathname === '/customers/containers') {
      return init?.method === 'POST'
        ? Response.json({ containerId: 'CONTAINER0001', name: 'bimmer', purpose: 'p', state: 'ACTIVE' })
        : Response.json({ containers: [] });
    }
    if (/^\/customers\/vehicles\/[^/]+\/telematicData$/.test(pathname)) {
      server.telematicCalls++;
      return Response.json({
        telematicData: {
          'vehicle.vehicle.travelledDistance': {
            value: '1234',
            unit: 'km',
            timestamp: '2026-12-01T10:00:00Z',
          },
        },
      });
    }
    return Response.json({ exveErrorId: 'CU-500', exveErrorMsg: 'unexpected' }, { status: 500 });
  }) as typeof globalThis.fetch;
  return { server, fetch };
}

async function openAccount(
  fetch: typeof globalThis.fetch,
  stateStore = new MemoryCarDataStateStore(),
  quotaLimit?: number,
) {
  return CarDataAccount.create({ tokens, stateStore, fetch, apiBaseUrl: 'https://cardata.test', quotaLimit });
}

describe('CarDataAccount mapping cache', () => {
  it('does not reuse an empty mapping list: a vehicle mapped after the login shows up next time', async () => {
    const { server, fetch } = backend();
    const account = await openAccount(fetch);
    expect(await account.getVehicles({ fetchState: false })).toEqual([]);
    expect(await account.getVehicles({ fetchState: false })).toEqual([]);
    expect(server.mappingCalls).toBe(2);

    server.mappings = [{ vin: 'WBATEST0000000001', mappingType: 'PRIMARY' }];
    const vehicles = await account.getVehicles({ fetchState: false });
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual(['WBATEST0000000001']);
    expect(server.mappingCalls).toBe(3);
  });

  it('reuses a non-empty mapping list until it is older than mappingsMaxAgeMs', async () => {
    const { server, fetch } = backend();
    server.mappings = [{ vin: 'WBATEST0000000001', mappingType: 'PRIMARY' }];
    const account = await openAccount(fetch);
    await account.getVehicles({ fetchState: false });
    server.mappings = [];
    expect((await account.getVehicles({ fetchState: false })).length).toBe(1);
    expect(server.mappingCalls).toBe(1);
    expect(await account.getVehicles({ fetchState: false, refreshCache: true })).toEqual([]);
    expect(server.mappingCalls).toBe(2);
  });

  it('exposes the cached mappings with the reason an unreadable vehicle gets no data', async () => {
    const { server, fetch } = backend();
    server.mappings = [
      { vin: 'WBATEST0000000001', mappingType: 'PRIMARY' },
      { vin: 'WBATEST0000000002', mappingType: 'SECONDARY' },
    ];
    const store = new MemoryCarDataStateStore();
    const account = await openAccount(fetch, store);
    expect(await account.cachedMappings()).toBeUndefined();
    const warnings: string[] = [];
    account.on('warning', (text) => warnings.push(text));
    await account.getVehicles({ fetchState: false });
    const cached = await account.cachedMappings();
    expect(cached?.mappings).toEqual([
      { vin: 'WBATEST0000000001', mappingType: 'PRIMARY', readable: true },
      {
        vin: 'WBATEST0000000002',
        mappingType: 'SECONDARY',
        readable: false,
        reason: expect.stringContaining('PRIMARY user'),
      },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/WBATEST0000000002 is skipped: it is mapped as SECONDARY/),
    ]);
    // Another process reads the same cache without opening an account.
    const state = (await store.read()).accounts[carDataAccountKey(GCID, 'https://cardata.test')];
    expect(cachedMappingsOf(state)).toEqual(cached);
    expect(server.mappingCalls).toBe(1);
  });
});

describe('CarDataAccount.loadVehicles with fewer calls left than vehicles', () => {
  it('loads what the budget pays for and says per vehicle what is missing and why', async () => {
    const { server, fetch } = backend();
    const vins = ['WBATEST0000000001', 'WBATEST0000000002', 'WBATEST0000000003'];
    server.mappings = vins.map((vin) => ({ vin, mappingType: 'PRIMARY' }));
    // Mappings, three basic data, container list and create, and one telematic read: 7 calls.
    const account = await openAccount(fetch, new MemoryCarDataStateStore(), 7);
    const warnings: string[] = [];
    account.on('warning', (text) => warnings.push(text));
    const report = await account.loadVehicles();
    expect(report.vehicles.map((vehicle) => vehicle.vin)).toEqual(vins);
    expect(report.vehicles[0]?.snapshot.mileage).toEqual({ value: 1234, unit: 'km' });
    expect(report.vehicles[1]?.snapshot.mileage).toBeUndefined();
    expect(report.missing.map(({ vin, part, error }) => [vin, part, error.code])).toEqual([
      ['WBATEST0000000002', 'telematicData', 'quota'],
      ['WBATEST0000000003', 'telematicData', 'quota'],
    ]);
    for (const missing of report.missing) {
      expect((missing.error as { retryAt?: Date }).retryAt?.getTime()).toBeGreaterThan(Date.now());
      expect(missing.reason).toMatch(/quota is used up/);
    }
    expect(warnings.filter((text) => /could not be fetched/.test(text))).toHaveLength(2);
    expect(server.telematicCalls).toBe(1);
    expect((await account.quota()).remaining).toBe(0);
  });

  it('keeps the cached vehicle list and basic data when no call is left to renew them', async () => {
    const { server, fetch } = backend();
    server.mappings = [{ vin: 'WBATEST0000000001', mappingType: 'PRIMARY' }];
    const store = new MemoryCarDataStateStore();
    const first = await openAccount(fetch, store, 2);
    await first.loadVehicles({ fetchState: false });
    const second = await openAccount(fetch, store, 2);
    const report = await second.loadVehicles({ refreshCache: true, fetchState: false });
    expect(report.vehicles.map((vehicle) => vehicle.name)).toEqual(['i4 eDrive40']);
    expect(report.missing).toEqual([]);
    expect(server.mappingCalls).toBe(1);
  });
});

describe('cachedMappingsOf', () => {
  it('keeps every entry with a VIN, readable exactly when PRIMARY', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              vin: fc.oneof(fc.string({ minLength: 1 }), fc.constant(''), fc.integer()),
              mappingType: fc.oneof(
                fc.constantFrom('PRIMARY', 'SECONDARY', ''),
                fc.string(),
                fc.constant(null),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.nat(),
        (entries, fetchedAt) => {
          const cached = cachedMappingsOf({ calls: [], mappings: { value: entries, fetchedAt } });
          const withVin = entries.filter((entry) => typeof entry.vin === 'string' && entry.vin !== '');
          expect(cached?.fetchedAt).toBe(fetchedAt);
          expect(cached?.mappings.map((mapping) => mapping.vin)).toEqual(withVin.map((entry) => entry.vin));
          for (const mapping of cached?.mappings ?? []) {
            expect(mapping.readable).toBe(mapping.mappingType === 'PRIMARY');
            expect(mapping.reason === undefined).toBe(mapping.readable);
            expect(mapping.mappingType).not.toBe('');
          }
        },
      ),
    );
    expect(cachedMappingsOf(undefined)).toBeUndefined();
    expect(cachedMappingsOf({ calls: [] })).toBeUndefined();
  });
});
