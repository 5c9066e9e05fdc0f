import { describe, expect, it } from 'vitest';
import { issuePaths, parse } from '../../../test/synthetic';

describe('condition-based services', () => {
  it('parses, drops broken entries, and finds the next services', () => {
    const s = parse({
      state: {
        requiredServices: [
          { type: 'OIL', status: 'OK', dateTime: '2026-01-01T00:00:00.000Z', mileage: 15000 },
          { type: 'BRAKE_FLUID', status: 'OK', dateTime: '2025-06-01T00:00:00.000Z', mileage: 9000 },
          { status: 'OK' },
          { type: 'VEHICLE_CHECK', status: 'PENDING', dateTime: 'soon', mileage: 0 },
          { type: 'AAA', status: 'OK', mileage: 9000 },
          { type: 'TIRE_WEAR', status: 'SOMETHING' },
        ],
      },
    });
    const cbs = s.conditionBasedServices;
    expect(cbs?.messages.map((m) => m.serviceType)).toEqual([
      'OIL',
      'BRAKE_FLUID',
      'VEHICLE_CHECK',
      'AAA',
      'TIRE_WEAR',
    ]);
    expect(cbs?.messages[2]).toEqual({
      serviceType: 'VEHICLE_CHECK',
      state: 'PENDING',
      dueDate: undefined,
      dueDistance: undefined,
    });
    expect(cbs?.messages[4]?.state).toBe('UNKNOWN');
    expect(cbs?.isServiceRequired).toBe(true);
    expect(cbs?.nextServiceByDistance?.serviceType).toBe('AAA'); // 9000 tie: alphabetical
    expect(cbs?.nextServiceByTime?.serviceType).toBe('BRAKE_FLUID');
    expect(issuePaths(s).sort()).toEqual([
      'state.requiredServices.2.type',
      'state.requiredServices.3.dateTime',
      'state.requiredServices.5.status',
    ]);
  });
  it('next by distance compares numbers (not strings)', () => {
    const s = parse({
      state: {
        requiredServices: [
          { type: 'A', status: 'OK', mileage: 100000 },
          { type: 'B', status: 'OK', mileage: 20000 },
        ],
      },
    });
    expect(s.conditionBasedServices?.nextServiceByDistance?.serviceType).toBe('B');
  });
});

describe('condition-based services: physical ranges', () => {
  it('drops an absurd due distance; an overdue (negative) one is kept', () => {
    const s = parse({
      state: {
        requiredServices: [
          { type: 'OIL', status: 'OK', mileage: 1e308 },
          { type: 'BRAKE_FLUID', status: 'OVERDUE', mileage: -500 },
        ],
      },
    });
    expect(s.conditionBasedServices?.messages.map((m) => m.dueDistance)).toEqual([
      undefined,
      { value: -500, unit: 'km' },
    ]);
    expect(issuePaths(s)).toEqual(['state.requiredServices.0.mileage']);
  });
});
