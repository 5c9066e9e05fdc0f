import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CARDATA_VEHICLES, type Simulator, startSimulator } from '../src/index';
import { writeSyntheticFleet } from './fleet-fixture';

const FIXTURE_VINS = ['WBASIMCARDATA0001', 'WBASIMCARDATA0002', 'WBASIMCARDATA0003'];

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A device-code login approved at once; returns the access token. */
async function cardataAccessToken(simulator: Simulator): Promise<string> {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const verifier = randomBytes(32).toString('base64url');
  const code = (await (
    await fetch(
      `${simulator.url}/gcdm/oauth/device/code`,
      form({
        client_id: 'client',
        response_type: 'device_code',
        scope: 'authenticate_user openid cardata:api:read cardata:streaming:read',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }),
    )
  ).json()) as { device_code: string };
  await fetch(`${simulator.url}/_simulator/cardata/approve`, { method: 'POST' });
  const token = (await (
    await fetch(
      `${simulator.url}/gcdm/oauth/token`,
      form({
        client_id: 'client',
        device_code: code.device_code,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        code_verifier: verifier,
      }),
    )
  ).json()) as { access_token: string };
  return token.access_token;
}

async function mappings(simulator: Simulator): Promise<{ vin: string; mappingType: string }[]> {
  const response = await fetch(`${simulator.url}/customers/vehicles/mappings`, {
    headers: { authorization: `Bearer ${await cardataAccessToken(simulator)}`, 'x-version': 'v1' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { vin: string; mappingType: string }[];
}

describe('CarData vehicles of a new simulator', () => {
  it("serves the repository's fixtures by default, and again after a reset", async () => {
    expect(DEFAULT_CARDATA_VEHICLES !== undefined && existsSync(DEFAULT_CARDATA_VEHICLES)).toBe(true);
    sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
    expect(sim.cardataVins()).toEqual(FIXTURE_VINS);
    const mapped = await mappings(sim);
    expect(mapped.map(({ vin, mappingType }) => `${vin} ${mappingType}`)).toEqual([
      'WBASIMCARDATA0001 PRIMARY',
      'WBASIMCARDATA0002 PRIMARY',
      'WBASIMCARDATA0003 SECONDARY',
    ]);
    await fetch(`${sim.url}/_simulator/cardata/vehicles/WBASIMCARDATA0009`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sim.cardataVins()).toContain('WBASIMCARDATA0009');
    sim.reset();
    expect(sim.cardataVins()).toEqual(FIXTURE_VINS);
  });
});

describe('CarData vehicles option', () => {
  it('starts without CarData vehicles for cardataVehicles: false, also after a reset', async () => {
    sim = await startSimulator({ fingerprints: writeSyntheticFleet(), cardataVehicles: false });
    expect(sim.cardataVins()).toEqual([]);
    expect(await mappings(sim)).toEqual([]);
    sim.reset();
    expect(sim.cardataVins()).toEqual([]);
  });

  it('serves the <VIN>.json files of a directory, filling what a file leaves out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'bimmer-cardata-vehicles-'));
    writeFileSync(join(directory, 'WBAOWNVEHICLE0001.json'), JSON.stringify({ mappingType: 'SECONDARY' }));
    writeFileSync(
      join(directory, 'WBAOWNVEHICLE0002.json'),
      JSON.stringify({ basicData: { brand: 'MINI' } }),
    );
    writeFileSync(join(directory, 'notes.txt'), 'not a vehicle');
    sim = await startSimulator({ fingerprints: writeSyntheticFleet(), cardataVehicles: directory });
    expect(await mappings(sim)).toEqual([
      expect.objectContaining({ vin: 'WBAOWNVEHICLE0001', mappingType: 'SECONDARY' }),
      expect.objectContaining({ vin: 'WBAOWNVEHICLE0002', mappingType: 'PRIMARY' }),
    ]);
  });

  it('refuses a missing directory and a file that is not a vehicle', async () => {
    await expect(
      startSimulator({ fingerprints: writeSyntheticFleet(), cardataVehicles: '/nonexistent/bimmer' }),
    ).rejects.toThrow(/does not exist/);
    const directory = mkdtempSync(join(tmpdir(), 'bimmer-cardata-vehicles-'));
    writeFileSync(join(directory, 'WBAOWNVEHICLE0001.json'), JSON.stringify({ mappingType: 'OWNER' }));
    await expect(
      startSimulator({ fingerprints: writeSyntheticFleet(), cardataVehicles: directory }),
    ).rejects.toThrow(/PRIMARY or SECONDARY/);
  });
});
