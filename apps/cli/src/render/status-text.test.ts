import type { VehicleJSON } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColors } from '../output/colors';
import { formatNumber } from './format';
import { renderFleetStatus, renderVehicleStatus } from './status-text';

const plain = createColors(false);

/** A vehicle in the core JSON form, with values of our own. */
function electricVehicle(overrides: Partial<VehicleJSON> = {}): VehicleJSON {
  return {
    vin: 'WBA00000000TEST01',
    source: 'mybmw',
    fetchedAt: '2026-12-01T07:00:00.000Z',
    region: 'rest_of_world',
    name: 'i4 eDrive40',
    brand: 'bmw',
    driveTrain: 'ELECTRIC',
    mileage: { value: 12345, unit: 'km' },
    timestamp: '2026-12-01T06:58:00.000Z',
    lscType: 'ACTIVATED',
    fuelAndBattery: {
      remainingBatteryPercent: 72,
      remainingRangeElectric: { value: 301, unit: 'km' },
      remainingRangeTotal: { value: 301, unit: 'km' },
      chargingStatus: 'CHARGING',
      chargingEndTime: '2026-12-01T09:15:00.000Z',
      isChargerConnected: true,
      chargingTarget: 80,
    },
    vehicleLocation: {
      location: { latitude: 48.177, longitude: 11.556 },
      heading: 270,
      accountRegion: 'rest_of_world',
    },
    doorsAndWindows: {
      doorLockState: 'UNLOCKED',
      lids: [
        { name: 'leftFront', state: 'CLOSED', isClosed: true },
        { name: 'trunk', state: 'OPEN', isClosed: false },
      ],
      windows: [{ name: 'rightRear', state: 'CLOSED', isClosed: true }],
      openLids: [{ name: 'trunk', state: 'OPEN', isClosed: false }],
      openWindows: [],
      allLidsClosed: false,
      allWindowsClosed: true,
    },
    conditionBasedServices: {
      messages: [
        { serviceType: 'BRAKE_FLUID', state: 'OK', dueDate: '2028-03-01T00:00:00.000Z' },
        { serviceType: 'VEHICLE_CHECK', state: 'PENDING', dueDistance: { value: 1500, unit: 'km' } },
      ],
      isServiceRequired: true,
    },
    checkControlMessages: {
      messages: [{ descriptionShort: 'TIRE_PRESSURE', state: 'MEDIUM' }],
      hasCheckControlMessages: true,
    },
    climate: { activity: 'HEATING', activityEndTime: '2026-12-01T07:30:00.000Z', isClimateOn: true },
    availableAttributes: [],
    driveTrainAttributes: [],
    hasCombustionDrivetrain: false,
    hasElectricDrivetrain: true,
    isChargingPlanSupported: true,
    isChargingSettingsSupported: true,
    isLscEnabled: true,
    isRemoteChargeStartEnabled: true,
    isRemoteChargeStopEnabled: true,
    isRemoteClimateStartEnabled: true,
    isRemoteClimateStopEnabled: true,
    isRemoteHornEnabled: true,
    isRemoteLightsEnabled: true,
    isRemoteLockEnabled: true,
    isRemoteSendpoiEnabled: true,
    isRemoteSetAcLimitEnabled: true,
    isRemoteSetTargetSocEnabled: true,
    isRemoteUnlockEnabled: true,
    isVehicleActive: false,
    isVehicleTrackingEnabled: true,
    issues: [],
    ...overrides,
  };
}

