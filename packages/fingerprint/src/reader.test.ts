import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { profileFileName, stateFileName, vehicleListFileName } from './layout';
import { mappingInfosOf, readFingerprintDirectories, readFingerprintDirectory } from './reader';

const SHARED_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/mybmw', import.meta.url));

function fleet(vins: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bimmer-fp-'));
  for (const [vin, brand] of Object.entries(vins)) {
    const directory = join(root, 'vehicles', vin.slice(-3));
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, vehicleListFileName(brand)),
      JSON.stringify({ gcid: 'g', mappingInfos: [{ vin, mappingStatus: 'CONFIRMED' }] }),
    );
    writeFileSync(join(directory, profileFileName(brand, vin)), JSON.stringify({ vin, model: 'M' }));
    writeFileSync(join(directory, stateFileName(brand, vin, 'text/plain')), 'INTERNAL SERVER ERROR');
  }
  mkdirSync(join(root, 'auth'));
  writeFileSync(join(root, 'auth', 'oauth_config.json'), '{"clientId":"c"}');
  mkdirSync(join(root, 'remote_services'));
  writeFileSync(join(root, 'remote_services', 'eadrax_service_pending.json'), '{"eventStatus":"PENDING"}');
  writeFileSync(join(root, 'README.md'), '# not a response');
  return root;
}

describe('readFingerprintDirectory', () => {
  it('reads nested vehicle directories, auth and remote_services files, keeping the bytes', async () => {
    const root = fleet({ WBA0TEST000000001: 'bmw', WMW0TEST000000002: 'mini' });
    const fingerprint = await readFingerprintDirectory(root);
    expect([...fingerprint.vehicles.keys()].sort()).toEqual(['WBA0TEST000000001', 'WMW0TEST000000002']);
    const mini = fingerprint.vehicles.get('WMW0TEST000000002');
    expect(mini?.brand).toBe('mini');
    expect(mini?.mappingInfo).toEqual({ vin: 'WMW0TEST000000002', mappingStatus: 'CONFIRMED' });
    expect(mini?.profile?.json).toEqual({ vin: 'WMW0TEST000000002', model: 'M' });
    expect(new TextDecoder().decode(mini?.state?.bytes)).toBe('INTERNAL SERVER ERROR');
    expect(mini?.state?.json).toBeUndefined();
    expect(mini?.state?.contentType).toContain('text/plain');
    expect(fingerprint.auth.get('oauth_config.json')?.json).toEqual({ clientId: 'c' });
    expect(fingerprint.remoteServices.get('eadrax_service_pending.json')?.json).toEqual({
      eventStatus: 'PENDING',
    });
    expect(fingerprint.vehicleLists.get('bmw')?.flatMap(mappingInfosOf)).toHaveLength(1);
  });

  it('merges several directories; lists of the same brand add up', async () => {
    const merged = await readFingerprintDirectories([
      fleet({ WBA0TEST000000001: 'bmw' }),
      fleet({ WBA0TEST000000003: 'bmw' }),
    ]);
    expect(merged.directories).toHaveLength(2);
    expect(merged.vehicles.size).toBe(2);
    expect(
      merged.vehicleLists
        .get('bmw')
        ?.flatMap(mappingInfosOf)
        .map((info) => info.vin),
    ).toEqual(['WBA0TEST000000001', 'WBA0TEST000000003']);
  });

  const absent = 'skipped when the reference data at ../shared/fixtures/mybmw is absent';
  describe.skipIf(!existsSync(SHARED_FIXTURES))(`the reference fixtures (${absent})`, () => {
    it('finds every vehicle with profile and state, and the charging settings the electrified ones have', async () => {
      const fingerprint = await readFingerprintDirectory(SHARED_FIXTURES);
      expect(fingerprint.vehicles.size).toBeGreaterThan(0);
      for (const vehicle of fingerprint.vehicles.values()) {
        expect(vehicle.profile?.json, vehicle.vin).toBeDefined();
        expect(vehicle.state?.json, vehicle.vin).toBeDefined();
        expect(vehicle.mappingInfo?.vin).toBe(vehicle.vin);
      }
      expect(fingerprint.vehicles.get('WZ100000000000J29')?.brand).toBe('toyota');
      expect(fingerprint.auth.has('oauth_config.json')).toBe(true);
      expect(fingerprint.remoteServices.has('eadrax_service_executed.json')).toBe(true);
    });
  });
});
