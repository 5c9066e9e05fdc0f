import { describe, expect, it } from 'vitest';
import { carSnapshot } from '../../test/live-snapshots';
import { parse } from '../../test/synthetic';
import { changedFields } from './changed-fields';

const T = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;

describe('changedFields', () => {
  it('lists the leaves that changed, appeared or disappeared, with their times', () => {
    const before = carSnapshot(
      { lock: 'LOCKED', lids: { trunk: 'CLOSED', hood: 'CLOSED' }, battery: 55, mileage: 100 },
      T,
    );
    const after = carSnapshot(
      {
        lock: 'LOCKED',
        lids: { trunk: 'OPEN', hood: 'CLOSED' },
        battery: 54,
        position: { latitude: 1, longitude: 2 },
      },
      T + 5 * MINUTE,
      { 'doorsAndWindows.lids.trunk': T + 2 * MINUTE },
    );
    const changes = changedFields(before, after);
    expect(changes.map((change) => [change.path, change.time.at.getTime()])).toEqual([
      ['doorsAndWindows.lids.trunk', T + 2 * MINUTE],
      ['fuelAndBattery.remainingBatteryPercent', T + 5 * MINUTE],
      ['mileage', T + 5 * MINUTE],
      ['vehicleLocation.location', T + 5 * MINUTE],
    ]);
    expect(changes[0]?.time).toEqual({ at: new Date(T + 2 * MINUTE), source: 'cardata', channel: 'stream' });
  });

  it('lists nothing for the same data fetched again, bookkeeping aside', () => {
    const snapshot = parse({ state: { currentMileage: 1121, lastFetched: '2025-03-10T11:00:00Z' } });
    const again = {
      ...parse({ state: { currentMileage: 1121, lastFetched: '2025-03-10T11:30:00Z' } }),
      fetchedAt: new Date(T),
    };
    expect(changedFields(snapshot, again)).toEqual([]);
  });

  it('times a field without a field time by fetchedAt and the source', () => {
    const before = parse({ state: { currentMileage: 1121 } });
    const after = { ...parse({ state: { currentMileage: 1130 } }), fetchedAt: new Date(T) };
    expect(changedFields(before, after)).toEqual([
      { path: 'mileage', time: { at: new Date(T), source: 'mybmw' } },
    ]);
  });

  it('lists every leaf of a first snapshot, none of them derived', () => {
    const paths = changedFields(undefined, carSnapshot({ lids: { trunk: 'OPEN' }, battery: 10 }, T)).map(
      (change) => change.path,
    );
    expect(paths).toContain('doorsAndWindows.lids.trunk');
    expect(paths).toContain('fuelAndBattery.remainingBatteryPercent');
    expect(paths).toContain('vin');
    for (const derived of [
      'doorsAndWindows.openLids',
      'doorsAndWindows.allLidsClosed',
      'fetchedAt',
      'issues',
    ]) {
      expect(paths).not.toContain(derived);
    }
  });
});
