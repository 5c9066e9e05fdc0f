import { describe, expect, it } from 'vitest';
import { type CarMessage, carSnapshot, playMessages } from '../../test/live-snapshots';
import { BimmerValidationError } from '../errors/errors';
import type { VehicleSnapshot } from '../models/vehicle';
import type { VehicleEvent } from './vehicle-event';
import { readVehicleEventMemory } from './vehicle-event-memory';
import { VehicleEventTracker } from './vehicle-event-tracker';

const T = Date.parse('2026-12-02T07:30:00Z');
const SECOND = 1000;

/** A morning: unlock, drive from home to work, lock; then the battery runs low. */
const MORNING: CarMessage[] = [
  {
    at: T,
    set: { lock: 'LOCKED', lids: { leftFront: 'CLOSED' }, moving: false, mileage: 23508, battery: 30 },
  },
  { at: T + 10 * SECOND, set: { position: { latitude: 52.5, longitude: 13.4 } } },
  { at: T + 20 * SECOND, set: { lock: 'UNLOCKED' } },
  { at: T + 25 * SECOND, set: { lids: { leftFront: 'OPEN' } } },
  { at: T + 32 * SECOND, set: { lids: { leftFront: 'CLOSED' } } },
  { at: T + 60 * SECOND, set: { moving: true } },
  {
    at: T + 1350 * SECOND,
    set: { moving: false, mileage: 23531, position: { latitude: 52.4862, longitude: 13.3 } },
  },
  { at: T + 1400 * SECOND, set: { lock: 'SECURED', battery: 18 } },
];

const SETTINGS = {
  geofences: [{ name: 'home', center: { latitude: 52.5, longitude: 13.4 }, radiusMeters: 150 }],
  batteryBelow: [20],
};

function trackAll(tracker: VehicleEventTracker, snapshots: readonly VehicleSnapshot[]): VehicleEvent[] {
  return snapshots.flatMap((snapshot) => [...tracker.track(snapshot)]);
}

describe('VehicleEventTracker', () => {
  it('turns a morning of stream messages into the story of it', () => {
    const tracker = new VehicleEventTracker({ settings: SETTINGS });
    const events = trackAll(tracker, playMessages(MORNING));
    expect(events.map((event) => [event.type, event.at.toISOString()])).toEqual([
      ['unlocked', '2026-12-02T07:30:20.000Z'],
      ['door-opened', '2026-12-02T07:30:25.000Z'],
      ['door-closed', '2026-12-02T07:30:32.000Z'],
      ['trip-started', '2026-12-02T07:31:00.000Z'],
      ['left', '2026-12-02T07:52:30.000Z'],
      ['trip-ended', '2026-12-02T07:52:30.000Z'],
      ['locked', '2026-12-02T07:53:20.000Z'],
      ['battery-below', '2026-12-02T07:53:20.000Z'],
    ]);
    expect(events.find((event) => event.type === 'trip-ended')?.detail.distanceKm).toBe(23);
  });

  it('does not replay anything after a restart from the persisted snapshot and memory', () => {
    const snapshots = playMessages(MORNING);
    const first = new VehicleEventTracker({ settings: SETTINGS });
    const expected = trackAll(first, snapshots);

    for (let cut = 1; cut < snapshots.length; cut += 1) {
      const before = new VehicleEventTracker({ settings: SETTINGS });
      const told = trackAll(before, snapshots.slice(0, cut));
      const vin = snapshots[0]?.vin ?? '';
      const persisted = JSON.parse(JSON.stringify(before.memoryOf(vin)));
      const restored = before.snapshotOf(vin);
      if (restored === undefined) throw new Error('tracked');

      const after = new VehicleEventTracker({ settings: SETTINGS });
      after.seed(restored, readVehicleEventMemory(persisted));
      // The restored snapshot again (a REST read that brought nothing new) tells nothing.
      expect(after.track(restored)).toEqual([]);
      const rest = trackAll(after, snapshots.slice(cut));
      expect([...told, ...rest], `restart after message ${cut}`).toEqual(expected);
    }
  });

  it('seeds without telling, even with no memory', () => {
    const [first, , third] = playMessages(MORNING);
    const tracker = new VehicleEventTracker();
    if (first === undefined || third === undefined) throw new Error('messages');
    tracker.seed(third);
    expect(tracker.vins).toEqual(['WBA00000000TEST01']);
    expect(tracker.snapshotOf(third.vin)).toBe(third);
    expect(tracker.track(third)).toEqual([]);
    expect(tracker.track(first)).toEqual([]);
  });

  it('treats a forgotten vehicle as new', () => {
    const tracker = new VehicleEventTracker();
    tracker.track(carSnapshot({ lock: 'LOCKED' }, T));
    tracker.forget('WBA00000000TEST01');
    expect(tracker.memoryOf('WBA00000000TEST01')).toBeUndefined();
    expect(tracker.track(carSnapshot({ lock: 'UNLOCKED' }, T + SECOND))).toEqual([]);
  });

  it('checks its settings when created and when they change', () => {
    expect(() => new VehicleEventTracker({ settings: { batteryBelow: [-1] } })).toThrow(
      BimmerValidationError,
    );
    const tracker = new VehicleEventTracker();
    expect(() => {
      tracker.settings = { batteryHysteresis: Number.POSITIVE_INFINITY };
    }).toThrow(BimmerValidationError);
    tracker.settings = { batteryAbove: [80] };
    expect(tracker.settings).toEqual({ batteryAbove: [80] });
    tracker.track(carSnapshot({ battery: 70 }, T));
    expect(tracker.track(carSnapshot({ battery: 80 }, T + SECOND)).map((event) => event.type)).toEqual([
      'battery-above',
    ]);
  });
});

