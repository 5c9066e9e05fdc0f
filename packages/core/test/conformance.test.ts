import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildChargingProfilePayload,
  type ChargingProfilePayload,
  parseMyBMWVehicle,
  type VehicleSnapshot,
  vehicleToJSON,
} from '../src/index';
import { FROZEN, loadFixtureDir, SHARED_FIXTURES } from './fixtures';

/**
 * Conformance with bimmer_connected: the golden values its own test suite asserts for the real
 * recordings in ../shared/fixtures/mybmw (its test responses, present beside our checkout only).
 * Deliberate deviations (packages/core README, "Differences from bimmer_connected", and
 * docs/deviations.md) are asserted as such and marked DEVIATION.
 */

const present = existsSync(SHARED_FIXTURES);

function load(dir: string, options: { fetchedAt?: Date; timeZone?: string } = {}): VehicleSnapshot {
  const fixture = loadFixtureDir(SHARED_FIXTURES, dir);
  if (fixture === undefined) throw new Error(`fixture ${dir} missing`);
  return parseMyBMWVehicle({
    profile: fixture.profile,
    state: fixture.state,
    chargingSettings: fixture.chargingSettings,
    brand: fixture.brand,
    fetchedAt: options.fetchedAt ?? FROZEN,
    timeZone: options.timeZone ?? 'Europe/Berlin',
  });
}

const km = (value: number) => ({ value, unit: 'km' });
const iso = (s: string) => new Date(s);

