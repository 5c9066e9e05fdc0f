import { BimmerValidationError } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { normalizeBrand } from './brand';
import { defaultMyBMWHeaders } from './headers';
import { MYBMW_REGIONS, normalizeRegion } from './region';
import { getRegionConfig } from './region-config';
import { buildStringFor, buildXUserAgent, hostXUserAgentBuildString, uuidV5Hex } from './user-agent';

describe('regions', () => {
  it('lists the regions in the reference order', () => {
    expect(MYBMW_REGIONS).toEqual(['north_america', 'china', 'rest_of_world']);
  });

  it('accepts reference names, short codes and enum member names', () => {
    const cases: [string, string][] = [
      ['rest_of_world', 'rest_of_world'],
      ['REST_OF_WORLD', 'rest_of_world'],
      ['row', 'rest_of_world'],
      ['Rest of World', 'rest_of_world'],
      ['north-america', 'north_america'],
      ['NA', 'north_america'],
      ['cn', 'china'],
      ['China', 'china'],
    ];
    for (const [input, region] of cases) expect(normalizeRegion(input)).toBe(region);
  });

  it('rejects unknown regions with the valid names', () => {
    expect(() => normalizeRegion('unknown')).toThrow(BimmerValidationError);
    expect(() => normalizeRegion('unknown')).toThrow(
      'Unknown region unknown. Valid regions are: north_america,china,rest_of_world',
    );
  });

  it('has the reference hosts, keys and codes', () => {
    expect(getRegionConfig('na')).toMatchObject({
      host: 'cocoapi.bmwgroup.us',
      code: 'na',
      ocpApimSubscriptionKey: '31e102f5-6f7e-7ef3-9044-ddce63891362',
      hcaptchaSiteKey: 'dc24de9a-9844-438b-b542-60067ff4dbe9',
      requiresCaptchaToken: true,
    });
    expect(getRegionConfig('row')).toMatchObject({
      serverUrl: 'https://cocoapi.bmwgroup.com',
      code: 'row',
      ocpApimSubscriptionKey: '4f1c85a3-758f-a37d-bbb6-f8704494acfa',
    });
    expect(getRegionConfig('china')).toMatchObject({
      host: 'myprofile.bmw.com.cn',
      code: 'cn',
      ocpApimSubscriptionKey: undefined,
      requiresCaptchaToken: false,
    });
  });
});

describe('brands', () => {
  it('resolves leniently like CarBrands and rejects DRITTKUNDE', () => {
    expect(normalizeBrand('BMW')).toBe('bmw');
    expect(normalizeBrand('bmw_i')).toBe('bmw');
    expect(normalizeBrand('MINI')).toBe('mini');
    expect(normalizeBrand('toyota')).toBe('toyota');
    expect(() => normalizeBrand('DRITTKUNDE')).toThrow("'DRITTKUNDE' is not a valid brand");
  });
});

describe('x-user-agent', () => {
  it('computes a UUIDv5 like RFC 4122 (python uuid5 of www.example.com)', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com') == 2ed6657d-e927-568b-95e1-2665a8aea6a2
    expect(uuidV5Hex('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ED6657DE927568B95E12665A8AEA6A2',
    );
  });

  it('derives a build string from the digits of the UUID', () => {
    // Digits of 2ED6657DE927568B95E12665A8AEA6A2: 266579275689512665862; the first 6 and the last 3.
    expect(buildStringFor('www.example.com')).toBe('AP2A.266579.862');
    expect(buildStringFor('host-a')).not.toBe(buildStringFor('host-b'));
  });

  it('is stable per host and has the layout consumers split on', () => {
    expect(hostXUserAgentBuildString()).toBe(hostXUserAgentBuildString());
    const header = buildXUserAgent('mini', 'rest_of_world');
    expect(header).toMatch(/\([A-Z0-9]{4}\.[0-9]{6}\.[A-F0-9]{3}\)/);
    expect(header.split(';')).toEqual([
      `android(${hostXUserAgentBuildString()})`,
      'mini',
      '4.9.2(36892)',
      'row',
    ]);
  });

  it('builds the default API headers with one fresh correlation id per call', () => {
    const first = defaultMyBMWHeaders('bmw', 'china');
    const second = defaultMyBMWHeaders('bmw', 'china');
    expect(first).toMatchObject({
      accept: 'application/json',
      'accept-language': 'en',
      'x-raw-locale': 'en-US',
      'user-agent': 'Dart/3.3 (dart:io)',
      'x-identity-provider': 'gcdm',
      'bmw-units-preferences': 'd=KM;v=L;p=B;ec=KWH100KM;fc=L100KM;em=GKM;',
      '24-hour-format': 'true',
    });
    expect(first['x-user-agent']).toMatch(/;bmw;4\.9\.2\(36892\);cn$/);
    expect(first['x-correlation-id']).toBe(first['bmw-correlation-id']);
    expect(first['x-correlation-id']).not.toBe(second['x-correlation-id']);
  });
});
