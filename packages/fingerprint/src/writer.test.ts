import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedResponse } from '@bimmer/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnonymizationContext } from './anonymize/context';
import { readFingerprintDirectory } from './reader';
import { writeFingerprint } from './writer';

const FIRST_VIN = 'WBA12345678ABCDE9';
const SECOND_VIN = 'WMW98765432ZYXWV1';
const GCID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
/** Every value that must not reach a fingerprint file. */
const SECRETS = [
  FIRST_VIN,
  SECOND_VIN,
  GCID,
  'M-XY 1234',
  'jane@mail.example.org',
  'opaque-access',
  'hunter2',
];

function captured(
  overrides: Partial<CapturedResponse> & Pick<CapturedResponse, 'path' | 'body'>,
): CapturedResponse {
  return {
    brand: 'bmw',
    method: 'GET',
    query: {},
    status: 200,
    contentType: 'application/json; charset=utf-8',
    fetchedAt: new Date(Date.UTC(2026, 11, 1, 8)),
    ...overrides,
  };
}

/** A recording of two vehicles with our own invented values, including the awkward cases. */
function recording(): CapturedResponse[] {
  const json = (value: unknown) => JSON.stringify(value);
  return [
    captured({
      method: 'POST',
      path: '/gcdm/oauth/token',
      body: json({ access_token: 'opaque-access', refresh_token: 'opaque-refresh', gcid: GCID }),
    }),
    captured({
      method: 'POST',
      path: '/eadrax-vcs/v5/vehicle-list',
      body: json({ gcid: GCID, mappingInfos: [{ vin: FIRST_VIN }, { vin: SECOND_VIN }] }),
    }),
    captured({
      brand: 'mini',
      method: 'POST',
      path: '/eadrax-vcs/v5/vehicle-list',
      body: json({ mappingInfos: [] }),
    }),
    captured({
      path: '/eadrax-vcs/v5/vehicle-data/profile',
      vinHeader: FIRST_VIN,
      body: json({ vin: FIRST_VIN, model: 'i4 eDrive40', year: 2022 }),
    }),
    captured({
      path: '/eadrax-vcs/v5/vehicle-data/profile',
      vinHeader: SECOND_VIN,
      body: json({ vin: SECOND_VIN }),
    }),
    captured({
      path: '/eadrax-vcs/v4/vehicles/state',
      query: { apptimezone: '0', appDateTime: '1796112000000' },
      vinHeader: FIRST_VIN,
      body: json({
        state: {
          licensePlate: 'M-XY 1234',
          location: { coordinates: { latitude: 48.137154, longitude: 11.576124 }, heading: 90 },
          currentMileage: 1234,
        },
        capabilities: { owner: 'jane@mail.example.org' },
      }),
    }),
    // A 401 before the retry: the later, successful answer must win the file name.
    captured({
      path: '/eadrax-vcs/v4/vehicles/state',
      vinHeader: SECOND_VIN,
      status: 401,
      contentType: 'text/plain',
      body: 'Unauthorized',
    }),
    captured({
      path: '/eadrax-vcs/v4/vehicles/state',
      vinHeader: SECOND_VIN,
      body: json({ state: { range: 10 } }),
    }),
    captured({
      path: '/eadrax-crccs/v2/vehicles',
      query: { fields: 'charging-profile', has_charging_settings_capabilities: 'true' },
      vinHeader: FIRST_VIN,
      body: json({ servicePack: 'WAVE_01' }),
    }),
    captured({
      path: '/eadrax-ics/v5/presentation/vehicles/images',
      vinHeader: FIRST_VIN,
      contentType: 'image/png',
      body: PNG,
    }),
    captured({
      method: 'POST',
      path: `/eadrax-crccs/v1/vehicles/${FIRST_VIN}/charging-settings`,
      status: 500,
      contentType: 'text/plain',
      body: `No settings for ${FIRST_VIN}; request had password=hunter2`,
    }),
    captured({ path: '/eadrax-vcs/v5/unknown', contentType: '', body: 'plain words' }),
    captured({ path: '/eadrax-chs/v2/blob', contentType: 'application/octet-stream', body: PNG }),
  ];
}