const ABSENT = 'skipped when the reference data at ../shared/fixtures/mybmw is absent';
describe.skipIf(!present)(`conformance with bimmer_connected (${ABSENT})`, () => {
  const F31 = present ? load('F31') : (undefined as never);
  const G01 = present ? load('G01') : (undefined as never);
  const G26 = present ? load('G26') : (undefined as never);
  const REX = present ? load('I01_REX') : (undefined as never);
  const J29 = present ? load('J29') : (undefined as never);
  const all = { F31, G01, G26, I01_REX: REX, J29 };

  it('parses every fixture without issues', () => {
    for (const [dir, s] of Object.entries(all)) expect(s.issues, dir).toEqual([]);
  });

  it('identity: name, brand, drive train, VIN', () => {
    expect([F31, G01, G26, REX, J29].map((s) => s.name)).toEqual([
      '320d xDrive',
      'X3 xDrive30e',
      'i4 eDrive40',
      'i3 (+ REX)',
      'SPX 40i',
    ]);
    expect([F31, G01, G26, REX, J29].map((s) => s.brand)).toEqual(['bmw', 'bmw', 'bmw', 'bmw', 'toyota']);
    expect([F31, G01, G26, REX, J29].map((s) => s.driveTrain)).toEqual([
      'COMBUSTION',
      'PLUGIN_HYBRID',
      'ELECTRIC',
      'ELECTRIC_WITH_RANGE_EXTENDER',
      'COMBUSTION',
    ]);
    expect(G26.vin).toBe('WBA00000000DEMO02');
    expect(G26.source).toBe('mybmw');
    expect(G26.fetchedAt).toEqual(FROZEN);
  });

  it('J29: DRITTKUNDE is toyota, also without the brand hint', () => {
    const fixture = loadFixtureDir(SHARED_FIXTURES, 'J29');
    const s = parseMyBMWVehicle({ profile: fixture?.profile, state: fixture?.state, fetchedAt: FROZEN });
    expect(s.brand).toBe('toyota');
  });

  it('drive-train flags (test_drive_train_attributes)', () => {
    const flags = (s: VehicleSnapshot) => [s.hasCombustionDrivetrain, s.hasElectricDrivetrain];
    expect(flags(F31)).toEqual([true, false]);
    expect(flags(G01)).toEqual([true, true]);
    expect(flags(G26)).toEqual([false, true]);
    expect(flags(REX)).toEqual([true, true]);
    expect(flags(J29)).toEqual([true, false]);
  });

  it('mileage and timestamp', () => {
    expect(G01.mileage).toEqual(km(1121));
    expect(G26.mileage).toEqual(km(1121));
    expect(REX.mileage).toEqual(km(137009));
    // DEVIATION: bimmer_connected reports (0, km) when the state has no mileage; we report none.
    expect(F31.mileage).toBeUndefined();
    expect(J29.mileage).toBeUndefined();
    expect(F31.timestamp).toEqual(iso('2024-01-20T10:18:57Z'));
    expect(G01.timestamp).toEqual(iso('2023-01-04T14:57:06Z'));
    expect(G26.timestamp).toEqual(iso('2023-01-04T14:57:06Z'));
    expect(REX.timestamp).toEqual(iso('2022-06-22T14:24:23Z'));
    expect(J29.timestamp).toEqual(iso('2023-09-14T03:27:47Z'));
  });

  it('F31 timestamp is undefined without lastFetched (test_no_timestamp)', () => {
    const fixture = loadFixtureDir(SHARED_FIXTURES, 'F31');
    const state = structuredClone(fixture?.state) as { state: Record<string, unknown> };
    delete state.state.lastFetched;
    const s = parseMyBMWVehicle({ profile: fixture?.profile, state, fetchedAt: FROZEN });
    expect(s.timestamp).toBeUndefined();
  });

  it('lsc type, available attributes and capability flags', () => {
    expect([F31, G01, G26, REX, J29].map((s) => s.lscType)).toEqual([
      'NOT_CAPABLE',
      'ACTIVATED',
      'ACTIVATED',
      'ACTIVATED',
      'NOT_CAPABLE',
    ]);
    expect([F31, G01, G26, REX, J29].map((s) => s.isLscEnabled)).toEqual([false, true, true, true, false]);
    expect([F31, G01, G26, REX, J29].map((s) => s.availableAttributes.length)).toEqual([2, 27, 24, 27, 2]);
    expect(F31.availableAttributes).toEqual(['gpsPosition', 'vin']);
    expect(G01.availableAttributes).toEqual([
      'gpsPosition',
      'vin',
      'remainingRangeTotal',
      'mileage',
      'chargingTimeRemaining',
      'chargingStartTime',
      'chargingEndTime',
      'chargingTimeLabel',
      'chargingStatus',
      'connectionStatus',
      'remainingBatteryPercent',
      'remainingRangeElectric',
      'lastChargingEndResult',
      'acCurrentLimit',
      'chargingTarget',
      'chargingMode',
      'chargingPreferences',
      'isPreEntryClimatizationEnabled',
      'remainingFuel',
      'remainingRangeFuel',
      'remainingFuelPercent',
      'conditionBasedServices',
      'checkControlMessages',
      'doorLockState',
      'timestamp',
      'lids',
      'windows',
    ]);
    expect(G26.availableAttributes).toEqual(
      G01.availableAttributes.filter(
        (a) => !['remainingFuel', 'remainingRangeFuel', 'remainingFuelPercent'].includes(a),
      ),
    );
    const row = (flag: keyof VehicleSnapshot) => [F31, G01, G26, REX, J29].map((s) => s[flag]);
    expect(row('isChargingPlanSupported')).toEqual([false, true, true, true, false]);
    expect(row('isChargingSettingsSupported')).toEqual([false, false, true, false, false]);
    expect(row('isVehicleTrackingEnabled')).toEqual([false, true, true, false, true]);
    expect(row('isRemoteSetTargetSocEnabled')).toEqual([false, false, true, false, false]);
    expect(row('isRemoteSetAcLimitEnabled')).toEqual([false, false, true, false, false]);
    for (const flag of [
      'isRemoteSendpoiEnabled',
      'isRemoteHornEnabled',
      'isRemoteLightsEnabled',
      'isRemoteLockEnabled',
      'isRemoteUnlockEnabled',
      'isRemoteClimateStartEnabled',
    ] as const) {
      expect(row(flag), flag).toEqual([true, true, true, true, true]);
    }
    expect(row('isRemoteClimateStopEnabled')).toEqual([false, true, true, false, false]);
    expect(row('isRemoteChargeStartEnabled')).toEqual([false, false, false, false, false]);
    expect(row('isRemoteChargeStopEnabled')).toEqual([false, false, false, false, false]);
    expect(row('isVehicleActive')).toEqual([false, false, false, false, false]);
  });

  it('fuel and battery (test_range_phev, test_range_rex, test_range_combustion_no_info)', () => {
    expect(G01.fuelAndBattery).toMatchObject({
      remainingFuel: { value: 40, unit: 'L' },
      remainingRangeFuel: km(436),
      remainingFuelPercent: 80,
      remainingBatteryPercent: 80,
      remainingRangeElectric: km(40),
      remainingRangeTotal: km(476),
      chargingStatus: 'NOT_CHARGING',
      isChargerConnected: false,
      chargingTarget: 100,
      chargingEndTime: iso('2021-11-28T21:38:59Z'),
    });
    expect(G26.fuelAndBattery).toMatchObject({
      remainingRangeTotal: km(472),
      remainingRangeElectric: km(472),
      remainingBatteryPercent: 80,
      chargingStatus: 'NOT_CHARGING',
      chargingTarget: 80,
      chargingEndTime: iso('2021-11-28T21:38:59Z'),
    });
    expect(G26.fuelAndBattery?.remainingRangeFuel).toBeUndefined();
    expect(G26.fuelAndBattery?.remainingFuel).toBeUndefined();
    expect(REX.fuelAndBattery).toMatchObject({
      remainingFuel: { value: 6, unit: 'L' },
      remainingRangeFuel: km(105),
      remainingBatteryPercent: 82,
      remainingRangeElectric: km(174),
      remainingRangeTotal: km(279),
      chargingStatus: 'WAITING_FOR_CHARGING',
      isChargerConnected: true,
      chargingTarget: 100,
    });
    expect(REX.fuelAndBattery?.remainingFuelPercent).toBeUndefined();
    expect(REX.fuelAndBattery?.chargingEndTime).toBeUndefined();
    for (const s of [F31, J29]) {
      // bimmer_connected: all (None, None) / None; we: all undefined.
      expect(s.fuelAndBattery).toEqual({
        remainingRangeFuel: undefined,
        remainingRangeElectric: undefined,
        remainingRangeTotal: undefined,
        remainingFuel: undefined,
        remainingFuelPercent: undefined,
        remainingBatteryPercent: undefined,
        chargingStatus: undefined,
        chargingStartTime: undefined,
        chargingEndTime: undefined,
        isChargerConnected: false,
        chargingTarget: undefined,
      });
    }
  });

  it('I01_REX waiting for its charging window (test_plugged_in_waiting_for_charge_window)', () => {
    const s = load('I01_REX', { fetchedAt: iso('2021-11-28T17:28:59Z'), timeZone: 'Europe/Berlin' });
    // bimmer_connected: naive local 2021-11-29 18:01 (Berlin); we: the same instant in UTC.
    expect(s.fuelAndBattery?.chargingStartTime).toEqual(iso('2021-11-29T17:01:00Z'));
    expect(s.fuelAndBattery?.chargingEndTime).toBeUndefined();
    // Before the window opens the same day:
    const early = load('I01_REX', { fetchedAt: iso('2021-11-28T08:00:00Z'), timeZone: 'Europe/Berlin' });
    expect(early.fuelAndBattery?.chargingStartTime).toEqual(iso('2021-11-28T17:01:00Z'));
  });

  it('doors, lids and windows (test_lids, test_windows_g01, test_door_locks)', () => {
    expect(G01.doorsAndWindows?.doorLockState).toBe('LOCKED');
    expect(G26.doorsAndWindows?.doorLockState).toBe('LOCKED');
    expect(REX.doorsAndWindows?.doorLockState).toBe('UNLOCKED');
    expect(F31.doorsAndWindows?.doorLockState).toBe('UNKNOWN');
    expect(J29.doorsAndWindows?.doorLockState).toBe('UNKNOWN');
    const counts = (s: VehicleSnapshot) => [
      s.doorsAndWindows?.lids.length,
      s.doorsAndWindows?.windows.length,
    ];
    expect([F31, G01, G26, REX, J29].map(counts)).toEqual([
      [0, 0],
      [6, 5],
      [6, 5],
      [7, 2],
      [0, 0],
    ]);
    for (const s of [F31, G01, G26, REX, J29]) {
      expect(s.doorsAndWindows?.allLidsClosed).toBe(true);
      expect(s.doorsAndWindows?.allWindowsClosed).toBe(true);
      expect(s.doorsAndWindows?.openLids).toEqual([]);
    }
    expect(G26.doorsAndWindows?.lids.every((l) => l.state === 'CLOSED' && l.isClosed)).toBe(true);
    expect(REX.doorsAndWindows?.lids.at(-1)?.name).toBe('sunRoof');
    expect(G01.doorsAndWindows?.windows.map((w) => w.name)).toEqual([
      'leftFront',
      'leftRear',
      'rear',
      'rightFront',
      'rightRear',
    ]);
  });

  it('location (test_position_generic, test_parse_f31_no_position)', () => {
    expect(G01.vehicleLocation?.location).toEqual({ latitude: 48.177334, longitude: 11.556274 });
    expect(G26.vehicleLocation?.location).toEqual({ latitude: 48.177334, longitude: 11.556274 });
    expect(G26.vehicleLocation?.heading).toBe(180);
    expect(F31.vehicleLocation?.location).toBeUndefined();
    expect(F31.vehicleLocation?.heading).toBeUndefined();
    expect(REX.vehicleLocation?.location).toBeUndefined();
    expect(J29.vehicleLocation?.location).toBeUndefined();
    expect(F31.vehicleLocation?.vehicleUpdateTimestamp).toEqual(iso('2024-01-20T10:18:57Z'));
    expect(G26.vehicleLocation?.vehicleUpdateTimestamp).toEqual(iso('2023-01-04T14:57:06Z'));
    expect(REX.vehicleLocation?.vehicleUpdateTimestamp).toEqual(iso('2022-06-22T14:24:23Z'));
    expect(J29.vehicleLocation?.vehicleUpdateTimestamp).toEqual(iso('2023-09-14T03:27:47Z'));
    expect(G26.vehicleLocation?.accountRegion).toBe('rest_of_world');
  });

  it('China accounts convert GCJ-02 (test_parse_gcj02_position)', () => {
    const fixture = loadFixtureDir(SHARED_FIXTURES, 'G01');
    const state = structuredClone(fixture?.state) as { state: Record<string, unknown> };
    state.state.location = {
      coordinates: { latitude: 39.83492, longitude: 116.23221 },
      heading: 123,
    };
    const options = { profile: fixture?.profile, state, fetchedAt: FROZEN, region: 'china' as const };
    const s = parseMyBMWVehicle(options);
    const pos = s.vehicleLocation?.location;
    expect(pos?.latitude.toFixed(5)).toBe('39.83370');
    expect(pos?.longitude.toFixed(5)).toBe('116.22617');
    expect(pos?.latitude).toBeCloseTo(39.83369819675141, 12);
    expect(pos?.longitude).toBeCloseTo(116.22616903935962, 12);
    expect(s.vehicleLocation?.heading).toBe(123);
    // Parsing again does not crawl (the input is always the raw coordinate).
    expect(parseMyBMWVehicle(options).vehicleLocation?.location).toEqual(pos);
  });

  it('condition-based services (test_condition_based_services)', () => {
    const cbs = G01.conditionBasedServices;
    expect(cbs?.messages).toHaveLength(4);
    expect(cbs?.nextServiceByDistance?.serviceType).toBe('BRAKE_FLUID');
    expect(cbs?.nextServiceByDistance?.dueDistance).toEqual(km(50000));
    expect(cbs?.nextServiceByTime?.serviceType).toBe('VEHICLE_CHECK');
    expect(cbs?.nextServiceByTime?.dueDate).toEqual(iso('2024-11-01T00:00:00Z'));
    expect(cbs?.messages[0]).toMatchObject({
      state: 'OK',
      dueDate: iso('2024-12-01T00:00:00Z'),
      dueDistance: km(50000),
    });
    expect(cbs?.messages[1]).toMatchObject({
      state: 'OK',
      dueDate: iso('2024-12-01T00:00:00Z'),
      dueDistance: km(50000),
    });
    expect(cbs?.messages[2]).toMatchObject({
      state: 'OK',
      dueDate: iso('2024-11-01T00:00:00Z'),
      dueDistance: km(50000),
    });
    expect(cbs?.isServiceRequired).toBe(false);
    expect(G26.conditionBasedServices?.messages).toHaveLength(5);
    expect(G26.conditionBasedServices?.nextServiceByDistance?.serviceType).toBe('BRAKE_FLUID');
    expect(G26.conditionBasedServices?.nextServiceByTime?.serviceType).toBe('BRAKE_FLUID');
    expect(G26.conditionBasedServices?.nextServiceByTime?.dueDate).toEqual(iso('2024-12-01T00:00:00Z'));
    expect(REX.conditionBasedServices?.messages).toHaveLength(3);
    expect(REX.conditionBasedServices?.nextServiceByDistance).toBeUndefined();
    expect(REX.conditionBasedServices?.nextServiceByTime?.serviceType).toBe('BRAKE_FLUID');
    expect(REX.conditionBasedServices?.nextServiceByTime?.dueDate).toEqual(iso('2022-10-01T00:00:00Z'));
    for (const s of [F31, J29]) {
      expect(s.conditionBasedServices?.messages).toEqual([]);
      expect(s.conditionBasedServices?.nextServiceByDistance).toBeUndefined();
      expect(s.conditionBasedServices?.nextServiceByTime).toBeUndefined();
    }
  });

  it('check-control messages (test_check_control_messages)', () => {
    const ccm = G01.checkControlMessages;
    expect(ccm?.hasCheckControlMessages).toBe(true);
    expect(ccm?.urgentCheckControlMessages).toBe('ENGINE_OIL');
    expect(ccm?.messages).toHaveLength(2);
    expect(ccm?.messages[1]).toEqual({
      descriptionShort: 'ENGINE_OIL',
      descriptionLong: undefined,
      state: 'MEDIUM',
    });
    const summary = (s: VehicleSnapshot) => [
      s.checkControlMessages?.messages.length,
      s.checkControlMessages?.hasCheckControlMessages,
      s.checkControlMessages?.urgentCheckControlMessages,
    ];
    expect(summary(F31)).toEqual([1, false, undefined]);
    expect(summary(G26)).toEqual([1, false, undefined]);
    expect(summary(REX)).toEqual([0, false, undefined]);
    expect(summary(J29)).toEqual([1, false, undefined]);
  });

  it('head unit (test_headunit_data)', () => {
    expect(F31.headunit).toEqual({
      idriveVersion: 'ID4',
      headunitType: 'NBT',
      softwareVersion: '11/2013.02',
    });
    expect(G26.headunit).toEqual({
      idriveVersion: 'ID8',
      headunitType: 'MGU',
      softwareVersion: '11/2021.70',
    });
    expect(REX.headunit).toEqual({
      idriveVersion: 'ID4',
      headunitType: 'NBT',
      softwareVersion: '11/2021.10',
    });
    expect(J29.headunit).toEqual({
      idriveVersion: 'ID5',
      headunitType: 'NBT_EVO',
      softwareVersion: '07/2019.55',
    });
    // DEVIATION: bimmer_connected reports "" for all three when softwareVersionCurrent is absent;
    // we keep the hmiVersion the profile does have.
    expect(G01.headunit).toEqual({
      idriveVersion: 'ID7',
      headunitType: undefined,
      softwareVersion: undefined,
    });
  });

  it('climate (test_climate)', () => {
    expect(REX.climate).toEqual({ activity: 'UNKNOWN', activityEndTime: undefined, isClimateOn: false });
    expect(G01.climate).toEqual({ activity: 'STANDBY', activityEndTime: undefined, isClimateOn: false });
    expect(G26.climate).toEqual({
      activity: 'HEATING',
      activityEndTime: iso('2021-11-28T21:58:49Z'),
      isClimateOn: true,
    });
    expect(F31.climate?.activity).toBe('UNKNOWN');
    expect(J29.climate?.activity).toBe('UNKNOWN');
  });

  it('charging profile (test_charging_profile)', () => {
    expect(F31.chargingProfile).toBeUndefined();
    expect(J29.chargingProfile).toBeUndefined();
    const rex = REX.chargingProfile;
    expect(rex?.isPreEntryClimatizationEnabled).toBe(false);
    expect(rex?.chargingMode).toBe('DELAYED_CHARGING');
    expect(rex?.chargingPreferences).toBe('CHARGING_WINDOW');
    expect(rex?.timerType).toBe('WEEKLY_PLANNER');
    expect(rex?.acCurrentLimit).toBeUndefined();
    expect(rex?.acAvailableLimits).toBeUndefined();
    expect(rex?.chargingPreferencesServicePack).toBe('TCB1');
    expect(rex?.departureTimes?.[0]).toEqual({
      timerId: 1,
      startTime: { hour: 7, minute: 35 },
      action: 'DEACTIVATE',
      weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
    });
    expect(rex?.departureTimes?.[3]?.startTime).toBeUndefined();
    expect(rex?.preferredChargingWindow).toEqual({
      startTime: { hour: 18, minute: 1 },
      endTime: { hour: 1, minute: 30 },
    });
    const g26 = G26.chargingProfile;
    expect(g26?.acCurrentLimit).toBe(16);
    expect(g26?.acAvailableLimits).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 32]);
    expect(g26?.chargingPreferencesServicePack).toBe('WAVE_01');
    expect([g26?.chargingMode, g26?.chargingPreferences, g26?.timerType]).toEqual([
      'IMMEDIATE_CHARGING',
      'NO_PRESELECTION',
      'WEEKLY_PLANNER',
    ]);
    const g01 = G01.chargingProfile;
    expect([
      g01?.isPreEntryClimatizationEnabled,
      g01?.acCurrentLimit,
      g01?.chargingPreferencesServicePack,
    ]).toEqual([false, 16, 'ATM2']);
    expect(g01?.acAvailableLimits).toBeUndefined();
    expect(g01?.preferredChargingWindow).toEqual({
      startTime: { hour: 0, minute: 0 },
      endTime: { hour: 0, minute: 0 },
    });
  });

  it('charging-profile payload equals the crccs timer detail (test_charging_profile_format_for_remote_service)', () => {
    for (const dir of ['G01', 'G26', 'I01_REX']) {
      const fixture = loadFixtureDir(SHARED_FIXTURES, dir);
      const crccs = structuredClone(fixture?.chargingSettings) as {
        chargeAndClimateTimerDetail: ChargingProfilePayload;
        servicePack: string;
      };
      const expected = crccs.chargeAndClimateTimerDetail;
      expected.chargingMode.timerChange = 'NO_CHANGE';
      expected.chargingMode.startTimeSlot += '.000';
      expected.chargingMode.endTimeSlot += '.000';
      for (const timer of expected.departureTimer.weeklyTimers) timer.time += '.000';
      const profile = load(dir).chargingProfile;
      expect(profile, dir).toBeDefined();
      if (profile === undefined) continue;
      expect(buildChargingProfilePayload(profile), dir).toEqual({
        ...expected,
        servicePack: crccs.servicePack,
      });
    }
  });

  it('tires (test_tires)', () => {
    expect(F31.tires).toBeUndefined();
    expect(REX.tires).toBeUndefined();
    expect(J29.tires).toBeUndefined();
    expect(G01.tires?.frontLeft).toEqual({
      currentPressure: 270,
      targetPressure: 260,
      season: undefined,
      manufacturingWeek: undefined,
    });
    expect(G01.tires?.frontRight).toMatchObject({ currentPressure: 270, targetPressure: 260 });
    expect(G01.tires?.rearLeft).toMatchObject({ currentPressure: 270, targetPressure: 310 });
    expect(G01.tires?.rearRight).toMatchObject({ currentPressure: 270, targetPressure: 310 });
    const t = G26.tires;
    expect(t?.frontLeft).toEqual({
      currentPressure: 241,
      targetPressure: 269,
      season: 2,
      manufacturingWeek: iso('2021-10-04T00:00:00Z'),
    });
    expect(t?.frontRight).toEqual({
      currentPressure: 255,
      targetPressure: 269,
      season: 2,
      manufacturingWeek: iso('2019-06-10T00:00:00Z'),
    });
    expect(t?.rearLeft).toEqual({
      currentPressure: 324,
      targetPressure: 303,
      season: 2,
      manufacturingWeek: iso('2019-03-18T00:00:00Z'),
    });
    expect(t?.rearRight).toEqual({
      currentPressure: 331,
      targetPressure: 303,
      season: 2,
      manufacturingWeek: iso('2019-03-18T00:00:00Z'),
    });
  });

  it('G26 with the front-left tyre status removed keeps the rest (test_generic_error_handling)', () => {
    const fixture = loadFixtureDir(SHARED_FIXTURES, 'G26');
    const state = structuredClone(fixture?.state) as {
      state: { tireState: { frontLeft: Record<string, unknown> } };
    };
    delete state.state.tireState.frontLeft.status;
    const s = parseMyBMWVehicle({ profile: fixture?.profile, state, fetchedAt: FROZEN });
    // DEVIATION: bimmer_connected drops all tyres (TypeError); we keep what is there.
    expect(s.tires?.frontLeft).toEqual({
      currentPressure: undefined,
      targetPressure: undefined,
      season: 2,
      manufacturingWeek: iso('2021-10-04T00:00:00Z'),
    });
    expect(s.tires?.rearRight?.currentPressure).toBe(331);
    expect(s.fuelAndBattery?.remainingBatteryPercent).toBe(80);
  });

  it('JSON form of G26 (spot checks)', () => {
    const json = vehicleToJSON(G26);
    expect(json.mileage).toEqual({ value: 1121, unit: 'km' });
    expect(json.timestamp).toBe('2023-01-04T14:57:06Z');
    expect(json.fuelAndBattery?.chargingEndTime).toBe('2021-11-28T21:38:59Z');
    expect(json.chargingProfile?.preferredChargingWindow).toEqual({
      startTime: '00:00:00',
      endTime: '00:00:00',
    });
    expect(json.tires?.frontLeft?.manufacturingWeek).toBe('2021-10-04T00:00:00Z');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(JSON.stringify(json)).not.toContain('null');
  });
});