describe('renderVehicleStatus', () => {
  it('summarises every block of an electric vehicle', () => {
    const text = renderVehicleStatus(electricVehicle(), plain);
    const line = (label: string) => text.split('\n').find((row) => row.trimStart().startsWith(label));
    expect(text.split('\n')[0]).toBe('BMW i4 eDrive40  WBA00000000TEST01');
    expect(line('Battery')).toContain('72 % · 301 km electric range');
    expect(line('Range')).toContain('301 km total');
    expect(line('Mileage')).toContain('12,345 km');
    expect(line('Lock')).toContain('unlocked');
    expect(line('Doors and lids')).toContain('open: trunk');
    expect(line('Windows')).toContain('all closed');
    expect(line('Position')).toContain('48.17700, 11.55600 · heading 270°');
    expect(line('Charging')).toContain('charging · plugged in · target 80 % · until 2026-12-01 09:15 UTC');
    expect(line('Climate')).toContain('heating until 2026-12-01 07:30 UTC');
    expect(line('Services')).toContain('brake fluid: ok, due 2028-03-01');
    expect(text).toContain('vehicle check: pending, due in 1,500 km');
    expect(line('Check control')).toContain('tire pressure (medium)');
    expect(line('Updated')).toContain('2026-12-01 06:58 UTC');
    expect(line('Fuel')).toBeUndefined();
  });

  it('aligns every value in one column', () => {
    const rows = renderVehicleStatus(electricVehicle(), plain).split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.slice(0, 17)).toMatch(/^ {2}[A-Za-z ]{15}$/);
      expect(row.slice(0, 17)).toMatch(/ $/);
      expect(row[17]).not.toBe(' ');
    }
  });

  it('leaves out what a snapshot does not have', () => {
    const { fuelAndBattery: _f, doorsAndWindows: _d, climate: _c, ...partial } = electricVehicle();
    const text = renderVehicleStatus(partial, plain);
    expect(text).not.toMatch(/Battery|Lock|Climate|Charging/);
    expect(text).toContain('Mileage');
  });

  it('leaves out lock, climate and charging states that are UNKNOWN', () => {
    const vehicle = electricVehicle();
    const { doorsAndWindows, fuelAndBattery } = vehicle;
    if (doorsAndWindows === undefined || fuelAndBattery === undefined) throw new Error('fixture incomplete');
    const text = renderVehicleStatus(
      {
        ...vehicle,
        doorsAndWindows: { ...doorsAndWindows, doorLockState: 'UNKNOWN' },
        climate: { activity: 'UNKNOWN', isClimateOn: false },
        fuelAndBattery: { ...fuelAndBattery, chargingStatus: 'UNKNOWN' },
      },
      plain,
    );
    expect(text).not.toMatch(/Lock|Climate|unknown/);
    expect(text).toMatch(/Charging\s+plugged in · target 80 %/);
  });

  it('says so when there are no check-control messages', () => {
    const text = renderVehicleStatus(
      electricVehicle({ checkControlMessages: { messages: [], hasCheckControlMessages: false } }),
      plain,
    );
    expect(text).toMatch(/Check control\s+no messages/);
  });

  it('colours only when asked', () => {
    expect(renderVehicleStatus(electricVehicle(), plain)).not.toContain('\u001b[');
    expect(renderVehicleStatus(electricVehicle(), createColors(true))).toContain('\u001b[');
  });

  it('renders any partial snapshot without "undefined" or "NaN", always naming the vehicle', () => {
    const base = electricVehicle();
    const optionalKeys = [
      'name',
      'mileage',
      'timestamp',
      'fuelAndBattery',
      'vehicleLocation',
      'doorsAndWindows',
      'conditionBasedServices',
      'checkControlMessages',
      'climate',
    ] as const;
    fc.assert(
      fc.property(fc.subarray([...optionalKeys]), fc.stringMatching(/^[A-Z0-9]{17}$/), (dropped, vin) => {
        const partial: VehicleJSON = { ...base, vin };
        for (const key of dropped) delete partial[key];
        const text = renderVehicleStatus(partial, plain);
        expect(text).toContain(vin);
        expect(text).not.toMatch(/undefined|NaN/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderFleetStatus', () => {
  it('counts the vehicles and separates their blocks', () => {
    const text = renderFleetStatus([electricVehicle(), electricVehicle({ vin: 'WBA00000000TEST02' })], plain);
    expect(text.split('\n')[0]).toBe('Found 2 vehicles.');
    expect(text.split('\n\n')).toHaveLength(3);
    expect(renderFleetStatus([electricVehicle()], plain)).toMatch(/^Found 1 vehicle\./);
  });
});

describe('formatNumber', () => {
  it('groups thousands and keeps the value', () => {
    expect(formatNumber(1234567.25, 1)).toBe('1,234,567.3');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => {
        expect(Number(formatNumber(value, 0).replaceAll(',', ''))).toBe(value);
      }),
    );
  });
});
