import { applyRemoteServicePosition, parseMyBMWVehicle, type VehicleSnapshot } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorToReport, mergePolledSnapshot, type PolledVehicle } from './polled-snapshot';

const VIN = 'WBA00000000LIVE01';
const BATTERY = 'fuelAndBattery.remainingBatteryPercent';
const TRUNK = 'doorsAndWindows.lids.trunk';
const T0 = Date.parse('2026-12-01T08:00:00.250Z');

interface Report {
  readonly at: number;
  readonly battery?: number;
  readonly trunk?: string;
  readonly doorsState?: unknown;
  readonly fetchedAt?: number;
}

/** A snapshot as a MyBMW poll parses it, from a small state we write here. */
function poll(report: Report): VehicleSnapshot {
  return parseMyBMWVehicle({
    profile: { vin: VIN, driveTrain: 'ELECTRIC', model: 'i4 eDrive40' },
    state: {
      capabilities: { lock: true },
      state: {
        lastFetched: new Date(report.at).toISOString(),
        currentMileage: 12_000,
        electricChargingState: {
          chargingLevelPercent: report.battery ?? 50,
          chargingStatus: 'NOT_CHARGING',
          isChargerConnected: false,
          range: 200,
        },
        doorsState: report.doorsState ?? {
          trunk: report.trunk ?? 'CLOSED',
          hood: 'CLOSED',
          combinedSecurityState: 'LOCKED',
        },
        location: { coordinates: { latitude: 48.1, longitude: 11.5 }, heading: 5 },
      },
    },
    fetchedAt: new Date(report.fetchedAt ?? report.at + 60_000),
  });
}

function merge(held: PolledVehicle | undefined, report: Report) {
  return mergePolledSnapshot(held, poll(report), report.at);
}

describe('mergePolledSnapshot', () => {
  it("dates every field with the car's report time (to the millisecond), channel poll", () => {
    const first = merge(undefined, { at: T0 });
    const snapshot = first?.vehicle.snapshot;
    expect(snapshot?.fieldTimes?.[BATTERY]).toEqual({ at: new Date(T0), source: 'mybmw', channel: 'poll' });
    expect(snapshot?.fieldTimes?.[TRUNK]?.at).toEqual(new Date(T0));
    expect(snapshot?.fieldTimes?.mileage?.at).toEqual(new Date(T0));
    expect(snapshot?.fieldTimes?.doorsAndWindows?.at).toEqual(new Date(T0));
    // Not the fetch time.
    expect(snapshot?.fetchedAt.getTime()).toBe(T0 - 250 + 60_000);
    expect(first?.taken).toContain('fuelAndBattery');
  });

  it('takes nothing from the same report polled again, nor from an older one', () => {
    const held = merge(undefined, { at: T0, battery: 40 })?.vehicle;
    expect(merge(held, { at: T0, battery: 40, fetchedAt: T0 + 600_000 })).toBeUndefined();
    expect(merge(held, { at: T0 - 1, battery: 90 })).toBeUndefined();
  });

  it('takes a newer report whole, with its new time', () => {
    const held = merge(undefined, { at: T0, battery: 40 })?.vehicle;
    const next = merge(held, { at: T0 + 1000, battery: 41, trunk: 'OPEN' });
    expect(next?.vehicle.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(41);
    expect(next?.vehicle.snapshot.fieldTimes?.[TRUNK]?.at).toEqual(new Date(T0 + 1000));
    expect(next?.kept).toEqual([]);
  });

  it("takes a vehicle-finder position newer than the car's report, with the finder's time", () => {
    const held = merge(undefined, { at: T0 })?.vehicle;
    const found = T0 + 5 * 60_000;
    const located = applyRemoteServicePosition(poll({ at: T0 }), {
      latitude: 48.2,
      longitude: 11.6,
      timestamp: new Date(found),
    });
    const merged = mergePolledSnapshot(held, located, T0);
    expect(merged?.taken).toEqual(['vehicleLocation']);
    expect(merged?.vehicle.snapshot.vehicleLocation?.location).toEqual({ latitude: 48.2, longitude: 11.6 });
    expect(merged?.vehicle.snapshot.fieldTimes?.['vehicleLocation.location']?.at).toEqual(new Date(found));
    expect(merged?.vehicle.snapshot.fieldTimes?.[BATTERY]?.at).toEqual(new Date(T0));
  });

  it('keeps the values held of a block the new report lost to a malformed value', () => {
    const held = merge(undefined, { at: T0, trunk: 'OPEN' })?.vehicle;
    const broken = merge(held, { at: T0 + 1000, battery: 45, doorsState: 'garbled' });
    expect(broken?.kept).toEqual(['doorsAndWindows']);
    expect(broken?.vehicle.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(45);
    expect(broken?.vehicle.snapshot.doorsAndWindows?.lids.find((lid) => lid.name === 'trunk')?.state).toBe(
      'OPEN',
    );
    expect(broken?.vehicle.snapshot.fieldTimes?.[TRUNK]?.at).toEqual(new Date(T0));
    // The next good report is taken again.
    const repaired = merge(broken?.vehicle, { at: T0 + 2000, trunk: 'CLOSED' });
    expect(repaired?.vehicle.snapshot.fieldTimes?.[TRUNK]?.at).toEqual(new Date(T0 + 2000));
    // A malformation the car repeats is no loss: the block is taken as reported.
    const first = merge(undefined, { at: T0, doorsState: 'garbled' })?.vehicle;
    expect(merge(first, { at: T0 + 1000, doorsState: 'garbled' })?.kept).toEqual([]);
  });

  it('ends with the newest report whatever order the reports arrive in (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }),
        fc.func(fc.integer({ min: 0, max: 100 })),
        (offsets, batteryOf) => {
          const reports = offsets.map((offset) => ({ at: T0 + offset * 1000, battery: batteryOf(offset) }));
          let held: PolledVehicle | undefined;
          for (const report of reports) held = merge(held, report)?.vehicle ?? held;
          const newest = reports.reduce((a, b) => (b.at > a.at ? b : a));
          expect(held?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(newest.battery);
          expect(held?.snapshot.fieldTimes?.[BATTERY]?.at).toEqual(new Date(newest.at));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('anchorToReport', () => {
  it('counts charging and climate end times from the report, so a report polled twice gives one end time', () => {
    const charging = (fetchedAt: number) =>
      parseMyBMWVehicle({
        profile: { vin: VIN, driveTrain: 'ELECTRIC' },
        state: {
          capabilities: {},
          state: {
            lastFetched: new Date(T0).toISOString(),
            electricChargingState: {
              chargingLevelPercent: 50,
              chargingStatus: 'CHARGING',
              remainingChargingMinutes: 95,
            },
            climateControlState: { activity: 'HEATING', remainingSeconds: 600 },
          },
        },
        fetchedAt: new Date(fetchedAt),
      });
    const early = anchorToReport(charging(T0 + 60_000), T0);
    const late = anchorToReport(charging(T0 + 600_000), T0);
    expect(early.fuelAndBattery?.chargingEndTime).toEqual(new Date(T0 + 95 * 60_000));
    expect(late.fuelAndBattery?.chargingEndTime).toEqual(early.fuelAndBattery?.chargingEndTime);
    expect(late.climate?.activityEndTime).toEqual(new Date(T0 + 600_000));
    const quiet = poll({ at: T0 });
    expect(anchorToReport(quiet, T0)).toBe(quiet);
  });
});
