import { describe, expect, it } from 'vitest';
import { issuePaths, parse } from '../../../test/synthetic';

const km = (value: number) => ({ value, unit: 'km' });

describe('location', () => {
  const location = {
    coordinates: { latitude: 52.52, longitude: 13.405 },
    heading: 90,
    address: { formatted: 'x' },
  };
  it('reads position and heading', () => {
    const s = parse({ state: { location } });
    expect(s.vehicleLocation?.location).toEqual({ latitude: 52.52, longitude: 13.405 });
    expect(s.vehicleLocation?.heading).toBe(90);
  });
  it('a bad latitude drops only the position', () => {
    const s = parse({
      state: {
        location: { ...location, coordinates: { latitude: 123, longitude: 13.4 } },
        currentMileage: 7,
      },
    });
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(s.vehicleLocation?.heading).toBe(90);
    expect(s.mileage).toEqual(km(7));
    expect(issuePaths(s)).toEqual(['state.location.coordinates.latitude']);
  });
  it('a string longitude is an issue, not a crash', () => {
    const s = parse({ state: { location: { coordinates: { latitude: 1, longitude: '49.7' } } } });
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(issuePaths(s)).toEqual(['state.location.coordinates.longitude']);
  });
  it('a position without heading is kept', () => {
    const s = parse({ state: { location: { coordinates: { latitude: 1, longitude: 2 } } } });
    expect(s.vehicleLocation?.location).toEqual({ latitude: 1, longitude: 2 });
    expect(s.vehicleLocation?.heading).toBeUndefined();
  });
  it('china converts, other regions do not', () => {
    const state = { location: { coordinates: { latitude: 39.83492, longitude: 116.23221 }, heading: 1 } };
    expect(parse({ state }).vehicleLocation?.location?.latitude).toBe(39.83492);
    const cn = parse({ state, options: { region: 'cn' } });
    expect(cn.region).toBe('china');
    expect(cn.vehicleLocation?.accountRegion).toBe('china');
    expect(cn.vehicleLocation?.location?.latitude).toBeCloseTo(39.8337, 4);
  });
});

describe('location: physical ranges', () => {
  it('drops a heading outside 0..360 degrees and keeps the position', () => {
    for (const heading of [-1, 360.5, 720, 1e308]) {
      const s = parse({
        state: { location: { coordinates: { latitude: 52.52, longitude: 13.405 }, heading } },
      });
      expect(s.vehicleLocation?.heading, String(heading)).toBeUndefined();
      expect(s.vehicleLocation?.location).toEqual({ latitude: 52.52, longitude: 13.405 });
      expect(s.issues).toMatchObject([{ path: 'state.location.heading', code: 'invalid' }]);
    }
  });
  it('drops a latitude or longitude out of range, NaN or Infinity', () => {
    for (const [latitude, longitude] of [
      [90.0001, 0],
      [0, -180.5],
      [1e308, 0],
      [0, Number.NaN],
      [Number.NEGATIVE_INFINITY, 0],
    ]) {
      const s = parse({ state: { location: { coordinates: { latitude, longitude }, heading: 5 } } });
      expect(s.vehicleLocation?.location).toBeUndefined();
      expect(s.vehicleLocation?.heading).toBe(5);
      expect(s.issues.every((i) => i.code === 'invalid')).toBe(true);
      expect(s.issues.length).toBeGreaterThan(0);
    }
  });
});