describe('writeFingerprint', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bimmer-fingerprint-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes one file per endpoint in the reference layout, VINs replaced in the names', async () => {
    const directory = join(root, 'nested', 'recording');
    const written = await writeFingerprint(directory, recording());
    expect(written.directory).toBe(directory);
    expect(written.files.map((file) => file.fileName)).toEqual([
      'bmw-eadrax-vcs_v5_vehicle-list.json',
      'mini-eadrax-vcs_v5_vehicle-list.json',
      'bmw-eadrax-vcs_v5_vehicle-data_profile_WBA0FINGERPRINT01.json',
      'bmw-eadrax-vcs_v5_vehicle-data_profile_WMW0FINGERPRINT02.json',
      'bmw-eadrax-vcs_v4_vehicles_state_WBA0FINGERPRINT01.json',
      // The retry's JSON replaces the 401's text, though the extensions differ.
      'bmw-eadrax-vcs_v4_vehicles_state_WMW0FINGERPRINT02.json',
      'bmw-eadrax-crccs_v2_vehicles_WBA0FINGERPRINT01.json',
      'bmw-eadrax-ics_v5_presentation_vehicles_images_WBA0FINGERPRINT01.png',
      'bmw-eadrax-crccs_v1_vehicles_WBA0FINGERPRINT01_charging-settings.txt',
      'bmw-eadrax-vcs_v5_unknown.bin',
    ]);
    expect((await readdir(directory)).sort()).toEqual(written.files.map((file) => file.fileName).sort());
    expect(written.skipped).toEqual([
      { path: '/gcdm/oauth/token', reason: 'authentication' },
      { path: '/eadrax-chs/v2/blob', reason: 'binary' },
    ]);
    const error = written.files.find((file) => file.fileName.includes('charging-settings'));
    expect(error?.status).toBe(500);
  });

  it('lets a later response with the same name replace an earlier one', async () => {
    const path = '/eadrax-vcs/v4/vehicles/state';
    const written = await writeFingerprint(root, [
      captured({ path, vinHeader: FIRST_VIN, status: 429, body: '{"error":"quota"}' }),
      captured({ path, vinHeader: FIRST_VIN, body: '{"state":{"range":42}}' }),
    ]);
    expect(written.files).toHaveLength(1);
    expect(written.files[0]?.status).toBe(200);
    expect(JSON.parse(await readFile(join(root, written.files[0]?.fileName ?? ''), 'utf8'))).toEqual({
      state: { range: 42 },
    });
  });

  it('lets no secret through, in names or contents', async () => {
    const written = await writeFingerprint(root, recording());
    for (const file of written.files) {
      expect(file.fileName.toUpperCase()).not.toContain(FIRST_VIN);
      const content = (await readFile(file.path)).toString('latin1').toLowerCase();
      for (const secret of SECRETS) expect(content).not.toContain(secret.toLowerCase());
    }
  });

  it('anonymises contents with the same replacements as the names', async () => {
    const vinMap = new AnonymizationContext();
    await writeFingerprint(root, recording(), { vinMap });
    expect(vinMap.vinReplacements.get(FIRST_VIN)).toBe('WBA0FINGERPRINT01');
    const list = JSON.parse(await readFile(join(root, 'bmw-eadrax-vcs_v5_vehicle-list.json'), 'utf8'));
    expect(list).toEqual({
      gcid: '00000000-0000-4000-8000-000000000001',
      mappingInfos: [{ vin: 'WBA0FINGERPRINT01' }, { vin: 'WMW0FINGERPRINT02' }],
    });
    const state = JSON.parse(
      await readFile(join(root, 'bmw-eadrax-vcs_v4_vehicles_state_WBA0FINGERPRINT01.json'), 'utf8'),
    );
    expect(state.state).toEqual({
      licensePlate: 'some_license_plate',
      location: { coordinates: { latitude: 12.3456, longitude: 34.5678 }, heading: 123 },
      currentMileage: 1234,
    });
    const error = await readFile(
      join(root, 'bmw-eadrax-crccs_v1_vehicles_WBA0FINGERPRINT01_charging-settings.txt'),
    );
    expect(error.toString('utf8')).toBe(
      'No settings for WBA0FINGERPRINT01; request had password=some_secret',
    );
  });

  it('names a file after the same placeholder its content uses, whatever the case of the VIN header', async () => {
    const written = await writeFingerprint(root, [
      captured({
        path: '/eadrax-vcs/v5/vehicle-data/profile',
        vinHeader: FIRST_VIN.toLowerCase(),
        body: JSON.stringify({ vin: FIRST_VIN }),
      }),
    ]);
    expect(written.files.map((file) => file.fileName)).toEqual([
      'bmw-eadrax-vcs_v5_vehicle-data_profile_WBA0FINGERPRINT01.json',
    ]);
    expect(JSON.parse(await readFile(written.files[0]?.path ?? '', 'utf8'))).toEqual({
      vin: 'WBA0FINGERPRINT01',
    });
  });

  it('writes images byte for byte', async () => {
    await writeFingerprint(root, recording());
    const image = await readFile(
      join(root, 'bmw-eadrax-ics_v5_presentation_vehicles_images_WBA0FINGERPRINT01.png'),
    );
    expect(new Uint8Array(image)).toEqual(PNG);
  });

  it('writes a directory the reader loads back', async () => {
    await writeFingerprint(root, recording());
    const fingerprint = await readFingerprintDirectory(root);
    expect([...fingerprint.vehicles.keys()]).toEqual(['WBA0FINGERPRINT01', 'WMW0FINGERPRINT02']);
    const first = fingerprint.vehicles.get('WBA0FINGERPRINT01');
    expect(first?.brand).toBe('bmw');
    expect(first?.profile?.json).toEqual({ vin: 'WBA0FINGERPRINT01', model: 'i4 eDrive40', year: 2022 });
    expect(first?.chargingSettings?.json).toEqual({ servicePack: 'WAVE_01' });
    expect(first?.image?.bytes).toEqual(PNG);
    expect(fingerprint.vehicles.get('WMW0FINGERPRINT02')?.state?.json).toEqual({ state: { range: 10 } });
    expect([...fingerprint.vehicleLists.keys()]).toEqual(['bmw', 'mini']);
  });
});
