import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
  const server = { mappings: [] as { vin: string; mappingType: string }[], mappingCalls: 0 };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const { pathname } = new URL(new Request(input, init).url);
    if (pathname === '/customers/vehicles/mappings') {
      server.mappingCalls++;
      return Response.json(server.mappings);
    }
    const basic = /^\/customers\/vehicles\/([^/]+)\/basicData$/.exec(pathname);
    if (basic) return Response.json({ vin: basic[1], brand: 'BMW', modelName: 'i4 eDrive40' });
    return Response.json({ exveErrorId: 'CU-500', exveErrorMsg: 'unexpected' }, { status: 500 });
  }) as typeof globalThis.fetch;
  return { server, fetch };
}

async function openAccount(fetch: typeof globalThis.fetch, stateStore = new MemoryCarDataStateStore()) {
  return CarDataAccount.create({ tokens, stateStore, fetch, apiBaseUrl: 'https://cardata.test' });
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
    const state = (await store.read()).accounts[GCID];
    expect(cachedMappingsOf(state)).toEqual(cached);
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
