import { describe, expect, it } from 'vitest';
import {
  CarBrand,
  ChargingState,
  LidState,
  LockState,
  parseCarBrand,
  parseEnum,
  parseRegion,
  Region,
} from '../src/index';
import { toCamelCase } from '../src/models/derive';
import { lookupEnum } from '../src/models/enums';
import { gcj02ToWgs84, isValidGpsPosition, wgs84ToGcj02 } from '../src/models/gps';
import {
  formatTimeOfDay,
  isValidTimeZone,
  nextOccurrence,
  parseDateTime,
  parseTimeOfDay,
  truncateToSeconds,
} from '../src/models/time';

describe('parseEnum (StrEnum lookup)', () => {
  it('matches exactly and case-insensitively', () => {
    expect(parseEnum(LockState, 'LOCKED')).toBe(LockState.LOCKED);
    expect(parseEnum(LockState, 'locked')).toBe('LOCKED');
    expect(parseEnum(ChargingState, 'Waiting_For_Charging')).toBe('WAITING_FOR_CHARGING');
  });
  it('gives UNKNOWN for unknown strings, null and non-strings (bimmer_connected crashes on null)', () => {
    expect(parseEnum(LidState, 'AJAR')).toBe('UNKNOWN');
    expect(parseEnum(LidState, null)).toBe('UNKNOWN');
    expect(parseEnum(LidState, undefined)).toBe('UNKNOWN');
    expect(parseEnum(LidState, 42)).toBe('UNKNOWN');
    expect(parseEnum(LidState, { state: 'OPEN' })).toBe('UNKNOWN');
    expect(parseEnum(LidState, '')).toBe('UNKNOWN');
  });
  it('lookupEnum tells unknown apart', () => {
    expect(lookupEnum(LidState, 'open')).toBe('OPEN');
    expect(lookupEnum(LidState, 'ajar')).toBeUndefined();
    expect(lookupEnum(LidState, 'unknown')).toBe('UNKNOWN');
  });
});

describe('parseCarBrand / parseRegion', () => {
  it('parses brands like CarBrands', () => {
    expect(parseCarBrand('BMW')).toBe(CarBrand.BMW);
    expect(parseCarBrand('bmw')).toBe('bmw');
    expect(parseCarBrand('BMW_I')).toBe('bmw');
    expect(parseCarBrand('MINI')).toBe('mini');
    expect(parseCarBrand('TOYOTA_X')).toBe('toyota');
    expect(parseCarBrand('DRITTKUNDE')).toBe('toyota');
    expect(parseCarBrand('Audi')).toBeUndefined();
    expect(parseCarBrand(null)).toBeUndefined();
  });
  it('parses regions, long and short', () => {
    expect(parseRegion('rest_of_world')).toBe(Region.REST_OF_WORLD);
    expect(parseRegion('row')).toBe('rest_of_world');
    expect(parseRegion('NA')).toBe('north_america');
    expect(parseRegion('north-america')).toBe('north_america');
    expect(parseRegion('cn')).toBe('china');
    expect(parseRegion('mars')).toBeUndefined();
    expect(parseRegion(1)).toBeUndefined();
  });
});

