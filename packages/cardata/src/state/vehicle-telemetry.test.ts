import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VehicleTelemetry } from './vehicle-telemetry';

const LAT = 'vehicle.cabin.infotainment.navigation.currentLocation.latitude';
const LON = 'vehicle.cabin.infotainment.navigation.currentLocation.longitude';
const SOC = 'vehicle.drivetrain.batteryManagement.header';

const update = fc.record({
  key: fc.constantFrom(SOC, 'vehicle.vehicle.travelledDistance', 'vehicle.isMoving'),
  value: fc.integer({ min: 0, max: 100 }),
  at: fc.integer({ min: 0, max: 1_000 }),
});

function apply(telemetry: VehicleTelemetry, updates: { key: string; value: number; at: number }[]) {
  for (const { key, value, at } of updates) {
    telemetry.mergeStream({
      [key]: { value, timestamp: new Date(1_700_000_000_000 + at * 1000).toISOString() },
    });
  }
}

describe('VehicleTelemetry', () => {
  it('ends with the newest value per field whatever order the burst arrives in', () => {
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 30 }), (updates) => {
        // Distinct timestamps per key, so "newest" is well defined.
        const unique = updates.filter(
          (item, index) =>
            updates.findIndex((other) => other.key === item.key && other.at === item.at) === index,
        );
        const forward = new VehicleTelemetry('V');
        const backward = new VehicleTelemetry('V');
        apply(forward, unique);
        apply(backward, [...unique].reverse());
        for (const key of new Set(unique.map((item) => item.key))) {
          const newest = unique.filter((item) => item.key === key).sort((a, b) => b.at - a.at)[0];
          expect(forward.get(key)?.timestamp).toBe(1_700_000_000_000 + (newest?.at ?? 0) * 1000);
          expect(forward.get(key)).toEqual(backward.get(key));
        }
      }),
    );
  });

  it('reports only the fields that changed', () => {
    const telemetry = new VehicleTelemetry('V');
    const first = { [SOC]: { value: 50, timestamp: '2026-01-01T10:00:00Z' } };
    expect(telemetry.mergeStream(first)).toEqual([SOC]);
    expect(telemetry.mergeStream(first)).toEqual([]);
    expect(telemetry.mergeStream({ [SOC]: { value: 40, timestamp: '2026-01-01T09:00:00Z' } })).toEqual([]);
    expect(telemetry.get(SOC)?.value).toBe(50);
  });

  it('pairs latitude and longitude from separate messages only when their times belong together', () => {
    const telemetry = new VehicleTelemetry('V', { locationPairWindowMs: 30_000 });
    telemetry.mergeStream({ [LAT]: { value: 48.1, timestamp: '2026-01-01T10:00:00Z' } });
    expect(telemetry.location).toBeUndefined();
    telemetry.mergeStream({ [LON]: { value: 11.5, timestamp: '2026-01-01T10:00:10Z' } });
    expect(telemetry.location).toMatchObject({ latitude: 48.1, longitude: 11.5 });
    // A new latitude without its longitude keeps the last complete position.
    telemetry.mergeStream({ [LAT]: { value: 52.5, timestamp: '2026-01-01T11:00:00Z' } });
    expect(telemetry.location).toMatchObject({ latitude: 48.1, longitude: 11.5 });
    telemetry.mergeRest({ [LON]: { value: '13.4', unit: 'degrees', timestamp: '2026-01-01T11:00:05Z' } });
    expect(telemetry.location).toMatchObject({ latitude: 52.5, longitude: 13.4, source: 'rest' });
  });

  it('skips REST entries that were never received', () => {
    const telemetry = new VehicleTelemetry('V');
    telemetry.mergeStream({ [SOC]: { value: 50, timestamp: '2026-01-01T10:00:00Z' } });
    expect(telemetry.mergeRest({ [SOC]: { value: null, unit: null, timestamp: null } })).toEqual([]);
    expect(telemetry.get(SOC)?.value).toBe(50);
  });
});
