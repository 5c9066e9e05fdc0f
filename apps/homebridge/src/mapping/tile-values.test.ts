import type { LiveConnection, VehicleSnapshot } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../config/parse-platform-config';
import { myBMWFleet } from '../test-support/fleet';
import { HapValue } from './hap-values';
import { planServices } from './service-plan';
import { RECONNECT_GRACE_MS, statusValues } from './status-values';
import { tileValues } from './tile-values';
import { vehicleValues } from './vehicle-values';

const parsed = parsePlatformConfig({ services: { stateOfChargeSensor: true, doorsPerDoor: true } }, '/hb');
if (!parsed.ok) throw new Error('config must parse');
const SETTINGS = parsed.settings.defaults;
const now = Date.parse('2026-12-01T12:00:00Z');
const connection = (state: LiveConnection['state'], sinceMs = 0): LiveConnection => ({
  state,
  since: new Date(now - sinceMs),
});

describe('statusValues', () => {
  it('faults on stale data and on a lost stream, not on a routine reconnect', () => {
    expect(statusValues({ staleSince: undefined, connection: connection('connected'), now })).toEqual({
      active: true,
      fault: HapValue.NO_FAULT,
    });
    expect(statusValues({ staleSince: new Date(now), connection: connection('connected'), now })).toEqual({
      active: false,
      fault: HapValue.GENERAL_FAULT,
    });
    expect(
      statusValues({ staleSince: undefined, connection: connection('reconnecting', 1_000), now }).fault,
    ).toBe(0);
    expect(
      statusValues({ staleSince: undefined, connection: connection('reconnecting', RECONNECT_GRACE_MS), now })
        .fault,
    ).toBe(1);
    expect(statusValues({ staleSince: undefined, connection: connection('kicked'), now }).fault).toBe(1);
    expect(statusValues({ staleSince: undefined, connection: connection('failed'), now })).toEqual({
      active: false,
      fault: 1,
    });
  });
});

describe('tileValues', () => {
  const fleet = myBMWFleet();
  const context = { status: { active: true, fault: 0 as const }, inUse: true };

  it('gives each planned tile its characteristics, sensors with their status', () => {
    const snapshot = fleet.get('320d-attention') as VehicleSnapshot;
    const values = vehicleValues(snapshot, SETTINGS);
    const plan = planServices(values, SETTINGS, { canLock: false, canClimate: false });
    const tiles = Object.fromEntries(
      plan.map((tile) => [tile.subtype, tileValues(tile.subtype, tile.kind, values, context)]),
    );
    expect(tiles['door-leftFront']).toEqual({ ContactSensorState: 1, StatusActive: true, StatusFault: 0 });
    expect(tiles['door-rightFront']).toEqual({ ContactSensorState: 0, StatusActive: true, StatusFault: 0 });
    expect(tiles.lock).toEqual({ LockCurrentState: 0, LockTargetState: 0 });
    expect(tiles.battery).toEqual({ BatteryLevel: 11, ChargingState: 2, StatusLowBattery: 1 });
    expect(tiles['in-use']).toEqual({ MotionDetected: true, StatusActive: true, StatusFault: 0 });
  });

  it('keeps every value in HAP range for any battery, charging and lid state (property)', () => {
    const base = fleet.get('i5-charging-settings') as VehicleSnapshot;
    const lidState = fc.constantFrom('CLOSED', 'OPEN', 'OPEN_TILT', 'INTERMEDIATE', 'INVALID', 'UNKNOWN');
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: -50, max: 250, noNaN: true }), { nil: undefined }),
        fc.constantFrom('CHARGING', 'NOT_CHARGING', 'UNKNOWN', 'PLUGGED_IN', 'INVALID', undefined),
        fc.array(fc.tuple(fc.constantFrom('leftFront', 'rightRear', 'trunk', 'hood', 'sunRoof'), lidState)),
        fc.constantFrom('LOCKED', 'UNLOCKED', 'SECURED', 'PARTIALLY_LOCKED', 'UNKNOWN'),
        (percent, status, lids, lock) => {
          const snapshot = {
            ...base,
            fuelAndBattery: {
              ...base.fuelAndBattery,
              remainingBatteryPercent: percent,
              chargingStatus: status,
            },
            doorsAndWindows: {
              ...(base.doorsAndWindows as NonNullable<VehicleSnapshot['doorsAndWindows']>),
              doorLockState: lock,
              lids: lids.map(([name, state]) => ({ name, state, isClosed: state === 'CLOSED' })),
            },
          } as VehicleSnapshot;
          const values = vehicleValues(snapshot, SETTINGS);
          for (const tile of planServices(values, SETTINGS, { canLock: true, canClimate: true })) {
            for (const [name, value] of Object.entries(
              tileValues(tile.subtype, tile.kind, values, context),
            )) {
              if (value === undefined || typeof value === 'boolean') continue;
              if (name === 'BatteryLevel' || name === 'CurrentRelativeHumidity') {
                expect(value).toBeGreaterThanOrEqual(0);
                expect(value).toBeLessThanOrEqual(100);
                expect(Number.isInteger(value)).toBe(true);
              } else if (name === 'LockCurrentState') {
                expect([0, 1, 2, 3]).toContain(value);
              } else if (name === 'ChargingState') {
                expect([0, 1, 2]).toContain(value);
              } else {
                expect([0, 1]).toContain(value);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
