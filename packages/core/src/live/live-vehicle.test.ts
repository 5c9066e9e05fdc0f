import { describe, expect, it } from 'vitest';
import { carSnapshot } from '../../test/live-snapshots';
import { BimmerValidationError } from '../errors/errors';
import { createLiveVehicle } from './live-vehicle';

const T = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;

describe('createLiveVehicle', () => {
  const snapshot = carSnapshot({ battery: 55, mileage: 23508, lids: { trunk: 'CLOSED' } }, T + 10 * MINUTE, {
    'fuelAndBattery.remainingBatteryPercent': T + 9 * MINUTE,
    'doorsAndWindows.lids.trunk': T,
  });

  it('ages each field from its own time, growing with the clock', () => {
    let now = T + 10 * MINUTE;
    const vehicle = createLiveVehicle(snapshot, { staleAfterMs: 30 * MINUTE, now: () => now });
    expect(vehicle.vin).toBe(snapshot.vin);
    expect(vehicle.snapshot).toBe(snapshot);
    expect(vehicle.restored).toBe(false);
    expect(vehicle.ageOf('fuelAndBattery.remainingBatteryPercent')).toBe(MINUTE);
    expect(vehicle.ageOf('doorsAndWindows.lids.trunk')).toBe(10 * MINUTE);
    expect(vehicle.ageOf('mileage')).toBe(0);
    now += 5 * MINUTE;
    expect(vehicle.ageOf('fuelAndBattery.remainingBatteryPercent')).toBe(6 * MINUTE);
  });

  it('has no age for a field the snapshot does not know', () => {
    const vehicle = createLiveVehicle(snapshot, { staleAfterMs: MINUTE, now: () => T });
    expect(vehicle.ageOf('fuelAndBattery.remainingFuel')).toBeUndefined();
    expect(vehicle.ageOf('doorsAndWindows.lids.hood')).toBeUndefined();
    expect(vehicle.ageOf('no.such.path')).toBeUndefined();
    // Before the field was measured (a clock behind the car's) the age is zero, not negative.
    expect(vehicle.ageOf('mileage')).toBe(0);
  });

  it('turns stale once its newest field is older than the threshold', () => {
    let now = T + 10 * MINUTE;
    const vehicle = createLiveVehicle(snapshot, {
      restored: true,
      staleAfterMs: 30 * MINUTE,
      now: () => now,
    });
    expect(vehicle.restored).toBe(true);
    expect(vehicle.staleSince).toBeUndefined();
    now = T + 60 * MINUTE;
    expect(vehicle.staleSince?.getTime()).toBe(T + 40 * MINUTE);
  });

  it('refuses a threshold that is not a duration', () => {
    expect(() => createLiveVehicle(snapshot, { staleAfterMs: -1 })).toThrow(BimmerValidationError);
    expect(() => createLiveVehicle(snapshot, { staleAfterMs: Number.NaN })).toThrow(BimmerValidationError);
  });

  it('uses the system clock by default', () => {
    const vehicle = createLiveVehicle(snapshot, { staleAfterMs: MINUTE });
    expect(vehicle.ageOf('mileage')).toBeGreaterThan(0);
    expect(vehicle.staleSince).toBeInstanceOf(Date);
  });
});
