import { describe, expect, it } from 'vitest';
import {
  applyRemoteServicePosition,
  assertRemoteServiceSupported,
  BimmerUnsupportedError,
  BimmerValidationError,
  buildChargingProfilePayload,
  buildChargingSettingsPayload,
  buildCheckControlMessageReport,
  buildConditionBasedServiceReport,
  buildDoorsAndWindows,
  buildLid,
  CAPABILITY_FLAGS,
  type ChargingProfile,
  formatInstant,
  formatRemoteServiceTime,
  isRemoteServiceSupported,
  RemoteServiceName,
  toCamelCase,
  type VehicleSnapshot,
  vehicleFromJSON,
  vehicleToJSON,
} from '../src/index';
import { parse, T0 } from './synthetic';

// Every attribute bimmer_connected's `status --json` prints for a vehicle (reference §1.10),
// except `data` (the raw responses, which we never print).
const PYTHON_VEHICLE_KEYS = [
  'fuel_and_battery',
  'vehicle_location',
  'doors_and_windows',
  'condition_based_services',
  'headunit',
  'check_control_messages',
  'climate',
  'charging_profile',
  'tires',
  'available_attributes',
  'brand',
  'drive_train',
  'drive_train_attributes',
  'has_combustion_drivetrain',
  'has_electric_drivetrain',
  'is_charging_plan_supported',
  'is_charging_settings_supported',
  'is_lsc_enabled',
  'is_remote_charge_start_enabled',
  'is_remote_charge_stop_enabled',
  'is_remote_climate_start_enabled',
  'is_remote_climate_stop_enabled',
  'is_remote_horn_enabled',
  'is_remote_lights_enabled',
  'is_remote_lock_enabled',
  'is_remote_sendpoi_enabled',
  'is_remote_set_ac_limit_enabled',
  'is_remote_set_target_soc_enabled',
  'is_remote_unlock_enabled',
  'is_vehicle_active',
  'is_vehicle_tracking_enabled',
  'lsc_type',
  'mileage',
  'name',
  'timestamp',
  'vin',
];

function fullVehicle(): VehicleSnapshot {
  return parse({
    driveTrain: 'PLUGIN_HYBRID',
    profile: {
      year: 2024,
      hmiVersion: 'ID9',
      headUnitType: 'MGU',
      softwareVersionCurrent: { iStep: 455, puStep: { month: 3, year: 24 } },
    },
    capabilities: {
      lastStateCallState: 'ACTIVATED',
      isChargingPlanSupported: true,
      isChargingTargetSocEnabled: true,
      isChargingPowerLimitEnabled: true,
      lock: true,
    },
    state: {
      isLscSupported: true,
      currentMileage: 12345,
      lastFetched: '2025-03-10T11:59:30.000Z',
      combustionFuelLevel: { range: 600, remainingFuelLiters: 40, remainingFuelPercent: 70 },
      electricChargingState: {
        range: 80,
        chargingLevelPercent: 100,
        chargingStatus: 'WAITING_FOR_CHARGING',
        isChargerConnected: true,
        remainingChargingMinutes: 30,
        chargingTarget: 100,
      },
      location: { coordinates: { latitude: 52.52, longitude: 13.405 }, heading: 270 },
      doorsState: { combinedSecurityState: 'LOCKED', hood: 'CLOSED', trunk: 'OPEN' },
      windowsState: { leftFront: 'CLOSED' },
      requiredServices: [{ type: 'OIL', status: 'OK', dateTime: '2026-01-01T00:00:00.000Z', mileage: 20000 }],
      checkControlMessages: [{ type: 'ENGINE_OIL', severity: 'MEDIUM' }],
      climateControlState: { activity: 'HEATING', remainingSeconds: 600 },
      chargingProfile: {
        chargingControlType: 'WEEKLY_PLANNER',
        chargingMode: 'DELAYED_CHARGING',
        chargingPreference: 'CHARGING_WINDOW',
        chargingSettings: { acCurrentLimit: 16 },
        departureTimes: [
          { id: 1, action: 'ACTIVATE', timeStamp: { hour: 7, minute: 0 }, timerWeekDays: ['MONDAY'] },
        ],
        reductionOfChargeCurrent: { start: { hour: 22, minute: 0 }, end: { hour: 6, minute: 0 } },
      },
      tireState: {
        frontLeft: {
          status: { currentPressure: 250, targetPressure: 260 },
          details: { season: 2, manufacturingWeek: 1224 },
        },
      },
    },
    chargingSettings: {
      servicePack: 'WAVE_01',
      chargingSettingsDetail: { acLimit: { values: [6, 10, 16] } },
    },
  });
}

