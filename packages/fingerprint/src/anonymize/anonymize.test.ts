import { describe, expect, it } from 'vitest';
import { anonymize, anonymizeTextBody } from './anonymize';
import { AnonymizationContext } from './context';
import { PLACEHOLDERS } from './placeholders';

/** A state-like response with our own invented values. */
function sampleState() {
  return {
    gcid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    vin: 'WBA12345678ABCDE9',
    state: {
      licensePlate: 'M-XY 1234',
      location: {
        address: { formatted: 'Musterstraße 1, 80331 München' },
        coordinates: { latitude: 48.137154, longitude: 11.576124 },
        heading: 271,
      },
      currentMileage: 137009,
      isLeftSteering: true,
      requiredServices: [{ type: 'OIL', description: 'Oil service for WBA12345678ABCDE9' }],
      tags: ['WBA12345678ABCDE9', 'owner jane@mail.example.org', 'plain'],
    },
    dealer: { name: 'Autohaus Beispiel', phone: '+49 89 1234567', id: 4711, address: { city: 'München' } },
    driver: { firstName: 'Jane', lastName: 'Doe', phoneNumber: '089 1234567' },
    access_token: 'opaque-access',
    refreshToken: 'opaque-refresh',
    password: 'hunter2',
    WBA12345678ABCDE9: { note: 'keyed by VIN' },
  };
}

describe('anonymize', () => {
  it('replaces every identifying field and keeps the rest', () => {
    const result = anonymize(sampleState());
    expect(result).toEqual({
      gcid: '00000000-0000-4000-8000-000000000001',
      vin: 'WBA0FINGERPRINT01',
      state: {
        licensePlate: PLACEHOLDERS.licensePlate,
        location: {
          address: { formatted: PLACEHOLDERS.address },
          coordinates: { latitude: PLACEHOLDERS.latitude, longitude: PLACEHOLDERS.longitude },
          heading: PLACEHOLDERS.heading,
        },
        currentMileage: 137009,
        isLeftSteering: true,
        requiredServices: [{ type: 'OIL', description: 'Oil service for WBA0FINGERPRINT01' }],
        tags: ['WBA0FINGERPRINT01', `owner ${PLACEHOLDERS.email}`, 'plain'],
      },
      dealer: {
        name: PLACEHOLDERS.name,
        phone: PLACEHOLDERS.phone,
        id: 4711,
        address: { city: PLACEHOLDERS.city },
      },
      driver: { firstName: PLACEHOLDERS.name, lastName: PLACEHOLDERS.name, phoneNumber: PLACEHOLDERS.phone },
      access_token: PLACEHOLDERS.token,
      refreshToken: PLACEHOLDERS.token,
      password: PLACEHOLDERS.secret,
      WBA0FINGERPRINT01: { note: 'keyed by VIN' },
    });
  });

  it('replaces every string of a dealer block, whatever its keys', () => {
    const result = anonymize({
      dealerInfo: { label: 'Autohaus Beispiel GmbH', opening: ['Mo 8-18'], rating: 4.5 },
    });
    expect(result).toEqual({
      dealerInfo: { label: PLACEHOLDERS.dealer, opening: [PLACEHOLDERS.dealer], rating: 4.5 },
    });
  });

  it('keeps types: positions given as strings stay strings, booleans and null stay', () => {
    expect(anonymize({ lat: '48.1', lon: '11.5', heading: null, name: true })).toEqual({
      lat: String(PLACEHOLDERS.latitude),
      lon: String(PLACEHOLDERS.longitude),
      heading: null,
      name: true,
    });
  });

  it('does not change its input', () => {
    const input = sampleState();
    const copy = structuredClone(input);
    anonymize(input);
    expect(input).toEqual(copy);
  });

  it('uses one map across calls, so a recording stays consistent', () => {
    const vinMap = new AnonymizationContext();
    const list = anonymize(
      { mappingInfos: [{ vin: 'WMW98765432ZYXWV1' }, { vin: 'WBA12345678ABCDE9' }] },
      { vinMap },
    );
    const profile = anonymize({ vin: 'wba12345678abcde9', model: 'i4' }, { vinMap });
    expect(list.mappingInfos.map((info) => info.vin)).toEqual(['WMW0FINGERPRINT01', 'WBA0FINGERPRINT02']);
    expect(profile.vin).toBe('WBA0FINGERPRINT02');
  });

  it('does not give a new VIN a placeholder the input already uses', () => {
    const result = anonymize({ a: 'WBA12345678ABCDE9', b: 'WBA0FINGERPRINT01' });
    expect(result).toEqual({ a: 'WBA0FINGERPRINT02', b: 'WBA0FINGERPRINT01' });
  });

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__": {"vin": "WBA12345678ABCDE9"}}') as Record<string, unknown>;
    const result = anonymize(input);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"vin":"WBA0FINGERPRINT01"}}');
  });
});

describe('anonymizeTextBody', () => {
  it('anonymises a plain-text body', () => {
    expect(anonymizeTextBody('No vehicle WBA12345678ABCDE9 for jane@mail.example.org')).toBe(
      `No vehicle WBA0FINGERPRINT01 for ${PLACEHOLDERS.email}`,
    );
  });
});
