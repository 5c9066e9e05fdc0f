import { describe, expect, it } from 'vitest';
import { defaultMyBMWHeaders } from './headers';
import { buildStringFor, buildXUserAgent, hostXUserAgentBuildString, uuidV5Hex } from './user-agent';

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
