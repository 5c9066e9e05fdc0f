import { VehicleEventTracker, vehicleToJSON } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDATA_DESCRIPTORS, type DescriptorName, descriptorKey } from '../descriptors';
import { readPersistedLiveState } from './live-state';
import { TrackedVehicle } from './tracked-vehicle';

const VIN = 'WBASIMCARDATA0001';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const basicData = { brand: 'BMW', driveTrain: 'BEV', modelName: 'iX xDrive50' };

/** A round trip through the state file: persisted, written as JSON, read back, restored. */
function roundTrip(vehicle: TrackedVehicle, memory?: Parameters<TrackedVehicle['toPersisted']>[0]) {
  const text = JSON.stringify({ version: 1, vehicles: { [VIN]: vehicle.toPersisted(memory, NOW) } });
  const state = readPersistedLiveState(JSON.parse(text));
  const persisted = state?.vehicles[VIN];
  if (persisted === undefined) throw new Error('the vehicle was not read back');
  return { restored: TrackedVehicle.restore(VIN, persisted, basicData), persisted };
}

describe('TrackedVehicle persistence', () => {
  it('restores every value with its own time and channel, unknown reports and the paired position included', () => {
    const vehicle = new TrackedVehicle(VIN, basicData);
    vehicle.telemetry.mergeRest({
      [descriptorKey('lockStatus')]: { value: 'SECURED', unit: null, timestamp: '2026-12-01T08:00:00Z' },
      [descriptorKey('conditionBasedServices')]: {
        value: '[{"type":"OIL","status":"PENDING","date":"2027-03"}]',
        unit: null,
        timestamp: '2026-12-01T06:00:00Z',
      },
    });
    vehicle.telemetry.mergeStream({
      [descriptorKey('batteryHeader')]: { value: 64, unit: 'percent', timestamp: '2026-12-01T09:00:00Z' },
      [descriptorKey('isMoving')]: { value: 'ASN_isUnknown', timestamp: '2026-12-01T09:00:01Z' },
      [descriptorKey('latitude')]: { value: 48.17, timestamp: '2026-12-01T09:00:02Z' },
      [descriptorKey('longitude')]: { value: 11.55, timestamp: '2026-12-01T09:00:03Z' },
    });
    vehicle.updatedAt = NOW - 60_000;
    vehicle.lastRestReadAt = NOW - 4 * 3_600_000;
    vehicle.lastStreamAt = NOW - 60_000;
    vehicle.recordAutomaticRead(NOW - 30 * 3_600_000);
    vehicle.recordAutomaticRead(NOW - 4 * 3_600_000);
    const { restored, persisted } = roundTrip(vehicle);
    expect(vehicleToJSON(restored.snapshot(NOW))).toEqual(vehicleToJSON(vehicle.snapshot(NOW)));
    expect(restored.snapshot(NOW).fieldTimes['doorsAndWindows.doorLockState']).toMatchObject({
      channel: 'rest',
    });
    expect(restored.snapshot(NOW).fieldTimes['vehicleLocation.location']).toMatchObject({
      at: new Date('2026-12-01T09:00:03Z'),
      channel: 'stream',
    });
    expect(restored.telemetry.get(descriptorKey('isMoving'))).toMatchObject({
      value: undefined,
      source: 'stream',
    });
    expect(restored).toMatchObject({
      restored: true,
      lastRestReadAt: NOW - 4 * 3_600_000,
      lastStreamAt: NOW - 60_000,
    });
    // Only the automatic reads of the last 24 hours are kept: the daily limit survives a restart.
    expect(persisted.automaticReads).toEqual([NOW - 4 * 3_600_000]);
  });

  it('keeps the event memory, so a restart tells nothing again', () => {
    const vehicle = new TrackedVehicle(VIN, basicData);
    const tracker = new VehicleEventTracker();
    const trunk = (value: string, timestamp: string) =>
      vehicle.telemetry.mergeStream({ [descriptorKey('trunkOpen')]: { value, timestamp } });
    trunk('CLOSED', '2026-12-01T08:00:00Z');
    tracker.track(vehicle.snapshot(NOW));
    trunk('OPEN', '2026-12-01T08:05:00Z');
    vehicle.invalidate();
    expect(tracker.track(vehicle.snapshot(NOW)).map((event) => event.type)).toEqual(['lid-opened']);
    const { restored, persisted } = roundTrip(vehicle, tracker.memoryOf(VIN));
    const after = new VehicleEventTracker();
    after.seed(restored.snapshot(NOW), persisted.memory);
    expect(after.track(restored.snapshot(NOW))).toEqual([]);
  });

  it('drops damaged entries one by one and ignores other versions', () => {
    const state = readPersistedLiveState({
      version: 1,
      discoveryAttemptAt: 'soon',
      vehicles: {
        [VIN]: {
          values: {
            good: { value: 1, at: NOW, channel: 'stream' },
            noTime: { value: 1, channel: 'stream' },
            badChannel: { value: 1, at: NOW, channel: 'poll' },
            badValue: { value: Number.NaN, at: NOW, channel: 'rest' },
          },
          memory: 'garbage',
          automaticReads: [NOW, 'x', null],
          lastRestReadAt: '2026',
        },
        other: 'not a vehicle',
      },
    });
    expect(state).toEqual({
      version: 1,
      discoveryAttemptAt: undefined,
      vehicles: {
        [VIN]: {
          values: { good: { value: 1, at: NOW, channel: 'stream' } },
          memory: undefined,
          updatedAt: undefined,
          lastRestReadAt: undefined,
          lastStreamAt: undefined,
          automaticReads: [NOW],
        },
      },
    });
    expect(readPersistedLiveState({ version: 2, vehicles: {} })).toBeUndefined();
    expect(readPersistedLiveState(undefined)).toBeUndefined();
  });

  it('restores any telemetry to the same snapshot (property)', () => {
    const names = Object.keys(CARDATA_DESCRIPTORS) as DescriptorName[];
    const entry = fc.record({
      name: fc.constantFrom(...names),
      value: fc.oneof(
        fc.integer({ min: -100, max: 100_000 }),
        // JSON has no negative zero: -0 is written as 0, the same measurement.
        fc.double({ min: -90, max: 90, noNaN: true }).map((value) => (Object.is(value, -0) ? 0 : value)),
        fc.boolean(),
        fc.constantFrom('OPEN', 'CLOSED', 'CHARGING', 'ASN_isUnknown', 'INVALID', 'SECURED', '[]'),
      ),
      offset: fc.integer({ min: 0, max: 86_400_000 }),
      channel: fc.constantFrom('stream' as const, 'rest' as const),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const vehicle = new TrackedVehicle(VIN, basicData);
        for (const { name, value, offset, channel } of entries) {
          const key = descriptorKey(name);
          const timestamp = new Date(NOW - offset).toISOString();
          if (channel === 'stream') vehicle.telemetry.mergeStream({ [key]: { value, timestamp } });
          else vehicle.telemetry.mergeRest({ [key]: { value: String(value), unit: null, timestamp } });
        }
        const { restored } = roundTrip(vehicle);
        expect(vehicleToJSON(restored.snapshot(NOW))).toEqual(vehicleToJSON(vehicle.snapshot(NOW)));
      }),
      { numRuns: 200 },
    );
  });
});
