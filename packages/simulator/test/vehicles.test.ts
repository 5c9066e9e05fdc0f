import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFingerprintFileName } from '@bimmer/fingerprint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, type Simulator, startSimulator } from '../src/index';
import { api, json, loginGcdm, USER_AGENT } from './client';
import { COMBUSTION_VIN, EV_VIN, MINI_VIN, TOYOTA_VIN, writeSyntheticFleet } from './fleet-fixture';

const SHARED_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/mybmw', import.meta.url));

describe('vehicle endpoints', () => {
  let sim: Simulator;
  let token: string;
  let fleetDirectory: string;

  beforeAll(async () => {
    fleetDirectory = writeSyntheticFleet();
    sim = await startSimulator({ fingerprints: fleetDirectory });
    token = (await loginGcdm(sim.url, 'row', DEMO_ACCOUNT)).access_token;
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('lists the vehicles of the brand x-user-agent names, sorted by VIN', async () => {
    const list = async (brand: string) =>
      (
        await json<{ mappingInfos: Array<{ vin: string; mappingStatus: string }> }>(
          await api(sim.url, token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST', brand }),
        )
      ).mappingInfos;
    expect((await list('bmw')).map((info) => info.vin)).toEqual([COMBUSTION_VIN, EV_VIN]);
    expect((await list('mini')).map((info) => info.vin)).toEqual([MINI_VIN]);
    const toyota = await list('toyota');
    expect(toyota.map((info) => info.vin)).toEqual([TOYOTA_VIN]);
    expect(toyota[0]?.mappingStatus).toBe('CONFIRMED');
  });

  it.each([
    'android(AP2A);bmw;4.9.2(36892)',
    'android(AP2A);porsche;4.9.2(36892);row',
    'android(AP2A);bmw;4.9.2(36892);eu',
    '',
  ])('answers 400 to the malformed x-user-agent %j', async (agent) => {
    const response = await api(sim.url, token, '/eadrax-vcs/v5/vehicle-list', {
      method: 'POST',
      headers: { 'x-user-agent': agent },
    });
    expect(response.status).toBe(400);
  });

  it('serves profile, state and charging settings by bmw-vin exactly as recorded', async () => {
    const directory = join(fleetDirectory, 'E01');
    for (const [path, kind] of [
      ['/eadrax-vcs/v5/vehicle-data/profile', 'profile'],
      ['/eadrax-vcs/v4/vehicles/state?apptimezone=0&appDateTime=1', 'state'],
      [
        '/eadrax-crccs/v2/vehicles?fields=charging-profile&has_charging_settings_capabilities=true',
        'chargingSettings',
      ],
    ] as const) {
      const response = await api(sim.url, token, path, { vin: EV_VIN });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const file = readdirSync(directory).find((name) => parseFingerprintFileName(name)?.kind === kind) ?? '';
      expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(join(directory, file)));
    }
  });

  it('answers 404 for an unknown VIN and for missing charging settings', async () => {
    for (const path of ['/eadrax-vcs/v5/vehicle-data/profile', '/eadrax-vcs/v4/vehicles/state']) {
      expect((await api(sim.url, token, path, { vin: 'WBA00000000000XXX' })).status).toBe(404);
    }
    const noCharging = await api(
      sim.url,
      token,
      '/eadrax-crccs/v2/vehicles?fields=charging-profile&has_charging_settings_capabilities=false',
      { vin: COMBUSTION_VIN },
    );
    expect(noCharging.status).toBe(404);
  });

  it('requires the charging query parameters and a VIN', async () => {
    expect((await api(sim.url, token, '/eadrax-crccs/v2/vehicles', { vin: EV_VIN })).status).toBe(400);
    expect((await api(sim.url, token, '/eadrax-vcs/v4/vehicles/state')).status).toBe(400);
  });

  it('serves the vehicle image as PNG bytes', async () => {
    const response = await api(
      sim.url,
      token,
      '/eadrax-ics/v5/presentation/vehicles/images?carView=AngleSideViewForty&toCrop=true',
      {
        vin: EV_VIN,
        headers: { accept: 'image/png', 'bmw-app-vehicle-type': 'connected' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.readUInt32BE(16)).toBe(320);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await api(sim.url, token, '/eadrax-vcs/v9/nothing')).status).toBe(404);
    expect((await api(sim.url, token, '/eadrax-vcs/v5/vehicle-list')).status).toBe(405);
  });

  it('exposes the served state through the API and the admin endpoint', async () => {
    const admin = await fetch(`${sim.url}/_simulator/state/${EV_VIN}`);
    expect(admin.status).toBe(200);
    expect(await admin.json()).toEqual(sim.state(EV_VIN));
    expect((await fetch(`${sim.url}/_simulator/state/UNKNOWN`)).status).toBe(404);
  });
});

describe('default fleet', () => {
  it('starts with no arguments and serves the demo account', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.demoAccount).toEqual({ username: 'demo@bimmer.dev', password: 'bimmer-demo' });
      const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
      const list = await json<{ mappingInfos: Array<{ vin: string }> }>(
        await api(sim.url, access_token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST' }),
      );
      expect(list.mappingInfos.map((info) => info.vin)).toEqual(
        sim.vins().filter((vin) => list.mappingInfos.some((info) => info.vin === vin)),
      );
    } finally {
      await sim.stop();
    }
  });
});

