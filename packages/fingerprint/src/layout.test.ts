import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargingSettingsFileName,
  contentTypeForFileName,
  extensionForContentType,
  FINGERPRINT_PATHS,
  fingerprintFileName,
  imageFileName,
  parseFingerprintFileName,
  profileFileName,
  stateFileName,
  vehicleListFileName,
} from './layout';

const brand = fc.constantFrom('bmw', 'mini', 'toyota');
const vin = fc.stringMatching(/^[A-Z0-9]{17}$/);

describe('fingerprint file names', () => {
  it('are the names bimmer_connected writes', () => {
    expect(vehicleListFileName('bmw')).toBe('bmw-eadrax-vcs_v5_vehicle-list.json');
    expect(profileFileName('bmw', 'WBA0FINGERPRINT01')).toBe(
      'bmw-eadrax-vcs_v5_vehicle-data_profile_WBA0FINGERPRINT01.json',
    );
    expect(stateFileName('toyota', 'WZ10FINGERPRINT02')).toBe(
      'toyota-eadrax-vcs_v4_vehicles_state_WZ10FINGERPRINT02.json',
    );
    expect(chargingSettingsFileName('bmw', 'WBA0FINGERPRINT01')).toBe(
      'bmw-eadrax-crccs_v2_vehicles_WBA0FINGERPRINT01.json',
    );
    expect(stateFileName('bmw', 'X', 'text/plain')).toBe('bmw-eadrax-vcs_v4_vehicles_state_X.txt');
    expect(
      fingerprintFileName({
        brand: 'mini',
        path: '/eadrax-crccs/v1/vehicles/WBA0FINGERPRINT01/charging-settings?x=1',
        contentType: 'application/json; charset=utf-8',
      }),
    ).toBe('mini-eadrax-crccs_v1_vehicles_WBA0FINGERPRINT01_charging-settings.json');
    expect(fingerprintFileName({ path: '/a/b', contentType: undefined })).toBe('a_b.bin');
  });

  it('parse back into kind, brand and VIN', () => {
    fc.assert(
      fc.property(brand, vin, (b, v) => {
        expect(parseFingerprintFileName(vehicleListFileName(b))).toEqual({
          kind: 'vehicleList',
          brand: b,
          extension: '.json',
        });
        expect(parseFingerprintFileName(profileFileName(b, v))).toEqual({
          kind: 'profile',
          brand: b,
          vin: v,
          extension: '.json',
        });
        expect(parseFingerprintFileName(stateFileName(b, v))).toEqual({
          kind: 'state',
          brand: b,
          vin: v,
          extension: '.json',
        });
        expect(parseFingerprintFileName(chargingSettingsFileName(b, v))).toMatchObject({
          kind: 'chargingSettings',
          vin: v,
        });
        expect(parseFingerprintFileName(imageFileName(b, v))).toMatchObject({
          kind: 'image',
          vin: v,
          extension: '.png',
        });
      }),
    );
  });

  it('ignore files that are not vehicle responses', () => {
    for (const name of [
      'README.md',
      'oauth_config.json',
      'bmw-eadrax-vcs_v5_vehicle-list_extra.json',
      'bmw-eadrax-vcs_v4_vehicles_state_.json',
      'mini-eadrax-crccs_v1_vehicles_WBA0FINGERPRINT01_charging-settings.json',
    ]) {
      expect(parseFingerprintFileName(name)).toBeUndefined();
    }
  });

  it('map content types and extensions both ways', () => {
    expect(extensionForContentType('application/json; charset=utf-8')).toBe('.json');
    expect(extensionForContentType('TEXT/PLAIN')).toBe('.txt');
    expect(extensionForContentType('image/png')).toBe('.png');
    expect(extensionForContentType(undefined)).toBe('.bin');
    expect(contentTypeForFileName('x.json')).toBe('application/json');
    expect(contentTypeForFileName('x.txt')).toContain('text/plain');
    expect(contentTypeForFileName('noextension')).toBe('application/octet-stream');
    expect(Object.values(FINGERPRINT_PATHS).every((path) => path.startsWith('/eadrax-'))).toBe(true);
  });
});
