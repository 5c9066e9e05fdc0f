import { toVehicleSnapshot, VehicleTelemetry } from '@bimmer/cardata';
import { changedFields } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { createColors } from '../output/colors';
import { fieldChanges, fieldChangeText } from './change-lines';

const VIN = 'WBA00000CHANGES01';

function snapshotAfter(data: Record<string, unknown>, at: string) {
  const telemetry = new VehicleTelemetry(VIN);
  telemetry.mergeStream(
    Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        Array.isArray(value) ? { value: value[0], unit: value[1], timestamp: at } : { value, timestamp: at },
      ]),
    ) as never,
  );
  return toVehicleSnapshot({ vin: VIN, basicData: undefined, telemetry, fetchedAt: new Date(at) });
}

describe('changed fields as stream lines', () => {
  it('split the value from its unit (units of the JSON form, percentages, pressures) and keep time and channel', () => {
    const at = '2026-12-01T07:05:00Z';
    const before = snapshotAfter({}, at);
    const after = snapshotAfter(
      {
        'vehicle.powertrain.electric.battery.stateOfCharge.displayed': [71, '%'],
        'vehicle.vehicle.travelledDistance': [12_345, 'km'],
        'vehicle.body.trunk.isOpen': true,
        'vehicle.cabin.infotainment.navigation.currentLocation.latitude': 48.1,
        'vehicle.cabin.infotainment.navigation.currentLocation.longitude': 11.5,
        'vehicle.chassis.axle.row1.wheel.left.tire.pressure': [250, 'kPa'],
      },
      at,
    );
    const lines = fieldChanges({
      vin: VIN,
      changes: changedFields(before, after),
      snapshot: after,
      channel: 'stream',
    });
    const byField = new Map(lines.map((line) => [line.field, line]));
    expect(byField.get('fuelAndBattery.remainingBatteryPercent')).toEqual({
      type: 'change',
      vin: VIN,
      at,
      field: 'fuelAndBattery.remainingBatteryPercent',
      value: 71,
      unit: '%',
      channel: 'stream',
    });
    expect(byField.get('mileage')).toMatchObject({ value: 12_345, unit: 'km' });
    expect(byField.get('doorsAndWindows.lids.trunk')).toMatchObject({ value: 'OPEN' });
    expect(byField.get('doorsAndWindows.lids.trunk')).not.toHaveProperty('unit');
    expect(byField.get('vehicleLocation.location')).toMatchObject({
      value: { latitude: 48.1, longitude: 11.5 },
    });
    expect(byField.get('tires.frontLeft.currentPressure')).toMatchObject({ value: 250, unit: 'kPa' });

    const colors = createColors(false);
    const text = (field: string) => {
      const line = byField.get(field);
      if (line === undefined) throw new Error(`no ${field}`);
      return fieldChangeText(line, colors);
    };
    expect(text('mileage')).toBe(`2026-12-01 07:05:00 UTC  ${VIN}  mileage  12,345 km  (stream)`);
    expect(text('vehicleLocation.location')).toContain('48.10000, 11.50000');
  });

  it('say when a value is no longer known', () => {
    const at = '2026-12-01T07:05:00Z';
    const before = snapshotAfter({ 'vehicle.vehicle.travelledDistance': [5, 'km'] }, at);
    const after = snapshotAfter({}, at);
    const [gone] = fieldChanges({
      vin: VIN,
      changes: changedFields(before, after),
      snapshot: after,
      channel: 'rest',
    });
    expect(gone).toMatchObject({ field: 'mileage' });
    expect(gone).not.toHaveProperty('value');
    expect(gone && fieldChangeText(gone, createColors(false))).toContain('mileage  no longer known');
  });
});