const ABSENT = 'skipped when the reference data at ../shared/fixtures/mybmw is absent';
describe.skipIf(!existsSync(SHARED_FIXTURES))(`the reference fixtures (${ABSENT})`, () => {
  let sim: Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ fingerprints: SHARED_FIXTURES });
    token = (await loginGcdm(sim.url, 'row', DEMO_ACCOUNT)).access_token;
  });
  afterAll(async () => {
    await sim.stop();
  });

  function recordedFiles(): Array<{ path: string; kind: string; vin: string; brand: string }> {
    const files: Array<{ path: string; kind: string; vin: string; brand: string }> = [];
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) walk(path);
        const parsed = parseFingerprintFileName(entry.name);
        if (parsed?.vin) files.push({ path, kind: parsed.kind, vin: parsed.vin, brand: parsed.brand });
      }
    };
    walk(SHARED_FIXTURES);
    return files;
  }

  it('serves every recorded profile, state and charging settings byte for byte', async () => {
    const files = recordedFiles();
    expect(files.length).toBeGreaterThan(0);
    const paths: Record<string, string> = {
      profile: '/eadrax-vcs/v5/vehicle-data/profile',
      state: '/eadrax-vcs/v4/vehicles/state?apptimezone=0&appDateTime=1',
      chargingSettings:
        '/eadrax-crccs/v2/vehicles?fields=charging-profile&has_charging_settings_capabilities=true',
    };
    for (const file of files) {
      const response = await api(sim.url, token, paths[file.kind] ?? '', {
        vin: file.vin,
        brand: file.brand,
      });
      expect(response.status, file.path).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()), file.path).toEqual(readFileSync(file.path));
    }
  });

  it('lists each recorded vehicle under its brand with its recorded mapping', async () => {
    const vins = new Set(recordedFiles().map((file) => file.vin));
    const listed: string[] = [];
    for (const brand of ['bmw', 'mini', 'toyota']) {
      const response = await fetch(`${sim.url}/eadrax-vcs/v5/vehicle-list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-user-agent': USER_AGENT(brand) },
      });
      const body = await json<{ mappingInfos: Array<{ vin: string; mappingStatus: string }> }>(response);
      listed.push(...body.mappingInfos.map((info) => info.vin));
      for (const info of body.mappingInfos) expect(info.mappingStatus).toBe('CONFIRMED');
    }
    expect(new Set(listed)).toEqual(vins);
  });

  it('serves the recorded China captcha and accepts its solution 0.81', async () => {
    const captcha = await json<{ data: { verifyId: string; backGroundImg: string } }>(
      await fetch(`${sim.url}/eadrax-coas/v2/cop/slider-captcha`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mobile: DEMO_ACCOUNT.username }),
      }),
    );
    const recorded = JSON.parse(
      readFileSync(join(SHARED_FIXTURES, 'auth', 'auth_slider_captcha.json'), 'utf8'),
    );
    expect(captcha.data.backGroundImg).toBe(recorded.data.backGroundImg);
    const check = await fetch(`${sim.url}/eadrax-coas/v1/cop/check-captcha`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ position: '0.81', verifyId: captcha.data.verifyId }),
    });
    expect(check.status).toBe(200);
  });

  it('uses the recorded OAuth client id and secret', async () => {
    const recorded = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'auth', 'oauth_config.json'), 'utf8'));
    const { config } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    expect(config.clientId).toBe(recorded.clientId);
    expect(config.tokenEndpoint).toBe(`${sim.url}/gcdm/oauth/token`);
  });
});
