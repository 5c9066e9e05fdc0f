import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});

async function search(query: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${sim.url}/search?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Array<Record<string, unknown>>;
}

describe('Nominatim /search', () => {
  it('finds a known address with Nominatim fields (lat/lon as strings)', async () => {
    const [place, ...rest] = await search({
      q: 'Am Olympiapark 1 München',
      format: 'json',
      addressdetails: '1',
      limit: '1',
    });
    expect(rest).toEqual([]);
    expect(typeof place?.lat).toBe('string');
    expect(Number(place?.lat)).toBeCloseTo(48.177, 2);
    expect(place?.address).toMatchObject({ road: 'Am Olympiapark', postcode: '80809', city: 'München' });
    expect(String(place?.display_name)).toContain('BMW Welt');
  });

  it('has a place with a town instead of a city, and omits address without addressdetails', async () => {
    const [place] = await search({ q: 'Dingolfing', format: 'json', addressdetails: '1' });
    expect(place?.address).toMatchObject({ town: 'Dingolfing' });
    expect(place?.address).not.toHaveProperty('city');
    const [bare] = await search({ q: 'Dingolfing', format: 'json' });
    expect(bare).not.toHaveProperty('address');
  });

  it('answers an unknown address with an empty array', async () => {
    expect(await search({ q: 'Nowhere Street 999 Atlantis', format: 'json' })).toEqual([]);
  });
});
