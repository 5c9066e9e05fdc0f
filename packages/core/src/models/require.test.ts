import { describe, expect, it } from 'vitest';
import { isBimmerError } from '../errors/bimmer-error';
import { parseCarBrand, parseRegion, REGIONS } from './enums';
import { requireCarBrand, requireRegion } from './require';

describe('regions', () => {
  it('accepts the names, the short codes and the member names, however typed', () => {
    for (const [input, region] of [
      ['rest_of_world', 'rest_of_world'],
      ['Rest of World', 'rest_of_world'],
      ['REST_OF_WORLD', 'rest_of_world'],
      ['row', 'rest_of_world'],
      [' north-america ', 'north_america'],
      ['NA', 'north_america'],
      ['cn', 'china'],
    ] as const) {
      expect(parseRegion(input)).toBe(region);
      expect(requireRegion(input)).toBe(region);
    }
  });

  it('throws a typed validation error that lists the valid regions', () => {
    let error: unknown;
    try {
      requireRegion('mars');
    } catch (caught) {
      error = caught;
    }
    expect(isBimmerError(error, 'validation')).toBe(true);
    expect((error as Error).message).toContain(REGIONS.join(','));
  });

  it('parses every region back from its own name', () => {
    for (const region of REGIONS) expect(requireRegion(region)).toBe(region);
  });
});

describe('brands', () => {
  it('maps a Toyota Supra (DRITTKUNDE) to toyota, and BMW_I to bmw', () => {
    expect(requireCarBrand('DRITTKUNDE')).toBe('toyota');
    expect(requireCarBrand('BMW_I')).toBe('bmw');
    expect(parseCarBrand('mini')).toBe('mini');
    for (const supra of ['TOYOTA', 'Toyota Supra', 'TOYOTA-SUPRA', 'toyota_supra']) {
      expect(parseCarBrand(supra), supra).toBe('toyota');
    }
    expect(parseCarBrand('Rolls-Royce')).toBeUndefined();
    expect(() => requireCarBrand('tesla')).toThrow(/not a valid brand/);
  });
});
