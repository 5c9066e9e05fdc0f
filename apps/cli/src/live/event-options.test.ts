import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../errors/cli-usage-error';
import { parseEventOptions, parseGeofence, parseThresholds } from './event-options';

const name = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((text) => text.trim() !== '' && text.trim() === text && !text.includes(','));

describe('--geofence NAME:LAT,LON,RADIUS_M', () => {
  it('reads back every geofence written in that form (the name may hold colons)', () => {
    fc.assert(
      fc.property(
        name,
        // -0 is written as "0": the same place.
        fc.double({ min: -90, max: 90, noNaN: true }).map((value) => value + 0),
        fc.double({ min: -180, max: 180, noNaN: true }).map((value) => value + 0),
        fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        (geofenceName, latitude, longitude, radius) => {
          expect(parseGeofence(`${geofenceName}:${latitude},${longitude},${radius}`)).toEqual({
            name: geofenceName,
            center: { latitude, longitude },
            radiusMeters: radius,
          });
        },
      ),
    );
  });

  it('refuses a latitude or longitude out of range and a radius not above 0, naming the geofence only', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.double({ min: 90.0001, max: 1e9, noNaN: true }), fc.constant(11), fc.constant(150)),
          fc.tuple(fc.constant(48), fc.double({ min: -1e9, max: -180.0001, noNaN: true }), fc.constant(150)),
          fc.tuple(fc.constant(48), fc.constant(11), fc.double({ min: -1e6, max: 0, noNaN: true })),
        ),
        ([latitude, longitude, radius]) => {
          const spec = `home:${latitude},${longitude},${radius}`;
          expect(() => parseGeofence(spec)).toThrow(CliUsageError);
          try {
            parseGeofence(spec);
          } catch (error) {
            expect((error as Error).message).toContain('--geofence home');
            // A position is private: never echoed back.
            expect((error as Error).message).not.toContain(String(latitude));
          }
        },
      ),
    );
  });

  it('refuses what is not the form', () => {
    for (const spec of [
      'home',
      ':48,11,150',
      'home:48,11',
      'home:48,11,150,3',
      'home:a,11,150',
      'home:48,11,',
    ]) {
      expect(() => parseGeofence(spec), spec).toThrow(CliUsageError);
    }
  });
});

describe('battery thresholds', () => {
  it('take repeated values and lists, every one a percentage', () => {
    expect(parseThresholds('--battery-below', ['20', '10,5'])).toEqual([20, 10, 5]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), (values) => {
        expect(parseThresholds('--battery-below', [values.join(',')])).toEqual(values);
      }),
    );
    for (const bad of ['101', '-1', 'x', '20,,10', '']) {
      expect(() => parseThresholds('--battery-below', [bad]), bad).toThrow(CliUsageError);
    }
  });
});

describe('the event options together', () => {
  it('are nothing when none is given, and refuse two geofences of one name', () => {
    expect(parseEventOptions({})).toBeUndefined();
    expect(parseEventOptions({ batteryBelow: ['20'] })).toEqual({
      geofences: [],
      batteryBelow: [20],
      batteryAbove: [],
    });
    expect(() => parseEventOptions({ geofence: ['a:1,1,1', 'a:2,2,2'] })).toThrow(/Two geofences/);
  });
});
