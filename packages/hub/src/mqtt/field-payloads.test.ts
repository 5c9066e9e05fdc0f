import { type VehicleJSON, vehicleFromJSON, vehicleToJSON } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { fieldPayloads } from './field-payloads';

/** What a CarData car reports about its capabilities: it has none of the MyBMW remote services. */
const capabilities = {
  driveTrain: 'ELECTRIC',
  lscType: 'UNKNOWN',
  availableAttributes: [],
  driveTrainAttributes: [],
  hasCombustionDrivetrain: false,
  hasElectricDrivetrain: true,
  isChargingPlanSupported: false,
  isChargingSettingsSupported: false,
  isLscEnabled: false,
  isRemoteChargeStartEnabled: false,
  isRemoteChargeStopEnabled: false,
  isRemoteClimateStartEnabled: false,
  isRemoteClimateStopEnabled: false,
  isRemoteHornEnabled: false,
  isRemoteLightsEnabled: false,
  isRemoteLockEnabled: false,
  isRemoteSendpoiEnabled: false,
  isRemoteSetAcLimitEnabled: false,
  isRemoteSetTargetSocEnabled: false,
  isRemoteUnlockEnabled: false,
  isVehicleActive: false,
  isVehicleTrackingEnabled: false,
} satisfies Partial<VehicleJSON>;

const snapshot = vehicleFromJSON({
  vin: 'WBA00000000DEMO02',
  source: 'cardata',
  fetchedAt: '2026-12-01T10:00:00Z',
  region: 'rest_of_world',
  brand: 'bmw',
  ...capabilities,
  mileage: { value: 1121, unit: 'km' },
  fuelAndBattery: { remainingBatteryPercent: 80, chargingStatus: 'CHARGING' },
  vehicleLocation: { location: { latitude: 48.1, longitude: 11.5 }, accountRegion: 'rest_of_world' },
  doorsAndWindows: {
    doorLockState: 'LOCKED',
    lids: [{ name: 'trunk', state: 'OPEN', isClosed: false }],
    windows: [],
    openLids: [],
    openWindows: [],
    allLidsClosed: false,
    allWindowsClosed: true,
  },
  issues: [],
  fieldTimes: {
    'fuelAndBattery.remainingBatteryPercent': {
      at: '2026-12-01T09:59:00Z',
      source: 'cardata',
      channel: 'stream',
    },
    mileage: { at: '2026-11-30T09:00:00Z', source: 'cardata', channel: 'rest' },
  },
} satisfies VehicleJSON);

describe('fieldPayloads', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  const payloads = fieldPayloads(snapshot, vehicleToJSON(snapshot), 12 * 3_600_000, now);

  it('splits values with a unit, keeps positions whole and times each leaf', () => {
    expect(payloads.get('mileage')).toEqual({
      value: 1121,
      unit: 'km',
      at: '2026-11-30T09:00:00Z',
      channel: 'rest',
      stale: true,
    });
    expect(payloads.get('fuelAndBattery.remainingBatteryPercent')).toEqual({
      value: 80,
      at: '2026-12-01T09:59:00Z',
      channel: 'stream',
      stale: false,
    });
    expect(payloads.get('vehicleLocation.location')).toMatchObject({
      value: { latitude: 48.1, longitude: 11.5 },
    });
    expect(payloads.get('doorsAndWindows.lids.trunk')).toMatchObject({ value: 'OPEN' });
  });

  it('falls back to fetchedAt for a leaf without its own time, and leaves bookkeeping out', () => {
    expect(payloads.get('doorsAndWindows.doorLockState')).toMatchObject({
      at: '2026-12-01T10:00:00Z',
      channel: 'rest',
    });
    for (const path of [
      'fetchedAt',
      'fieldTimes',
      'issues',
      'doorsAndWindows.allLidsClosed',
      'vehicleLocation.accountRegion',
    ]) {
      expect(payloads.has(path), path).toBe(false);
    }
  });
});