describe('readVehicleEventMemory', () => {
  it('keeps what is well-formed and drops the rest entry by entry', () => {
    const memory = readVehicleEventMemory({
      version: 1,
      held: {
        'doorsAndWindows.doorLockState': { value: 'LOCKED', at: 5 },
        'vehicleLocation.location': { value: [52.5, 13.4], at: 6 },
        conditionBasedServices: { value: { OIL: 'OK' }, at: 7 },
        mileage: { value: Number.NaN, at: 8 },
        isMoving: { value: true, at: 'yesterday' },
        checkControlMessages: { value: { ENGINE_OIL: 3 }, at: 9 },
        'fuelAndBattery.chargingStatus': { value: null, at: 10 },
        'fuelAndBattery.isChargerConnected': { at: 11 },
      },
      batteryBelow: { '20': true, '10': 'yes' },
      batteryAbove: [],
      trip: { startedAt: 4, inferred: false, startMileageKm: 'far' },
    });
    expect(memory).toEqual({
      version: 1,
      held: {
        'doorsAndWindows.doorLockState': { value: 'LOCKED', at: 5 },
        'vehicleLocation.location': { value: [52.5, 13.4], at: 6 },
        conditionBasedServices: { value: { OIL: 'OK' }, at: 7 },
        // Reported without a value: kept, it dates the field.
        'fuelAndBattery.chargingStatus': { value: null, at: 10 },
      },
      batteryBelow: { '20': true },
      batteryAbove: {},
      trip: { startedAt: 4, inferred: false, startMileageKm: undefined },
    });
  });

  it('is undefined for anything that is not a memory of this version', () => {
    expect(readVehicleEventMemory(undefined)).toBeUndefined();
    expect(readVehicleEventMemory([])).toBeUndefined();
    expect(readVehicleEventMemory({ version: 2, held: {} })).toBeUndefined();
    expect(readVehicleEventMemory({ version: 1 })).toEqual({
      version: 1,
      held: {},
      batteryBelow: {},
      batteryAbove: {},
      trip: undefined,
    });
  });

  it('keeps a lid named like a prototype key as plain data', () => {
    const memory = readVehicleEventMemory(
      JSON.parse(
        '{"version":1,"held":{"__proto__":{"value":"OPEN","at":1}},"batteryBelow":{},"batteryAbove":{}}',
      ),
    );
    expect(Object.getPrototypeOf(memory?.held)).toBe(Object.prototype);
    expect(Object.keys(memory?.held ?? {})).toEqual(['__proto__']);
  });
});
