import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BimmerUnsupportedError,
  buildChargingProfilePayload,
  type ChargingProfile,
  FieldChannel,
  type FieldTime,
  SnapshotSource,
  type VehicleSnapshot,
  vehicleFromJSON,
  vehicleToJSON,
} from '../src/index';
import { parse } from './synthetic';

/** A snapshot as another transport (CarData) builds it: what it does not know is left out. */
function partialSnapshot(overrides: Partial<VehicleSnapshot> = {}): VehicleSnapshot {
  return {
    ...parse({ state: { electricChargingState: { chargingLevelPercent: 64 } } }),
    source: SnapshotSource.CARDATA,
    ...overrides,
  };
}

const roundTrip = (snapshot: VehicleSnapshot) =>
  vehicleToJSON(vehicleFromJSON(JSON.parse(JSON.stringify(vehicleToJSON(snapshot)))));

describe('field times with channel and descriptor', () => {
  it('keeps the channel and descriptor in the JSON form and reads them back', () => {
    const at = new Date('2026-03-10T07:58:12Z');
    const snapshot = partialSnapshot({
      fieldTimes: {
        'fuelAndBattery.remainingBatteryPercent': {
          at,
          source: 'cardata',
          channel: 'stream',
          descriptor: 'vehicle.drivetrain.batteryManagement.header',
        },
        mileage: { at, source: 'cardata', channel: 'rest' },
        timestamp: { at, source: 'mybmw' },
      },
    });
    const json = vehicleToJSON(snapshot);
    expect(json.fieldTimes).toEqual({
      'fuelAndBattery.remainingBatteryPercent': {
        at: '2026-03-10T07:58:12Z',
        source: 'cardata',
        channel: 'stream',
        descriptor: 'vehicle.drivetrain.batteryManagement.header',
      },
      mileage: { at: '2026-03-10T07:58:12Z', source: 'cardata', channel: 'rest' },
      timestamp: { at: '2026-03-10T07:58:12Z', source: 'mybmw' },
    });
    const back = vehicleFromJSON(json);
    expect(back.fieldTimes?.['fuelAndBattery.remainingBatteryPercent']).toEqual({
      at,
      source: 'cardata',
      channel: 'stream',
      descriptor: 'vehicle.drivetrain.batteryManagement.header',
    });
  });

  it('omits an empty map, so that the JSON form round-trips', () => {
    const json = vehicleToJSON(partialSnapshot({ fieldTimes: {} }));
    expect(json).not.toHaveProperty('fieldTimes');
    expect(roundTrip(partialSnapshot({ fieldTimes: {} }))).toEqual(json);
  });

  it('drops a channel it does not know but keeps the entry', () => {
    const back = vehicleFromJSON({
      ...vehicleToJSON(partialSnapshot()),
      fieldTimes: { mileage: { at: '2026-03-10T07:58:12Z', source: 'cardata', channel: 'carrier-pigeon' } },
    });
    expect(back.fieldTimes?.mileage).toEqual({
      at: new Date('2026-03-10T07:58:12Z'),
      source: 'cardata',
      channel: undefined,
      descriptor: undefined,
    });
  });

  it('round-trips arbitrary field times', () => {
    const fieldTime: fc.Arbitrary<FieldTime> = fc.record(
      {
        at: fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        source: fc.constantFrom(...Object.values(SnapshotSource)),
        channel: fc.constantFrom(...Object.values(FieldChannel)),
        descriptor: fc.string({ minLength: 1 }),
      },
      { requiredKeys: ['at', 'source'] },
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          // Keys are dot paths of the JSON form; these three are none, and are ignored on reading.
          fc
            .string({ minLength: 1 })
            .filter((key) => !['__proto__', 'constructor', 'prototype'].includes(key)),
          fieldTime,
          { minKeys: 1 },
        ),
        (fieldTimes) => {
          const json = vehicleToJSON(partialSnapshot({ fieldTimes }));
          expect(Object.keys(json.fieldTimes ?? {}).sort()).toEqual(Object.keys(fieldTimes).sort());
          expect(roundTrip(partialSnapshot({ fieldTimes }))).toEqual(json);
          for (const [path, time] of Object.entries(fieldTimes)) {
            expect(json.fieldTimes?.[path]?.channel).toBe(time.channel);
            expect(json.fieldTimes?.[path]?.descriptor).toBe(time.descriptor);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('unknown charger connection', () => {
  it('is omitted from the JSON form and stays unknown after reading it back', () => {
    const base = partialSnapshot();
    const snapshot = partialSnapshot({
      fuelAndBattery: { ...base.fuelAndBattery, isChargerConnected: undefined },
    });
    const json = vehicleToJSON(snapshot);
    expect(json.fuelAndBattery).not.toHaveProperty('isChargerConnected');
    expect(json.fuelAndBattery?.remainingBatteryPercent).toBe(64);
    expect(vehicleFromJSON(json).fuelAndBattery?.isChargerConnected).toBeUndefined();
  });

  it('MyBMW still reports false when the API says nothing', () => {
    expect(parse({ state: { electricChargingState: {} } }).fuelAndBattery?.isChargerConnected).toBe(false);
  });
});

describe('partial charging profile', () => {
  it('keeps only the known parts in the JSON form, without invented values', () => {
    const snapshot = partialSnapshot({ chargingProfile: { acCurrentLimit: 16 } });
    const json = vehicleToJSON(snapshot);
    expect(json.chargingProfile).toEqual({ acCurrentLimit: 16 });
    expect(roundTrip(snapshot)).toEqual(json);
  });

  it('round-trips any subset of the parts', () => {
    const profile: fc.Arbitrary<ChargingProfile> = fc.record(
      {
        isPreEntryClimatizationEnabled: fc.boolean(),
        timerType: fc.constantFrom('WEEKLY_PLANNER', 'TWO_TIMES_TIMER', 'UNKNOWN' as const),
        departureTimes: fc.array(
          fc.record(
            {
              timerId: fc.nat(10),
              startTime: fc.record({
                hour: fc.integer({ min: 0, max: 23 }),
                minute: fc.integer({ min: 0, max: 59 }),
              }),
              action: fc.constantFrom('ACTIVATE', 'DEACTIVATE'),
              weekdays: fc.subarray(['MONDAY', 'TUESDAY', 'SUNDAY']),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        preferredChargingWindow: fc.record({
          startTime: fc.record({
            hour: fc.integer({ min: 0, max: 23 }),
            minute: fc.integer({ min: 0, max: 59 }),
          }),
          endTime: fc.record({
            hour: fc.integer({ min: 0, max: 23 }),
            minute: fc.integer({ min: 0, max: 59 }),
          }),
        }),
        chargingPreferences: fc.constantFrom('NO_PRESELECTION', 'CHARGING_WINDOW', 'UNKNOWN' as const),
        chargingMode: fc.constantFrom(
          'IMMEDIATE_CHARGING',
          'DELAYED_CHARGING',
          'NO_ACTION',
          'UNKNOWN' as const,
        ),
        acCurrentLimit: fc.integer({ min: 6, max: 32 }),
        acAvailableLimits: fc.array(fc.integer({ min: 6, max: 32 }), { maxLength: 4 }),
        chargingPreferencesServicePack: fc.constantFrom('WAVE_01', 'ATM2'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(profile, (chargingProfile) => {
        const snapshot = partialSnapshot({ chargingProfile });
        const json = vehicleToJSON(snapshot);
        expect(roundTrip(snapshot)).toEqual(json);
        // Exactly the parts that were set appear in the JSON form.
        expect(Object.keys(json.chargingProfile ?? {}).sort()).toEqual(Object.keys(chargingProfile).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('cannot be sent back as a charging-profile update', () => {
    const attempt = () => buildChargingProfilePayload({ acCurrentLimit: 16 });
    expect(attempt).toThrow(BimmerUnsupportedError);
    const known: ChargingProfile = { timerType: 'WEEKLY_PLANNER', acCurrentLimit: 16 };
    expect(() => buildChargingProfilePayload(known)).toThrow(
      /no preferredChargingWindow, departureTimes, chargingPreferences, chargingMode, isPreEntryClimatizationEnabled/,
    );
    // An empty timer list is known ("no timers"), not missing.
    expect(() => buildChargingProfilePayload({ ...known, departureTimes: [] })).toThrow(
      /no preferredChargingWindow, chargingPreferences,/,
    );
  });

  it('needs only the parts an update does not replace', () => {
    const profile: ChargingProfile = {
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [],
      preferredChargingWindow: { startTime: { hour: 22, minute: 0 }, endTime: { hour: 6, minute: 0 } },
    };
    const payload = buildChargingProfilePayload(profile, {
      chargingMode: 'DELAYED_CHARGING',
      preconditionClimate: true,
    });
    expect(payload.chargingMode).toMatchObject({ type: 'TIME_SLOT', chargingPreference: 'CHARGING_WINDOW' });
    expect(payload.isPreconditionForDepartureActive).toBe(true);
    expect(() => buildChargingProfilePayload(profile, { chargingMode: 'DELAYED_CHARGING' })).toThrow(
      /no isPreEntryClimatizationEnabled/,
    );
  });
});
