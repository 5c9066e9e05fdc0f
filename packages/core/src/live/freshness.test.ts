import { describe, expect, it } from 'vitest';
import { parse } from '../../test/synthetic';
import type { VehicleSnapshot } from '../models/vehicle';
import { fieldAge, fieldTimeOf, newestFieldTime, staleSince } from './freshness';

const t0 = Date.parse('2026-12-01T10:00:00Z');

describe('field freshness', () => {
  const snapshot: VehicleSnapshot = {
    ...parse(),
    fetchedAt: new Date(t0),
    fieldTimes: {
      'fuelAndBattery.remainingBatteryPercent': {
        at: new Date(t0 - 60_000),
        source: 'cardata',
        channel: 'stream',
      },
      doorsAndWindows: { at: new Date(t0 - 3_600_000), source: 'cardata', channel: 'rest' },
    },
  };

  it('finds a field time by path, falling back to the parent block', () => {
    expect(fieldTimeOf(snapshot, 'fuelAndBattery.remainingBatteryPercent')?.channel).toBe('stream');
    expect(fieldTimeOf(snapshot, 'doorsAndWindows.doorLockState')?.channel).toBe('rest');
    expect(fieldTimeOf(snapshot, 'mileage')).toBeUndefined();
  });

  it('ages a field from its time, or from fetchedAt when it has none', () => {
    expect(fieldAge(snapshot, 'fuelAndBattery.remainingBatteryPercent', t0)).toBe(60_000);
    expect(fieldAge(snapshot, 'mileage', t0 + 5_000)).toBe(5_000);
    expect(fieldAge(snapshot, 'mileage', t0 - 5_000)).toBe(0);
  });

  it('is stale once the newest field is older than the threshold', () => {
    expect(newestFieldTime(snapshot).getTime()).toBe(t0 - 60_000);
    expect(staleSince(snapshot, 120_000, t0)).toBeUndefined();
    expect(staleSince(snapshot, 30_000, t0)?.getTime()).toBe(t0 - 30_000);
  });
});
