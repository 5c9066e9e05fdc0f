import { vehicleFromJSON, vehicleToJSON } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDATA_DESCRIPTORS, type DescriptorName, descriptorKey } from '../descriptors';
import { VehicleTelemetry } from '../state/vehicle-telemetry';
import { toVehicleSnapshot } from './to-snapshot';

const VIN = 'WBATESTCARDATA001';
const FETCHED_AT = new Date('2026-03-10T08:00:00Z');
const basicData = { brand: 'BMW', driveTrain: 'BEV', modelName: 'i4 eDrive40', seriesDevt: 'G26' };

/** Telemetry with the given values, each from REST or the stream at its own time. */
function telemetry(
  values: Partial<Record<DescriptorName, { value: unknown; at: string; channel: 'rest' | 'stream' }>>,
): VehicleTelemetry {
  const held = new VehicleTelemetry(VIN);
  for (const [name, { value, at, channel }] of Object.entries(values)) {
    const key = descriptorKey(name as DescriptorName);
    if (channel === 'stream') held.mergeStream({ [key]: { value, timestamp: at } });
    else held.mergeRest({ [key]: { value: String(value), unit: null, timestamp: at } });
  }
  return held;
}

const snapshotOf = (held: VehicleTelemetry) =>
  toVehicleSnapshot({ vin: VIN, basicData, telemetry: held, fetchedAt: FETCHED_AT });

describe('toVehicleSnapshot', () => {
  it('gives every field the time, channel and descriptor it came with, in core FieldTime form', () => {
    const snapshot = snapshotOf(
      telemetry({
        batteryHeader: { value: 64, at: '2026-03-10T07:58:12Z', channel: 'stream' },
        mileage: { value: 23512, at: '2026-03-10T06:00:03Z', channel: 'rest' },
      }),
    );
    expect(snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(64);
    expect(snapshot.fieldTimes).toEqual({
      'fuelAndBattery.remainingBatteryPercent': {
        at: new Date('2026-03-10T07:58:12Z'),
        source: 'cardata',
        channel: 'stream',
        descriptor: 'vehicle.drivetrain.batteryManagement.header',
      },
      mileage: {
        at: new Date('2026-03-10T06:00:03Z'),
        source: 'cardata',
        channel: 'rest',
        descriptor: 'vehicle.vehicle.travelledDistance',
      },
    });
    // The JSON form keeps the channel and descriptor (it dropped the channel before).
    expect(vehicleToJSON(snapshot).fieldTimes?.mileage).toEqual({
      at: '2026-03-10T06:00:03Z',
      source: 'cardata',
      channel: 'rest',
      descriptor: 'vehicle.vehicle.travelledDistance',
    });
  });

  it('takes the driving state from vehicle.isMoving (ASN booleans too), timed under isMoving', () => {
    const snapshot = snapshotOf(
      telemetry({ isMoving: { value: 'ASN_isTrue', at: '2026-03-10T07:40:00Z', channel: 'stream' } }),
    );
    expect(snapshot.isMoving).toBe(true);
    expect(snapshot.fieldTimes.isMoving).toMatchObject({
      at: new Date('2026-03-10T07:40:00Z'),
      channel: 'stream',
      descriptor: 'vehicle.isMoving',
    });
    expect(vehicleFromJSON(vehicleToJSON(snapshot)).isMoving).toBe(true);
    expect(snapshotOf(telemetry({})).isMoving).toBeUndefined();
  });

  it('reports only the AC current limit of the charging profile, nothing invented', () => {
    const snapshot = snapshotOf(
      telemetry({ acLimit: { value: 16, at: '2026-03-10T07:00:00Z', channel: 'rest' } }),
    );
    expect(snapshot.chargingProfile?.acCurrentLimit).toBe(16);
    for (const part of [
      'isPreEntryClimatizationEnabled',
      'timerType',
      'departureTimes',
      'preferredChargingWindow',
      'chargingPreferences',
      'chargingMode',
      'acAvailableLimits',
    ] as const) {
      expect(snapshot.chargingProfile?.[part], part).toBeUndefined();
    }
    expect(vehicleToJSON(snapshot).chargingProfile).toEqual({ acCurrentLimit: 16 });
  });

  it('knows whether a cable is plugged in only when the car says so', () => {
    const connected = (value: unknown, name: 'chargingPortStatus' | 'isPlugged') =>
      snapshotOf(telemetry({ [name]: { value, at: '2026-03-10T07:00:00Z', channel: 'stream' } }));
    expect(connected('CONNECTED', 'chargingPortStatus').fuelAndBattery?.isChargerConnected).toBe(true);
    expect(connected('DISCONNECTED', 'chargingPortStatus').fuelAndBattery?.isChargerConnected).toBe(false);
    expect(connected(true, 'isPlugged').fuelAndBattery?.isChargerConnected).toBe(true);
    expect(connected(false, 'isPlugged').fuelAndBattery?.isChargerConnected).toBe(false);
    const unknown = connected('-NA-', 'chargingPortStatus');
    expect(unknown.fuelAndBattery?.isChargerConnected).toBeUndefined();
    expect(unknown.fieldTimes).not.toHaveProperty('fuelAndBattery.isChargerConnected');
    // A battery level without any port information: connected stays unknown, not false.
    const battery = snapshotOf(
      telemetry({ batteryHeader: { value: 50, at: '2026-03-10T07:00:00Z', channel: 'rest' } }),
    );
    expect(battery.fuelAndBattery).toBeDefined();
    expect(battery.fuelAndBattery?.isChargerConnected).toBeUndefined();
    expect(vehicleToJSON(battery).fuelAndBattery).not.toHaveProperty('isChargerConnected');
  });

  it('leaves every block undefined when CarData has sent nothing', () => {
    const snapshot = snapshotOf(new VehicleTelemetry(VIN));
    expect(snapshot).toMatchObject({ vin: VIN, source: 'cardata', fieldTimes: {} });
    for (const block of [
      'fuelAndBattery',
      'vehicleLocation',
      'doorsAndWindows',
      'climate',
      'chargingProfile',
      'tires',
      'mileage',
    ] as const) {
      expect(snapshot[block], block).toBeUndefined();
    }
  });

  it('every field time names a mapped descriptor and the time and channel its value arrived with', () => {
    const numeric = (Object.keys(CARDATA_DESCRIPTORS) as DescriptorName[]).filter(
      (name) =>
        CARDATA_DESCRIPTORS[name][1] === 'number' && !['latitude', 'longitude', 'heading'].includes(name),
    );
    const entry = fc.record({
      value: fc.integer({ min: 0, max: 500 }),
      at: fc
        .integer({ min: 0, max: 86_400 })
        .map((seconds) => new Date(Date.parse('2026-03-10T00:00:00Z') + seconds * 1000).toISOString()),
      channel: fc.constantFrom('rest' as const, 'stream' as const),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...numeric), entry), (values) => {
        const held = telemetry(values);
        const snapshot = snapshotOf(held);
        const known = new Set<string>(Object.values(CARDATA_DESCRIPTORS).map(([key]) => key));
        for (const time of Object.values(snapshot.fieldTimes)) {
          expect(time.source).toBe('cardata');
          expect(known.has(time.descriptor ?? '')).toBe(true);
          const value = held.get(time.descriptor ?? '');
          expect(time.at.getTime()).toBe(value?.timestamp);
          expect(time.channel).toBe(value?.source);
        }
        const json = vehicleToJSON(snapshot);
        expect(vehicleToJSON(vehicleFromJSON(JSON.parse(JSON.stringify(json))))).toEqual(json);
      }),
      { numRuns: 200 },
    );
  });
});
