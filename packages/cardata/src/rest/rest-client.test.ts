import { describe, expect, it } from 'vitest';
import { QuotaLedger } from '../quota/quota-ledger';
import { MemoryCarDataStateStore } from '../store/state-store';
import { CarDataRestClient } from './rest-client';

function tokensSource() {
  let generation = 1;
  return {
    refreshed: 0,
    async tokens() {
      return {
        accessToken: `access-${generation}`,
        idToken: 'id',
        gcid: 'g',
        expiresAt: Date.now() + 3_600_000,
        scope: '',
      };
    },
    async refresh() {
      generation++;
      this.refreshed++;
      return this.tokens();
    },
  };
}

describe('CarDataRestClient', () => {
  it('sends the Bearer token and x-version, and reads the mappings array', async () => {
    const seen: Request[] = [];
    const client = new CarDataRestClient({
      tokens: tokensSource(),
      ledger: new QuotaLedger({ store: new MemoryCarDataStateStore(), gcid: 'g' }),
      baseUrl: 'https://cardata.test/',
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json([{ vin: 'V1', mappingType: 'PRIMARY' }, { nothing: true }]);
      },
    });
    expect(await client.getMappings()).toEqual([{ vin: 'V1', mappingType: 'PRIMARY' }]);
    expect(seen[0]?.url).toBe('https://cardata.test/customers/vehicles/mappings');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer access-1');
    expect(seen[0]?.headers.get('x-version')).toBe('v1');
  });

  it('refreshes once after an expired token and tries again, counting both calls', async () => {
    const source = tokensSource();
    const ledger = new QuotaLedger({ store: new MemoryCarDataStateStore(), gcid: 'g' });
    const authorizations: (string | null)[] = [];
    const client = new CarDataRestClient({
      tokens: source,
      ledger,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        authorizations.push(request.headers.get('authorization'));
        return authorizations.length === 1
          ? Response.json({ exveErrorId: 'CU-102', exveErrorMsg: 'token_expired' }, { status: 401 })
          : Response.json({ containers: [] });
      },
    });
    expect(await client.listContainers()).toEqual([]);
    expect(authorizations).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(source.refreshed).toBe(1);
    expect((await ledger.usage()).used).toBe(2);
  });

  it('does not send a call the ledger refuses', async () => {
    let sent = 0;
    const client = new CarDataRestClient({
      tokens: tokensSource(),
      ledger: new QuotaLedger({ store: new MemoryCarDataStateStore(), gcid: 'g', limit: 1 }),
      fetch: async () => {
        sent++;
        return Response.json({});
      },
    });
    await client.getBasicData('WBA00000000TEST01');
    await expect(client.getBasicData('WBA00000000TEST01')).rejects.toMatchObject({ code: 'quota' });
    expect(sent).toBe(1);
  });

  it('answers a malformed or cut-off body with a typed api error, and counts the call', async () => {
    const ledger = new QuotaLedger({ store: new MemoryCarDataStateStore(), gcid: 'g' });
    const bodies = ['{"telematicData": {"vehicle.x": {"value": [1]}}}', '{"telematicData":', ''];
    const client = new CarDataRestClient({
      tokens: tokensSource(),
      ledger,
      fetch: async () => new Response(bodies.shift() ?? ''),
    });
    for (const reason of [/not what BMW documents/, /not JSON/, /not what BMW documents/]) {
      await expect(client.getTelematicData('WBA00000000TEST01', 'CONTAINER0001')).rejects.toMatchObject({
        code: 'api',
        endpoint: '/customers/vehicles/WBA00000000TEST01/telematicData',
        message: expect.stringMatching(reason),
      });
    }
    expect((await ledger.usage()).used).toBe(3);
  });
});