describe('parseDateTime (parse_datetime)', () => {
  it('drops fractions and converts offsets to UTC', () => {
    expect(parseDateTime('2023-01-04T14:57:06.386Z')).toEqual(new Date('2023-01-04T14:57:06Z'));
    expect(parseDateTime('2021-11-12T13:14:15.567Z')).toEqual(new Date('2021-11-12T13:14:15Z'));
    expect(parseDateTime('2021-11-12T16:14:15+03:00')).toEqual(new Date('2021-11-12T13:14:15Z'));
    expect(parseDateTime('2021-11-12T16:14:15+0300')).toEqual(new Date('2021-11-12T13:14:15Z'));
    expect(parseDateTime('2021-11-12T10:14:15.123456-03:00')).toEqual(new Date('2021-11-12T13:14:15Z'));
    expect(parseDateTime('2021-11-12T13:14:15Z')).toEqual(new Date('2021-11-12T13:14:15Z'));
  });
  it('parses year 1', () => {
    const d = parseDateTime('0001-01-01T00:00:00Z');
    expect(d?.getUTCFullYear()).toBe(1);
    expect(d?.getUTCMonth()).toBe(0);
  });
  it('rejects invalid dates, missing zones, date-only strings and non-strings', () => {
    for (const bad of [
      '2021-14-12T13:14:15Z',
      '2021-02-30T13:14:15Z',
      '2021-11-12T24:00:00Z',
      '2021-11-12T13:14:15',
      '2021-11-12',
      '',
      'None',
      '2021-11-12T13:14:15.1234567Z',
    ]) {
      expect(parseDateTime(bad), bad).toBeUndefined();
    }
    expect(parseDateTime(null)).toBeUndefined();
    expect(parseDateTime(1234)).toBeUndefined();
    expect(parseDateTime('2024-02-29T00:00:00Z')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
  });
  it('truncateToSeconds', () => {
    expect(truncateToSeconds(new Date('2021-11-28T21:28:59.999Z'))).toEqual(new Date('2021-11-28T21:28:59Z'));
  });
});

describe('times of day', () => {
  it('formats and parses', () => {
    expect(formatTimeOfDay({ hour: 7, minute: 5 })).toBe('07:05:00');
    expect(parseTimeOfDay('18:01:00')).toEqual({ hour: 18, minute: 1 });
    expect(parseTimeOfDay('18:01')).toEqual({ hour: 18, minute: 1 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay(5)).toBeUndefined();
  });
});

describe('nextOccurrence (get_next_occurrence, zone-aware)', () => {
  const t = { hour: 18, minute: 1 };
  it('today when the time is still ahead, tomorrow when it has passed', () => {
    expect(nextOccurrence(new Date('2021-11-28T10:00:00Z'), t, 'UTC')).toEqual(
      new Date('2021-11-28T18:01:00Z'),
    );
    expect(nextOccurrence(new Date('2021-11-28T18:01:00Z'), t, 'UTC')).toEqual(
      new Date('2021-11-28T18:01:00Z'),
    );
    expect(nextOccurrence(new Date('2021-11-28T18:01:01Z'), t, 'UTC')).toEqual(
      new Date('2021-11-29T18:01:00Z'),
    );
    expect(nextOccurrence(new Date('2021-11-28T18:01:00.500Z'), t, 'UTC')).toEqual(
      new Date('2021-11-29T18:01:00Z'),
    );
  });
  it('uses the wall clock of the zone', () => {
    // 17:28:59Z is 18:28:59 in Berlin (CET): past 18:01, so tomorrow 18:01 CET = 17:01Z.
    expect(nextOccurrence(new Date('2021-11-28T17:28:59Z'), t, 'Europe/Berlin')).toEqual(
      new Date('2021-11-29T17:01:00Z'),
    );
    // Summer time (CEST, +02:00).
    expect(nextOccurrence(new Date('2021-07-01T08:00:00Z'), t, 'Europe/Berlin')).toEqual(
      new Date('2021-07-01T16:01:00Z'),
    );
    expect(
      nextOccurrence(new Date('2021-11-28T23:30:00Z'), { hour: 1, minute: 30 }, 'America/Los_Angeles'),
    ).toEqual(new Date('2021-11-29T09:30:00Z'));
  });
  it('crosses month and year ends', () => {
    expect(nextOccurrence(new Date('2021-12-31T23:00:00Z'), { hour: 7, minute: 0 }, 'UTC')).toEqual(
      new Date('2022-01-01T07:00:00Z'),
    );
  });
  it('knows valid time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('GPS and GCJ-02', () => {
  it('validates ranges', () => {
    expect(isValidGpsPosition({ latitude: 48.1, longitude: 11.5 })).toBe(true);
    expect(isValidGpsPosition({ latitude: 91, longitude: 0 })).toBe(false);
    expect(isValidGpsPosition({ latitude: 0, longitude: 181 })).toBe(false);
    expect(isValidGpsPosition({ latitude: 0, longitude: '49.7' })).toBe(false);
    expect(isValidGpsPosition({ latitude: Number.NaN, longitude: 0 })).toBe(false);
    expect(isValidGpsPosition({ latitude: -90, longitude: -180 })).toBe(true);
  });
  it('converts GCJ-02 to WGS-84 (test value of coord_convert)', () => {
    const wgs = gcj02ToWgs84({ latitude: 39.83492, longitude: 116.23221 });
    expect(wgs.latitude).toBeCloseTo(39.83369819675141, 12);
    expect(wgs.longitude).toBeCloseTo(116.22616903935962, 12);
    const back = wgs84ToGcj02(wgs);
    expect(back.latitude).toBeCloseTo(39.83492, 6);
    expect(back.longitude).toBeCloseTo(116.23221, 6);
  });
  it('leaves positions outside China alone', () => {
    expect(gcj02ToWgs84({ latitude: 48.177334, longitude: 11.556274 })).toEqual({
      latitude: 48.177334,
      longitude: 11.556274,
    });
  });
});

describe('toCamelCase (to_camel_case)', () => {
  it('camel-cases', () => {
    expect(toCamelCase('SUN_ROOF')).toBe('sunRoof');
    expect(toCamelCase('SNAKE_CASE')).toBe('snakeCase');
    expect(toCamelCase('MOON-ROOF')).toBe('moonroof');
    expect(toCamelCase('a__b')).toBe('aB');
    expect(toCamelCase('')).toBe('');
  });
});