describe('vehicleToJSON', () => {
  const s = fullVehicle();
  const json = vehicleToJSON(s);

  it('has every attribute of status --json, camelCased', () => {
    expect(s.issues).toEqual([]);
    for (const key of PYTHON_VEHICLE_KEYS) expect(json, key).toHaveProperty(toCamelCase(key));
    expect(json).not.toHaveProperty('data');
  });

  it('renders values with units, times, times of day and enums', () => {
    expect(json.mileage).toEqual({ value: 12345, unit: 'km' });
    expect(json.fetchedAt).toBe('2025-03-10T12:00:00Z');
    expect(json.timestamp).toBe('2025-03-10T11:59:30Z');
    expect(json.fuelAndBattery).toEqual({
      remainingRangeFuel: { value: 520, unit: 'km' },
      remainingRangeElectric: { value: 80, unit: 'km' },
      remainingRangeTotal: { value: 600, unit: 'km' },
      remainingFuel: { value: 40, unit: 'L' },
      remainingFuelPercent: 70,
      remainingBatteryPercent: 100,
      chargingStatus: 'WAITING_FOR_CHARGING',
      chargingStartTime: '2025-03-10T22:00:00Z',
      chargingEndTime: '2025-03-10T12:30:00Z',
      isChargerConnected: true,
      chargingTarget: 100,
    });
    expect(json.vehicleLocation).toEqual({
      location: { latitude: 52.52, longitude: 13.405 },
      heading: 270,
      vehicleUpdateTimestamp: '2025-03-10T11:59:30Z',
      accountRegion: 'rest_of_world',
    });
    expect(json.doorsAndWindows).toEqual({
      doorLockState: 'LOCKED',
      lids: [
        { name: 'hood', state: 'CLOSED', isClosed: true },
        { name: 'trunk', state: 'OPEN', isClosed: false },
      ],
      windows: [{ name: 'leftFront', state: 'CLOSED', isClosed: true }],
      openLids: [{ name: 'trunk', state: 'OPEN', isClosed: false }],
      openWindows: [],
      allLidsClosed: false,
      allWindowsClosed: true,
    });
    const oil = {
      serviceType: 'OIL',
      state: 'OK',
      dueDate: '2026-01-01T00:00:00Z',
      dueDistance: { value: 20000, unit: 'km' },
    };
    expect(json.conditionBasedServices).toEqual({
      messages: [oil],
      isServiceRequired: false,
      nextServiceByDistance: oil,
      nextServiceByTime: oil,
    });
    expect(json.checkControlMessages).toEqual({
      messages: [{ descriptionShort: 'ENGINE_OIL', state: 'MEDIUM' }],
      hasCheckControlMessages: true,
      urgentCheckControlMessages: 'ENGINE_OIL',
    });
    expect(json.headunit).toEqual({
      idriveVersion: 'ID9',
      headunitType: 'MGU',
      softwareVersion: '03/2024.55',
    });
    expect(json.climate).toEqual({
      activity: 'HEATING',
      activityEndTime: '2025-03-10T12:10:00Z',
      isClimateOn: true,
    });
    expect(json.chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [{ timerId: 1, startTime: '07:00:00', action: 'ACTIVATE', weekdays: ['MONDAY'] }],
      preferredChargingWindow: { startTime: '22:00:00', endTime: '06:00:00' },
      chargingPreferences: 'CHARGING_WINDOW',
      chargingMode: 'DELAYED_CHARGING',
      acCurrentLimit: 16,
      acAvailableLimits: [6, 10, 16],
      chargingPreferencesServicePack: 'WAVE_01',
    });
    expect(json.tires).toEqual({
      frontLeft: {
        currentPressure: 250,
        targetPressure: 260,
        season: 2,
        manufacturingWeek: '2024-03-18T00:00:00Z',
      },
    });
    expect(json.lscType).toBe('ACTIVATED');
    expect(json.availableAttributes).toContain('gpsPosition');
    expect(json.availableAttributes).toHaveLength(27);
    expect(json.issues).toEqual([]);
  });

  it('is plain JSON without nulls', () => {
    const text = JSON.stringify(json);
    expect(JSON.parse(text)).toEqual(json);
    expect(text).not.toContain('null');
    const empty = vehicleToJSON(parse());
    expect(JSON.stringify(empty)).not.toContain('null');
    expect(empty).not.toHaveProperty('mileage');
    expect(empty).not.toHaveProperty('tires');
  });

  it('includes issues and field times', () => {
    const s2 = parse({ state: { currentMileage: 'x' } });
    const withTimes: VehicleSnapshot = {
      ...s2,
      fieldTimes: {
        mileage: { at: new Date('2025-03-10T11:00:00.500Z'), source: 'cardata' },
        missing: undefined,
      },
    };
    const j = vehicleToJSON(withTimes);
    expect(j.issues).toMatchObject([{ path: 'state.currentMileage', code: 'invalid', block: 'status' }]);
    expect(j.fieldTimes).toEqual({ mileage: { at: '2025-03-10T11:00:00.500Z', source: 'cardata' } });
  });

  it('formatInstant keeps milliseconds only when there are any', () => {
    expect(formatInstant(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01T00:00:00Z');
    expect(formatInstant(new Date('2025-01-01T00:00:00.25Z'))).toBe('2025-01-01T00:00:00.250Z');
  });
});

describe('builders', () => {
  it('doors and windows', () => {
    const dw = buildDoorsAndWindows({ lids: [buildLid('hood', 'CLOSED'), buildLid('trunk', 'UNKNOWN')] });
    expect(dw.doorLockState).toBe('UNKNOWN');
    expect(dw.openLids.map((l) => l.name)).toEqual(['trunk']);
    expect(dw.allWindowsClosed).toBe(true);
  });
  it('condition-based service report', () => {
    const r = buildConditionBasedServiceReport([
      { serviceType: 'B', state: 'OVERDUE', dueDate: new Date('2025-01-01T00:00:00Z') },
      {
        serviceType: 'A',
        state: 'OK',
        dueDate: new Date('2025-01-01T00:00:00Z'),
        dueDistance: { value: 5, unit: 'km' },
      },
    ]);
    expect(r.isServiceRequired).toBe(true);
    expect(r.nextServiceByTime?.serviceType).toBe('A');
    expect(r.nextServiceByDistance?.serviceType).toBe('A');
    expect(buildConditionBasedServiceReport([])).toEqual({
      messages: [],
      isServiceRequired: false,
      nextServiceByDistance: undefined,
      nextServiceByTime: undefined,
    });
  });
  it('check-control report', () => {
    const r = buildCheckControlMessageReport([{ descriptionShort: 'X', state: 'UNKNOWN' }]);
    expect(r.hasCheckControlMessages).toBe(true);
    expect(r.urgentCheckControlMessages).toBe('X');
  });
});

describe('charging-profile payload', () => {
  const profile: ChargingProfile = {
    isPreEntryClimatizationEnabled: false,
    timerType: 'TWO_TIMES_TIMER',
    departureTimes: [{ timerId: 3, startTime: { hour: 7, minute: 5 } }, {}],
    preferredChargingWindow: { startTime: { hour: 22, minute: 0 }, endTime: { hour: 6, minute: 30 } },
    chargingPreferences: 'NO_PRESELECTION',
    chargingMode: 'IMMEDIATE_CHARGING',
  };
  it('formats like format_for_remote_service', () => {
    expect(buildChargingProfilePayload(profile)).toEqual({
      chargingMode: {
        chargingPreference: 'NO_PRESELECTION',
        endTimeSlot: '0001-01-01T06:30:00.000',
        startTimeSlot: '0001-01-01T22:00:00.000',
        type: 'CHARGING_IMMEDIATELY',
        timerChange: 'NO_CHANGE',
      },
      departureTimer: {
        type: 'TWO_DEPARTURE_TIMER',
        weeklyTimers: [
          { daysOfTheWeek: null, id: 3, time: '0001-01-01T07:05:00.000', timerAction: null },
          { daysOfTheWeek: null, id: null, time: '0001-01-01T00:00:00.000', timerAction: null },
        ],
      },
      isPreconditionForDepartureActive: false,
      servicePack: null,
    });
    expect(formatRemoteServiceTime(undefined)).toBe('0001-01-01T00:00:00.000');
  });
  it('applies changes', () => {
    const p = buildChargingProfilePayload(profile, {
      chargingMode: 'DELAYED_CHARGING',
      preconditionClimate: true,
    });
    expect(p.chargingMode.type).toBe('TIME_SLOT');
    expect(p.chargingMode.chargingPreference).toBe('CHARGING_WINDOW');
    expect(p.isPreconditionForDepartureActive).toBe(true);
    const back = buildChargingProfilePayload(
      { ...profile, chargingMode: 'UNKNOWN' },
      { chargingMode: 'IMMEDIATE_CHARGING' },
    );
    expect(back.chargingMode.type).toBe('CHARGING_IMMEDIATELY');
    expect(buildChargingProfilePayload(profile, { chargingMode: 'UNKNOWN' }).chargingMode.type).toBe(
      'CHARGING_IMMEDIATELY',
    );
    expect(() => buildChargingProfilePayload(profile, { chargingMode: 'NO_ACTION' })).toThrow(
      BimmerValidationError,
    );
  });
  it('refuses an unknown timer type with a typed error', () => {
    expect(() => buildChargingProfilePayload({ ...profile, timerType: 'UNKNOWN' })).toThrow(
      BimmerUnsupportedError,
    );
  });
});

describe('charging-settings payload', () => {
  const s = fullVehicle();
  it('builds the body', () => {
    expect(buildChargingSettingsPayload(s, { targetSoc: 75, acLimit: 10 })).toEqual({
      chargingTarget: 75,
      acLimitValue: 10,
    });
    expect(buildChargingSettingsPayload(s, { targetSoc: 80 })).toEqual({
      chargingTarget: 80,
      acLimitValue: null,
    });
    expect(buildChargingSettingsPayload(s, {})).toEqual({ chargingTarget: null, acLimitValue: null });
  });
  it('validates values', () => {
    for (const targetSoc of [19, 21, 101, 15, 77.5, 0, Number.NaN]) {
      expect(() => buildChargingSettingsPayload(s, { targetSoc }), String(targetSoc)).toThrow(
        BimmerValidationError,
      );
    }
    for (const acLimit of [17, 6.5, 0]) {
      expect(() => buildChargingSettingsPayload(s, { acLimit }), String(acLimit)).toThrow(
        BimmerValidationError,
      );
    }
  });
  it('refuses what the vehicle cannot do', () => {
    const plain = parse();
    expect(() => buildChargingSettingsPayload(plain, { targetSoc: 80 })).toThrow(BimmerUnsupportedError);
    expect(() => buildChargingSettingsPayload(plain, { acLimit: 16 })).toThrow(BimmerUnsupportedError);
    const noLimits = {
      ...s,
      chargingProfile: s.chargingProfile && { ...s.chargingProfile, acAvailableLimits: undefined },
    };
    expect(() => buildChargingSettingsPayload(noLimits, { acLimit: 16 })).toThrow(BimmerUnsupportedError);
  });
});

describe('capabilities', () => {
  it('lists every flag of the snapshot', () => {
    const s = parse();
    for (const flag of CAPABILITY_FLAGS) expect(typeof s[flag], flag).toBe('boolean');
    expect(CAPABILITY_FLAGS).toHaveLength(16);
  });
  it('checks remote services', () => {
    const s = fullVehicle();
    expect(isRemoteServiceSupported(s, RemoteServiceName.DOOR_LOCK)).toBe(true);
    expect(isRemoteServiceSupported(s, 'doorUnlock')).toBe(false);
    expect(isRemoteServiceSupported(s, 'chargingSettings')).toBe(true);
    expect(isRemoteServiceSupported(s, 'chargingProfile')).toBe(true);
    expect(isRemoteServiceSupported(s, 'climateStop')).toBe(true);
    expect(isRemoteServiceSupported(s, 'vehicleFinder')).toBe(true);
    expect(isRemoteServiceSupported(parse(), 'chargingProfile')).toBe(false);
    expect(() => assertRemoteServiceSupported(s, 'horn')).toThrow(BimmerUnsupportedError);
    try {
      assertRemoteServiceSupported(s, 'horn');
    } catch (error) {
      expect((error as BimmerUnsupportedError).code).toBe('unsupported');
      expect((error as BimmerUnsupportedError).feature).toBe('horn');
    }
    expect(() => assertRemoteServiceSupported(s, 'doorLock')).not.toThrow();
  });
});

describe('applyRemoteServicePosition (vehicle finder)', () => {
  const s = fullVehicle(); // vehicleUpdateTimestamp 2025-03-10T11:59:30Z
  it('a newer finder position wins', () => {
    const next = applyRemoteServicePosition(s, {
      latitude: 12.345,
      longitude: 34.5678,
      heading: 121,
      timestamp: new Date('2025-03-10T12:05:00Z'),
    });
    expect(next.vehicleLocation?.location).toEqual({ latitude: 12.345, longitude: 34.5678 });
    expect(next.vehicleLocation?.heading).toBe(121);
    expect(next.vehicleLocation?.remoteServicePosition?.timestamp).toEqual(new Date('2025-03-10T12:05:00Z'));
    expect(s.vehicleLocation?.location).toEqual({ latitude: 52.52, longitude: 13.405 }); // not mutated
    expect(vehicleToJSON(next).vehicleLocation?.remoteServicePosition).toEqual({
      latitude: 12.345,
      longitude: 34.5678,
      heading: 121,
      timestamp: '2025-03-10T12:05:00Z',
    });
  });
  it('an older one is only stored', () => {
    const next = applyRemoteServicePosition(s, {
      latitude: 1,
      longitude: 2,
      timestamp: new Date('2020-01-02T00:00:00Z'),
    });
    expect(next.vehicleLocation?.location).toEqual({ latitude: 52.52, longitude: 13.405 });
    expect(next.vehicleLocation?.remoteServicePosition?.latitude).toBe(1);
  });
  it('converts for China and rejects invalid positions', () => {
    const cn = parse({ options: { region: 'china' } });
    const next = applyRemoteServicePosition(cn, { latitude: 39.83492, longitude: 116.23221, timestamp: T0 });
    expect(next.vehicleLocation?.location?.latitude).toBeCloseTo(39.8337, 4);
    expect(() => applyRemoteServicePosition(s, { latitude: 95, longitude: 0, timestamp: T0 })).toThrow(
      BimmerValidationError,
    );
  });
});

describe('vehicleFromJSON', () => {
  it('round-trips the JSON form', () => {
    const s = fullVehicle();
    const withExtras = applyRemoteServicePosition(
      { ...s, fieldTimes: { mileage: { at: new Date('2025-03-10T11:00:00Z'), source: 'cardata' } } },
      { latitude: 1, longitude: 2, heading: 3, timestamp: new Date('2025-03-10T12:30:00Z') },
    );
    const json = vehicleToJSON(withExtras);
    const back = vehicleFromJSON(JSON.parse(JSON.stringify(json)));
    expect(vehicleToJSON(back)).toEqual(json);
    expect(back.fetchedAt).toEqual(s.fetchedAt);
    expect(back.chargingProfile?.preferredChargingWindow?.startTime).toEqual({ hour: 22, minute: 0 });
    expect(back.doorsAndWindows?.openLids.map((l) => l.name)).toEqual(['trunk']);
    expect(isRemoteServiceSupported(back, 'doorLock')).toBe(true);
    const bare = vehicleToJSON(parse({ state: { currentMileage: 'bad' } }));
    expect(vehicleToJSON(vehicleFromJSON(bare))).toEqual(bare);
  });
  it('keeps the driving state a car reports (isMoving)', () => {
    const moving = vehicleToJSON({ ...fullVehicle(), isMoving: true });
    expect(vehicleFromJSON(JSON.parse(JSON.stringify(moving))).isMoving).toBe(true);
    expect(vehicleFromJSON({ ...moving, isMoving: 'yes' }).isMoving).toBeUndefined();
  });
  it('needs a vin and fetchedAt', () => {
    for (const bad of [
      null,
      'x',
      {},
      { vin: 'X' },
      { fetchedAt: '2025-01-01T00:00:00Z' },
      { vin: 'X', fetchedAt: 'soon' },
    ]) {
      expect(() => vehicleFromJSON(bad), JSON.stringify(bad)).toThrow(BimmerValidationError);
    }
  });
  it('drops bad values', () => {
    const s = vehicleFromJSON({
      vin: 'X',
      fetchedAt: '2025-01-01T00:00:00Z',
      brand: 'audi',
      mileage: { value: 'far', unit: 'km' },
      vehicleLocation: { location: { latitude: 95, longitude: 0 } },
      doorsAndWindows: { lids: [{ name: 'hood', state: 'AJAR' }, { state: 'OPEN' }] },
    });
    expect(s.brand).toBe('bmw');
    expect(s.mileage).toBeUndefined();
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(s.vehicleLocation?.accountRegion).toBe('rest_of_world');
    expect(s.doorsAndWindows?.lids).toEqual([{ name: 'hood', state: 'UNKNOWN', isClosed: false }]);
  });
});
