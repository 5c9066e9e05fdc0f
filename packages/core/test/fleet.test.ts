// Golden tests of our own fleet (fixtures/mybmw, see fixtures/README.md). Every expected value below was
// written by hand from the values we put into the fixture files, following the parsing rules of
// bimmer_connected (docs/deviations.md lists where we differ); none was copied from parser output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildChargingProfilePayload,
  type CheckControlStatus,
  type ConditionBasedServiceStatus,
  type LidState,
  type ParseMyBMWVehicleOptions,
  parseMyBMWVehicle,
  type VehicleCapabilities,
  type VehicleSnapshot,
  vehicleToJSON,
} from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const FLEET_DIR = fileURLToPath(new URL('../../../fixtures/mybmw/', import.meta.url));
/** Fixed, so that charging and climate end times are deterministic. */
const FETCHED_AT = new Date('2026-11-30T12:00:00Z');
const FLEET_GCID = 'b1a5e000-2026-4000-8000-00000000f1ee';
/** One directory per vehicle. */
const FLEET_DIRS = readdirSync(FLEET_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const FILE =
  /^(bmw|mini|toyota)-eadrax-(vcs_v5_vehicle-list|vcs_v5_vehicle-data_profile|vcs_v4_vehicles_state|crccs_v2_vehicles)(?:_([A-Z0-9]{17}))?\.json$/;

interface VehicleFiles {
  brand: 'bmw' | 'mini' | 'toyota';
  names: string[];
  vehicleList: { gcid: string; mappingInfos: Array<Record<string, unknown>> };
  profile: Record<string, unknown>;
  state: { capabilities: Record<string, unknown>; state: Record<string, unknown> };
  chargingSettings?: unknown;
}

function readFleetDirectory(dir: string): VehicleFiles {
  const files: Partial<VehicleFiles> & { names: string[] } = { names: [] };
  for (const name of readdirSync(join(FLEET_DIR, dir))) {
    const match = FILE.exec(name);
    if (match === null) throw new Error(`unexpected file ${dir}/${name}`);
    const json: unknown = JSON.parse(readFileSync(join(FLEET_DIR, dir, name), 'utf8'));
    files.names.push(name);
    files.brand = match[1] as VehicleFiles['brand'];
    if (match[2] === 'vcs_v5_vehicle-list') files.vehicleList = json as VehicleFiles['vehicleList'];
    if (match[2] === 'vcs_v5_vehicle-data_profile') files.profile = json as VehicleFiles['profile'];
    if (match[2] === 'vcs_v4_vehicles_state') files.state = json as VehicleFiles['state'];
    if (match[2] === 'crccs_v2_vehicles') files.chargingSettings = json;
  }
  return files as VehicleFiles;
}

/** Parses fleet files as the MyBMW account would, with the fixed fetch time and a UTC wall clock. */
function parseFiles(files: VehicleFiles, options: Partial<ParseMyBMWVehicleOptions> = {}): VehicleSnapshot {
  return parseMyBMWVehicle({
    profile: files.profile,
    state: files.state,
    chargingSettings: files.chargingSettings,
    fetchedAt: FETCHED_AT,
    brand: files.brand,
    timeZone: 'UTC',
    ...options,
  });
}

/** Parses one fleet vehicle (see parseFiles). */
function parse(dir: string, options: Partial<ParseMyBMWVehicleOptions> = {}): VehicleSnapshot {
  return parseFiles(readFleetDirectory(dir), options);
}

const km = (value: number) => ({ value, unit: 'km' });
const litres = (value: number) => ({ value, unit: 'L' });
const at = (iso: string) => new Date(iso);
const lid = (name: string, state: LidState) => ({ name, state, isClosed: state === 'CLOSED' });
const closed = (...names: string[]) => names.map((name) => lid(name, 'CLOSED'));
const LIDS = ['hood', 'leftFront', 'leftRear', 'rightFront', 'rightRear', 'trunk'];
const WINDOWS = ['leftFront', 'leftRear', 'rear', 'rightFront', 'rightRear'];
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const cbs = (
  serviceType: string,
  state: ConditionBasedServiceStatus,
  dueDate?: string,
  distance?: number,
) => ({
  serviceType,
  state,
  dueDate: dueDate === undefined ? undefined : at(dueDate),
  dueDistance: distance === undefined ? undefined : km(distance),
});
const ccm = (descriptionShort: string, state: CheckControlStatus, descriptionLong?: string) => ({
  descriptionShort,
  state,
  descriptionLong,
});

/** The remote-service flags every fleet vehicle has (sendPoi, horn, lights, lock, unlock). */
const BASIC_REMOTE = {
  isRemoteSendpoiEnabled: true,
  isRemoteHornEnabled: true,
  isRemoteLightsEnabled: true,
  isRemoteLockEnabled: true,
  isRemoteUnlockEnabled: true,
  isVehicleActive: false,
} as const;

function expectCapabilities(vehicle: VehicleSnapshot, flags: VehicleCapabilities): void {
  const actual = Object.fromEntries(
    Object.keys(flags).map((key) => [key, vehicle[key as keyof VehicleCapabilities]]),
  );
  expect(actual).toEqual(flags);
}

describe('the fleet', () => {
  const dirs = FLEET_DIRS;

  it('has the eleven vehicles of fixtures/README.md, each in the fingerprint layout', () => {
    expect(dirs).toEqual([
      '118i-no-lsc',
      '320d-attention',
      '530i-lsc',
      'i3s-rex',
      'i5-charging-settings',
      'ix1-charging',
      'ix3-china',
      'ix3-neue-klasse-unknown-values',
      'mini-cooper-se',
      'supra',
      'x5-phev',
    ]);
    const readme = readFileSync(new URL('../../../fixtures/README.md', import.meta.url), 'utf8');
    for (const dir of dirs) {
      const files = readFleetDirectory(dir);
      const vin = files.profile.vin as string;
      expect(readme).toContain(`\`${dir}\``);
      expect(readme).toContain(`\`${vin}\``);
      const expected = [
        `${files.brand}-eadrax-vcs_v4_vehicles_state_${vin}.json`,
        `${files.brand}-eadrax-vcs_v5_vehicle-data_profile_${vin}.json`,
        `${files.brand}-eadrax-vcs_v5_vehicle-list.json`,
      ];
      // Charging settings are fetched only for vehicles that have them (docs/mybmw-api-notes.md);
      // our fleet has them exactly for the vehicles with a charging plan.
      if (files.state.capabilities.isChargingPlanSupported === true) {
        expected.unshift(`${files.brand}-eadrax-crccs_v2_vehicles_${vin}.json`);
      }
      expect(files.names.sort()).toEqual(expected);
    }
  });

  it('belongs to one account, each vehicle list naming exactly its own VIN', () => {
    const vins = new Set<string>();
    for (const dir of dirs) {
      const files = readFleetDirectory(dir);
      expect(files.vehicleList.gcid).toBe(FLEET_GCID);
      expect(files.vehicleList.mappingInfos).toEqual([
        {
          isAssociated: false,
          isLmmEnabled: false,
          isPrimaryUser: true,
          mappingStatus: 'CONFIRMED',
          vehicleMappingType: 'CONNECTED',
          vin: files.profile.vin,
        },
      ]);
      vins.add(files.profile.vin as string);
    }
    expect(vins.size).toBe(11);
    for (const vin of vins) expect(vin).toMatch(/^[A-Z0-9]{8}BIMMER0\d\d$/);
  });

  it('parses every vehicle without issues, except the one with deliberately unknown values', () => {
    for (const dir of dirs.filter((d) => d !== 'ix3-neue-klasse-unknown-values')) {
      expect({ dir, issues: parse(dir).issues }).toEqual({ dir, issues: [] });
    }
  });
});

/** The state keys each block is parsed from (docs/mybmw-api-notes.md); to check that blocks are independent. */
const BLOCK_SOURCES = {
  fuelAndBattery: ['combustionFuelLevel', 'electricChargingState', 'chargingProfile'],
  vehicleLocation: ['location', 'lastFetched'],
  doorsAndWindows: ['doorsState', 'windowsState', 'roofState'],
  conditionBasedServices: ['requiredServices'],
  checkControlMessages: ['checkControlMessages'],
  climate: ['climateControlState'],
  chargingProfile: ['chargingProfile'],
  tires: ['tireState'],
} as const satisfies Partial<Record<keyof VehicleSnapshot, readonly string[]>>;

describe('blocks of fleet vehicles parse independently', () => {
  const dirs = FLEET_DIRS;
  const fleet = new Map(dirs.map((dir) => [dir, readFleetDirectory(dir)]));

  it('dropping state keys changes only the blocks parsed from them', () => {
    const vehicleWithDroppedKeys = fc.constantFrom(...dirs).chain((dir) => {
      const keys = Object.keys(fleet.get(dir)?.state.state ?? {});
      return fc.record({ dir: fc.constant(dir), dropped: fc.subarray(keys) });
    });
    fc.assert(
      fc.property(vehicleWithDroppedKeys, ({ dir, dropped }) => {
        const files = fleet.get(dir) as VehicleFiles;
        const full = parseFiles(files);
        const kept = Object.fromEntries(
          Object.entries(files.state.state).filter(([key]) => !dropped.includes(key)),
        );
        const partial = parseFiles({ ...files, state: { ...files.state, state: kept } });
        expect(partial.headunit).toEqual(full.headunit);
        expect(partial.vin).toBe(full.vin);
        for (const [block, sources] of Object.entries(BLOCK_SOURCES)) {
          if (sources.some((key) => dropped.includes(key))) continue;
          expect(partial[block as keyof typeof BLOCK_SOURCES]).toEqual(
            full[block as keyof typeof BLOCK_SOURCES],
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

interface TimerDetail {
  chargingMode: { startTimeSlot: string; endTimeSlot: string } & Record<string, unknown>;
  departureTimer: { type: string; weeklyTimers: Array<{ time: string } & Record<string, unknown>> };
  isPreconditionForDepartureActive: boolean;
}

describe('the charging-profile update built from each parsed profile', () => {
  // Like bimmer_connected's test_charging_profile_format_for_remote_service: the payload is what the
  // vehicle's crccs response holds, plus servicePack, timerChange NO_CHANGE and '.000' on every time.
  const withCrccs = [
    'i5-charging-settings',
    'ix1-charging',
    'x5-phev',
    'i3s-rex',
    'mini-cooper-se',
    'ix3-china',
  ];

  it.each(withCrccs)('%s: equals its crccs timer detail in update form', (dir) => {
    const crccs = readFleetDirectory(dir).chargingSettings as {
      chargeAndClimateTimerDetail: TimerDetail;
      servicePack: string;
    };
    const detail = crccs.chargeAndClimateTimerDetail;
    const profile = parse(dir).chargingProfile;
    if (profile === undefined) throw new Error(`${dir} has no charging profile`);
    expect(buildChargingProfilePayload(profile)).toEqual({
      ...detail,
      chargingMode: {
        ...detail.chargingMode,
        startTimeSlot: `${detail.chargingMode.startTimeSlot}.000`,
        endTimeSlot: `${detail.chargingMode.endTimeSlot}.000`,
        timerChange: 'NO_CHANGE',
      },
      departureTimer: {
        ...detail.departureTimer,
        weeklyTimers: detail.departureTimer.weeklyTimers.map((timer) => ({
          ...timer,
          time: `${timer.time}.000`,
        })),
      },
      servicePack: crccs.servicePack,
    });
  });

  it('ix3-neue-klasse-unknown-values: an UNKNOWN charging mode is sent as NO_ACTION', () => {
    const profile = parse('ix3-neue-klasse-unknown-values').chargingProfile;
    if (profile === undefined) throw new Error('no charging profile');
    expect(buildChargingProfilePayload(profile).chargingMode).toEqual({
      chargingPreference: 'CHARGING_WINDOW',
      startTimeSlot: '0001-01-01T01:00:00.000',
      endTimeSlot: '0001-01-01T05:00:00.000',
      type: 'NO_ACTION',
      timerChange: 'NO_CHANGE',
    });
  });
});

describe('the JSON form of a fleet vehicle', () => {
  it('ix1-charging: values with units, UTC times without milliseconds, camelCase attribute names', () => {
    const json = vehicleToJSON(parse('ix1-charging'));
    expect(json).toMatchObject({
      vin: 'WBA00000BIMMER002',
      fetchedAt: '2026-11-30T12:00:00Z',
      timestamp: '2026-11-30T11:57:03Z',
      mileage: { value: 7420, unit: 'km' },
      fuelAndBattery: {
        remainingRangeTotal: { value: 184, unit: 'km' },
        chargingStatus: 'CHARGING',
        chargingEndTime: '2026-11-30T13:35:00Z',
      },
      conditionBasedServices: {
        nextServiceByDistance: { serviceType: 'VEHICLE_CHECK', dueDate: '2027-11-01T00:00:00Z' },
      },
    });
    expect(json.availableAttributes.slice(0, 4)).toEqual([
      'gpsPosition',
      'vin',
      'remainingRangeTotal',
      'mileage',
    ]);
    // A plain JSON document: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('i5-charging-settings: electric car with the charging-settings detail', () => {
  const dir = 'i5-charging-settings';

  it('identity, mileage and timestamp', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER001',
      source: 'mybmw',
      fetchedAt: FETCHED_AT,
      region: 'rest_of_world',
      name: 'i5 eDrive40',
      brand: 'bmw',
      driveTrain: 'ELECTRIC',
      bodyType: 'G60',
      year: 2024,
      countryOfOrigin: 'DE',
      mileage: km(18342),
      timestamp: at('2026-11-30T11:48:21Z'),
      lscType: 'ACTIVATED',
      isLscEnabled: true,
      hasElectricDrivetrain: true,
      hasCombustionDrivetrain: false,
    });
    expect(v.availableAttributes).toHaveLength(24);
    expect(v.driveTrainAttributes).toHaveLength(16);
  });

  it('battery, range and charging: fully charged while plugged in', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeElectric: km(402),
      remainingRangeTotal: km(402),
      remainingBatteryPercent: 80,
      chargingStatus: 'FULLY_CHARGED',
      isChargerConnected: true,
      chargingTarget: 80,
    });
  });

  it('locked, everything closed, parked in Munich', () => {
    const v = parse(dir);
    expect(v.doorsAndWindows).toEqual({
      doorLockState: 'LOCKED',
      lids: closed(...LIDS),
      windows: closed(...WINDOWS),
      openLids: [],
      openWindows: [],
      allLidsClosed: true,
      allWindowsClosed: true,
    });
    expect(v.vehicleLocation).toMatchObject({
      location: { latitude: 48.162043, longitude: 11.565871 },
      heading: 87,
      vehicleUpdateTimestamp: at('2026-11-30T11:48:21Z'),
      accountRegion: 'rest_of_world',
    });
  });

  it('services, check-control messages, head unit and climate', () => {
    const v = parse(dir);
    expect(v.conditionBasedServices).toEqual({
      messages: [
        cbs('BRAKE_FLUID', 'OK', '2027-06-01T00:00:00Z'),
        cbs('VEHICLE_CHECK', 'OK', '2027-09-01T00:00:00Z', 31700),
        cbs('VEHICLE_TUV', 'OK', '2027-03-01T00:00:00Z'),
        cbs('TIRE_WEAR_FRONT', 'OK'),
        cbs('TIRE_WEAR_REAR', 'OK'),
      ],
      isServiceRequired: false,
      nextServiceByDistance: cbs('VEHICLE_CHECK', 'OK', '2027-09-01T00:00:00Z', 31700),
      nextServiceByTime: cbs('VEHICLE_TUV', 'OK', '2027-03-01T00:00:00Z'),
    });
    expect(v.checkControlMessages).toEqual({
      messages: [ccm('TIRE_PRESSURE', 'LOW')],
      hasCheckControlMessages: false,
    });
    expect(v.headunit).toEqual({ idriveVersion: 'ID8', headunitType: 'MGU', softwareVersion: '03/2026.80' });
    // remainingSeconds 1199.7 counts as 1199 whole seconds.
    expect(v.climate).toEqual({
      activity: 'HEATING',
      activityEndTime: at('2026-11-30T12:19:59Z'),
      isClimateOn: true,
    });
  });

  it('charging profile with the AC limits of the crccs detail', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [
        { timerId: 1, startTime: { hour: 7, minute: 15 }, action: 'ACTIVATE', weekdays: WEEKDAYS },
        { timerId: 2, startTime: { hour: 9, minute: 30 }, action: 'DEACTIVATE', weekdays: ['SATURDAY'] },
        { timerId: 3, startTime: { hour: 0, minute: 0 }, action: 'DEACTIVATE', weekdays: [] },
        { timerId: 4, startTime: { hour: 0, minute: 0 }, action: 'DEACTIVATE', weekdays: [] },
      ],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'NO_PRESELECTION',
      chargingMode: 'IMMEDIATE_CHARGING',
      acCurrentLimit: 11,
      acAvailableLimits: [6, 8, 10, 11, 12, 16, 20, 32],
      chargingPreferencesServicePack: 'WAVE_02',
    });
  });

  it('tyres with details: manufacturing weeks 18/2024 and 20/2024', () => {
    expect(parse(dir).tires).toEqual({
      frontLeft: {
        currentPressure: 248,
        targetPressure: 250,
        season: 1,
        manufacturingWeek: at('2024-04-29T00:00:00Z'),
      },
      frontRight: {
        currentPressure: 251,
        targetPressure: 250,
        season: 1,
        manufacturingWeek: at('2024-04-29T00:00:00Z'),
      },
      rearLeft: {
        currentPressure: 262,
        targetPressure: 260,
        season: 1,
        manufacturingWeek: at('2024-05-13T00:00:00Z'),
      },
      rearRight: {
        currentPressure: 259,
        targetPressure: 260,
        season: 1,
        manufacturingWeek: at('2024-05-13T00:00:00Z'),
      },
    });
  });

  it('capabilities: charging settings, target SoC and AC limit can be set; no remote charge commands', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: true,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: true,
      isRemoteSetTargetSocEnabled: true,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('ix1-charging: electric car charging right now', () => {
  const dir = 'ix1-charging';

  it('identity (profile brand BMW_I), mileage and timestamp', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER002',
      name: 'iX1 xDrive30',
      brand: 'bmw',
      driveTrain: 'ELECTRIC',
      bodyType: 'U11',
      year: 2023,
      countryOfOrigin: 'GB',
      mileage: km(7420),
      timestamp: at('2026-11-30T11:57:03Z'),
      lscType: 'ACTIVATED',
    });
    expect(v.availableAttributes).toHaveLength(24);
  });

  it('charging, ending 95 minutes after the fetch', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeElectric: km(184),
      remainingRangeTotal: km(184),
      remainingBatteryPercent: 43,
      chargingStatus: 'CHARGING',
      chargingEndTime: at('2026-11-30T13:35:00Z'),
      isChargerConnected: true,
      chargingTarget: 90,
    });
  });

  it('secured in Oxford, climate inactive, one service by distance and time', () => {
    const v = parse(dir);
    expect(v.doorsAndWindows?.doorLockState).toBe('SECURED');
    expect(v.doorsAndWindows?.allLidsClosed).toBe(true);
    expect(v.doorsAndWindows?.allWindowsClosed).toBe(true);
    expect(v.vehicleLocation?.location).toEqual({ latitude: 51.768214, longitude: -1.264903 });
    expect(v.vehicleLocation?.heading).toBe(312);
    expect(v.climate).toEqual({ activity: 'INACTIVE', isClimateOn: false });
    expect(v.checkControlMessages).toEqual({ messages: [], hasCheckControlMessages: false });
    expect(v.conditionBasedServices?.messages).toHaveLength(2);
    expect(v.conditionBasedServices?.nextServiceByDistance).toEqual(
      cbs('VEHICLE_CHECK', 'OK', '2027-11-01T00:00:00Z', 22600),
    );
    expect(v.conditionBasedServices?.nextServiceByTime).toEqual(
      cbs('VEHICLE_CHECK', 'OK', '2027-11-01T00:00:00Z', 22600),
    );
    expect(v.conditionBasedServices?.isServiceRequired).toBe(false);
    expect(v.headunit).toEqual({ idriveVersion: 'ID9', headunitType: 'MGU', softwareVersion: '11/2025.91' });
    expect(v.tires).toBeUndefined();
  });

  it('charging profile without AC limit choices (no settings detail)', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [
        {
          timerId: 1,
          startTime: { hour: 6, minute: 45 },
          action: 'ACTIVATE',
          weekdays: ['MONDAY', 'WEDNESDAY', 'FRIDAY'],
        },
        { timerId: 2, startTime: { hour: 0, minute: 0 }, action: 'DEACTIVATE', weekdays: [] },
      ],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'NO_PRESELECTION',
      chargingMode: 'IMMEDIATE_CHARGING',
      acCurrentLimit: 16,
      chargingPreferencesServicePack: 'WAVE_01',
    });
  });

  it('capabilities: remote charge start and stop', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: true,
      isRemoteChargeStopEnabled: true,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('x5-phev: plug-in hybrid', () => {
  const dir = 'x5-phev';

  it('identity, mileage and timestamp', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER003',
      name: 'X5 xDrive50e',
      brand: 'bmw',
      driveTrain: 'PLUGIN_HYBRID',
      bodyType: 'G05',
      mileage: km(26815),
      timestamp: at('2026-11-29T18:20:44Z'),
      hasElectricDrivetrain: true,
      hasCombustionDrivetrain: true,
    });
    expect(v.availableAttributes).toHaveLength(27);
  });

  it('the API fuel range is the total: fuel range = 512 - 71 km', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeFuel: km(441),
      remainingRangeElectric: km(71),
      remainingRangeTotal: km(512),
      remainingFuel: litres(52),
      remainingFuelPercent: 60,
      remainingBatteryPercent: 88,
      chargingStatus: 'NOT_CHARGING',
      isChargerConnected: false,
      chargingTarget: 100,
    });
  });

  it('services due the same day: the tie goes to the alphabetically first type', () => {
    const services = parse(dir).conditionBasedServices;
    expect(services?.messages).toHaveLength(4);
    expect(services?.nextServiceByDistance).toEqual(cbs('OIL', 'OK', '2027-04-01T00:00:00Z', 12400));
    expect(services?.nextServiceByTime).toEqual(cbs('BRAKE_FLUID', 'OK', '2027-04-01T00:00:00Z'));
    expect(services?.isServiceRequired).toBe(false);
  });

  it('a MEDIUM and a LOW check-control message; climate standby; locked in Munich', () => {
    const v = parse(dir);
    expect(v.checkControlMessages).toEqual({
      messages: [ccm('ENGINE_OIL', 'MEDIUM'), ccm('WASHING_FLUID', 'LOW')],
      hasCheckControlMessages: true,
      urgentCheckControlMessages: 'ENGINE_OIL',
    });
    expect(v.climate).toEqual({ activity: 'STANDBY', isClimateOn: false });
    expect(v.doorsAndWindows?.doorLockState).toBe('LOCKED');
    expect(v.doorsAndWindows?.lids).toEqual(closed(...LIDS));
    expect(v.vehicleLocation?.location).toEqual({ latitude: 48.103962, longitude: 11.601257 });
    expect(v.vehicleLocation?.heading).toBe(245);
    expect(v.headunit).toEqual({ idriveVersion: 'ID8', headunitType: 'MGU', softwareVersion: '07/2025.62' });
  });

  it('delayed charging with a 23:00-05:30 window (no start time: it is not waiting)', () => {
    const profile = parse(dir).chargingProfile;
    expect(profile).toMatchObject({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      preferredChargingWindow: { startTime: { hour: 23, minute: 0 }, endTime: { hour: 5, minute: 30 } },
      chargingPreferences: 'CHARGING_WINDOW',
      chargingMode: 'DELAYED_CHARGING',
      acCurrentLimit: 32,
      chargingPreferencesServicePack: 'ATM2',
    });
    expect(profile?.acAvailableLimits).toBeUndefined();
    expect(profile?.departureTimes?.map((t) => [t.timerId, t.startTime, t.action])).toEqual([
      [1, { hour: 7, minute: 0 }, 'ACTIVATE'],
      [2, { hour: 8, minute: 30 }, 'DEACTIVATE'],
      [3, { hour: 0, minute: 0 }, 'DEACTIVATE'],
    ]);
  });

  it('tyres with status only: no season, no manufacturing week', () => {
    expect(parse(dir).tires).toEqual({
      frontLeft: { currentPressure: 280, targetPressure: 290 },
      frontRight: { currentPressure: 285, targetPressure: 290 },
      rearLeft: { currentPressure: 300, targetPressure: 330 },
      rearRight: { currentPressure: 298, targetPressure: 330 },
    });
  });

  it('capabilities', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('i3s-rex: i3 with range extender, waiting for its charging window', () => {
  const dir = 'i3s-rex';

  it('identity (WBY, BMW_I), mileage and timestamp', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBY00000BIMMER004',
      name: 'i3s 94 (+ REX)',
      brand: 'bmw',
      driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
      year: 2018,
      mileage: km(94217),
      timestamp: at('2026-11-30T06:12:40Z'),
      hasElectricDrivetrain: true,
      hasCombustionDrivetrain: true,
    });
    expect(v.availableAttributes).toHaveLength(27);
  });

  it('total range = fuel + electric; charging starts at the next 22:30', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeFuel: km(118),
      remainingRangeElectric: km(162),
      remainingRangeTotal: km(280),
      remainingFuel: litres(7),
      remainingBatteryPercent: 76,
      chargingStatus: 'WAITING_FOR_CHARGING',
      chargingStartTime: at('2026-11-30T22:30:00Z'),
      isChargerConnected: true,
      chargingTarget: 100,
    });
  });

  it('the charging window start is wall-clock time in the given zone, tomorrow once passed', () => {
    // 22:30 in Amsterdam (UTC+1 in November) is 21:30 UTC.
    expect(parse(dir, { timeZone: 'Europe/Amsterdam' }).fuelAndBattery?.chargingStartTime).toEqual(
      at('2026-11-30T21:30:00Z'),
    );
    expect(parse(dir, { now: at('2026-11-30T23:00:00Z') }).fuelAndBattery?.chargingStartTime).toEqual(
      at('2026-12-01T22:30:00Z'),
    );
  });

  it('sunroof last among the lids, two windows, selective locked, no position', () => {
    const v = parse(dir);
    expect(v.doorsAndWindows).toEqual({
      doorLockState: 'SELECTIVE_LOCKED',
      lids: closed(...LIDS, 'sunRoof'),
      windows: closed('leftFront', 'rightFront'),
      openLids: [],
      openWindows: [],
      allLidsClosed: true,
      allWindowsClosed: true,
    });
    expect(v.vehicleLocation).toEqual({
      vehicleUpdateTimestamp: at('2026-11-30T06:12:40Z'),
      accountRegion: 'rest_of_world',
    });
    expect(v.climate).toEqual({ activity: 'UNKNOWN', isClimateOn: false });
    expect(v.checkControlMessages).toEqual({ messages: [], hasCheckControlMessages: false });
  });

  it('services without mileage, one pending', () => {
    expect(parse(dir).conditionBasedServices).toEqual({
      messages: [
        cbs('BRAKE_FLUID', 'OK', '2027-01-01T00:00:00Z'),
        cbs('VEHICLE_CHECK', 'OK', '2027-06-01T00:00:00Z'),
        cbs('VEHICLE_TUV', 'PENDING', '2026-12-01T00:00:00Z'),
      ],
      isServiceRequired: true,
      nextServiceByTime: cbs('VEHICLE_TUV', 'PENDING', '2026-12-01T00:00:00Z'),
    });
  });

  it('charging profile: delayed, pre-entry climatisation on, a timer without a time', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: true,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [
        { timerId: 1, startTime: { hour: 6, minute: 50 }, action: 'ACTIVATE', weekdays: WEEKDAYS },
        { timerId: 2, startTime: { hour: 10, minute: 0 }, action: 'DEACTIVATE', weekdays: ['SATURDAY'] },
        { timerId: 3, action: 'DEACTIVATE', weekdays: [] },
        { timerId: 4, startTime: { hour: 0, minute: 0 }, action: 'DEACTIVATE', weekdays: [] },
      ],
      preferredChargingWindow: { startTime: { hour: 22, minute: 30 }, endTime: { hour: 6, minute: 0 } },
      chargingPreferences: 'CHARGING_WINDOW',
      chargingMode: 'DELAYED_CHARGING',
      chargingPreferencesServicePack: 'TCB1',
    });
  });

  it('NBT head unit; no tyres; no vehicle finder and no remote climate stop', () => {
    const v = parse(dir);
    expect(v.headunit).toEqual({ idriveVersion: 'ID4', headunitType: 'NBT', softwareVersion: '03/2020.08' });
    expect(v.tires).toBeUndefined();
    expectCapabilities(v, {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: false,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: false,
    });
  });
});

describe('530i-lsc: combustion car with last-state-call, in Los Angeles', () => {
  const dir = '530i-lsc';

  it('identity, mileage and timestamp', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER005',
      name: '530i',
      brand: 'bmw',
      driveTrain: 'COMBUSTION',
      countryOfOrigin: 'US',
      mileage: km(61234),
      timestamp: at('2026-11-30T03:41:09Z'),
      lscType: 'ACTIVATED',
      hasElectricDrivetrain: false,
      hasCombustionDrivetrain: true,
    });
    expect(v.availableAttributes).toHaveLength(13);
  });

  it('fuel only: the total is the fuel range', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeFuel: km(508),
      remainingRangeTotal: km(508),
      remainingFuel: litres(44),
      remainingFuelPercent: 65,
      isChargerConnected: false,
    });
  });

  it('tilted sunroof counts as an open lid', () => {
    const dw = parse(dir).doorsAndWindows;
    expect(dw?.doorLockState).toBe('LOCKED');
    expect(dw?.lids).toEqual([...closed(...LIDS), lid('sunRoof', 'OPEN_TILT')]);
    expect(dw?.openLids).toEqual([lid('sunRoof', 'OPEN_TILT')]);
    expect(dw?.allLidsClosed).toBe(false);
    expect(dw?.allWindowsClosed).toBe(true);
  });

  it('position, cooling, services, head unit; no charging profile', () => {
    const v = parse(dir);
    expect(v.vehicleLocation?.location).toEqual({ latitude: 34.073621, longitude: -118.400441 });
    expect(v.vehicleLocation?.heading).toBe(15);
    expect(v.climate).toEqual({
      activity: 'COOLING',
      activityEndTime: at('2026-11-30T12:09:00Z'),
      isClimateOn: true,
    });
    expect(v.conditionBasedServices?.nextServiceByDistance).toEqual(
      cbs('OIL', 'OK', '2027-02-01T00:00:00Z', 9800),
    );
    expect(v.conditionBasedServices?.nextServiceByTime).toEqual(
      cbs('OIL', 'OK', '2027-02-01T00:00:00Z', 9800),
    );
    expect(v.conditionBasedServices?.messages).toHaveLength(4);
    expect(v.headunit).toEqual({
      idriveVersion: 'ID6',
      headunitType: 'NBT_EVO',
      softwareVersion: '11/2019.66',
    });
    expect(v.chargingProfile).toBeUndefined();
  });

  it('tyres with details but no target pressure; week 0923 is 9/2023', () => {
    expect(parse(dir).tires).toEqual({
      frontLeft: { currentPressure: 235, season: 3, manufacturingWeek: at('2023-02-27T00:00:00Z') },
      frontRight: { currentPressure: 233, season: 3, manufacturingWeek: at('2023-02-27T00:00:00Z') },
      rearLeft: { currentPressure: 248, season: 3, manufacturingWeek: at('2023-03-13T00:00:00Z') },
      rearRight: { currentPressure: 246, season: 3, manufacturingWeek: at('2023-03-13T00:00:00Z') },
    });
  });

  it('capabilities: no charging at all', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: false,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('118i-no-lsc: an old car without last-state-call', () => {
  const dir = '118i-no-lsc';

  it('identity, timestamp, lsc NOT_CAPABLE and only two available attributes', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER006',
      name: '118i',
      brand: 'bmw',
      driveTrain: 'COMBUSTION',
      bodyType: 'F20',
      year: 2015,
      timestamp: at('2026-11-28T16:05:33Z'),
      lscType: 'NOT_CAPABLE',
      isLscEnabled: false,
    });
    expect(v.availableAttributes).toEqual(['gpsPosition', 'vin']);
  });

  it('no mileage, fuel, ranges, doors, position, services or charging profile: blocks keep their defaults', () => {
    const v = parse(dir);
    // bimmer_connected reports (0, km) without currentMileage; a car that sends none has no known mileage.
    expect(v.mileage).toBeUndefined();
    expect(v.fuelAndBattery).toEqual({ isChargerConnected: false });
    expect(v.doorsAndWindows).toEqual({
      doorLockState: 'UNKNOWN',
      lids: [],
      windows: [],
      openLids: [],
      openWindows: [],
      allLidsClosed: true,
      allWindowsClosed: true,
    });
    expect(v.vehicleLocation).toEqual({
      vehicleUpdateTimestamp: at('2026-11-28T16:05:33Z'),
      accountRegion: 'rest_of_world',
    });
    expect(v.conditionBasedServices).toEqual({ messages: [], isServiceRequired: false });
    expect(v.climate).toEqual({ activity: 'UNKNOWN', isClimateOn: false });
    expect(v.chargingProfile).toBeUndefined();
    expect(v.tires).toBeUndefined();
  });

  it('one LOW message; ENTRY head unit', () => {
    const v = parse(dir);
    expect(v.checkControlMessages).toEqual({
      messages: [ccm('WASHING_FLUID', 'LOW')],
      hasCheckControlMessages: false,
    });
    expect(v.headunit).toEqual({
      idriveVersion: 'ID4',
      headunitType: 'ENTRY',
      softwareVersion: '07/2015.03',
    });
  });

  it('capabilities: no remote climate, no vehicle finder', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: false,
      isChargingSettingsSupported: false,
      isLscEnabled: false,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: false,
      isRemoteClimateStopEnabled: false,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: false,
    });
  });
});

describe('320d-attention: unlocked, open, with messages and an overdue service', () => {
  const dir = '320d-attention';

  it('identity (mild hybrid counts as combustion), mileage, timestamp truncated to the second', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER007',
      name: '320d xDrive Touring',
      driveTrain: 'MILD_HYBRID',
      countryOfOrigin: 'AT',
      mileage: km(48903),
      timestamp: at('2026-11-30T11:59:58Z'),
      hasCombustionDrivetrain: true,
      hasElectricDrivetrain: false,
    });
    expect(v.availableAttributes).toHaveLength(13);
  });

  it('low on fuel', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeFuel: km(85),
      remainingRangeTotal: km(85),
      remainingFuel: litres(6),
      remainingFuelPercent: 11,
      isChargerConnected: false,
    });
  });

  it('unlocked with the driver door, trunk and sunroof open; the INVALID window is left out', () => {
    expect(parse(dir).doorsAndWindows).toEqual({
      doorLockState: 'UNLOCKED',
      lids: [
        lid('hood', 'CLOSED'),
        lid('leftFront', 'OPEN'),
        lid('leftRear', 'CLOSED'),
        lid('rightFront', 'CLOSED'),
        lid('rightRear', 'CLOSED'),
        lid('trunk', 'OPEN'),
        lid('sunRoof', 'OPEN'),
      ],
      windows: [
        lid('leftFront', 'OPEN'),
        lid('leftRear', 'CLOSED'),
        lid('rightFront', 'INTERMEDIATE'),
        lid('rightRear', 'CLOSED'),
      ],
      openLids: [lid('leftFront', 'OPEN'), lid('trunk', 'OPEN'), lid('sunRoof', 'OPEN')],
      openWindows: [lid('leftFront', 'OPEN'), lid('rightFront', 'INTERMEDIATE')],
      allLidsClosed: false,
      allWindowsClosed: false,
    });
  });

  it('heading 0 is a heading', () => {
    const location = parse(dir).vehicleLocation;
    expect(location?.location).toEqual({ latitude: 48.218775, longitude: 11.624321 });
    expect(location?.heading).toBe(0);
  });

  it('oil service overdue (mileage 0 means no due distance), brake fluid pending', () => {
    expect(parse(dir).conditionBasedServices).toEqual({
      messages: [
        cbs('OIL', 'OVERDUE', '2026-10-01T00:00:00Z'),
        cbs('BRAKE_FLUID', 'PENDING', '2026-12-01T00:00:00Z'),
        cbs('VEHICLE_CHECK', 'OK', '2027-05-01T00:00:00Z', 15000),
        cbs('VEHICLE_TUV', 'OK', '2027-05-01T00:00:00Z'),
      ],
      isServiceRequired: true,
      nextServiceByDistance: cbs('VEHICLE_CHECK', 'OK', '2027-05-01T00:00:00Z', 15000),
      nextServiceByTime: cbs('OIL', 'OVERDUE', '2026-10-01T00:00:00Z'),
    });
  });

  it('check-control messages: OK dropped, LOW kept, HIGH and MEDIUM urgent', () => {
    expect(parse(dir).checkControlMessages).toEqual({
      messages: [
        ccm('WASHING_FLUID', 'LOW'),
        ccm('TIRE_PRESSURE', 'HIGH'),
        ccm('ENGINE_OIL', 'MEDIUM', 'Engine oil level low. Top up one litre at the next stop.'),
      ],
      hasCheckControlMessages: true,
      urgentCheckControlMessages: 'TIRE_PRESSURE, ENGINE_OIL',
    });
  });

  it('a flat front-left tyre; no climate state, so no remote climate stop', () => {
    const v = parse(dir);
    expect(v.tires?.frontLeft).toEqual({ currentPressure: 180, targetPressure: 240 });
    expect(v.tires?.rearRight).toEqual({ currentPressure: 265, targetPressure: 270 });
    expect(v.headunit).toEqual({ idriveVersion: 'ID7', headunitType: 'MGU', softwareVersion: '03/2024.51' });
    expect(v.chargingProfile).toBeUndefined();
    expectCapabilities(v, {
      ...BASIC_REMOTE,
      isChargingPlanSupported: false,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: false,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('mini-cooper-se: a MINI', () => {
  const dir = 'mini-cooper-se';

  it('identity: brand mini', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WMW00000BIMMER008',
      name: 'Cooper SE',
      brand: 'mini',
      driveTrain: 'ELECTRIC',
      bodyType: 'F56',
      mileage: km(33051),
      timestamp: at('2026-11-30T09:30:00Z'),
    });
    expect(v.availableAttributes).toHaveLength(24);
  });

  it('raw charging status INVALID reads as NOT_CHARGING; the fuel percentage is ignored', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeElectric: km(118),
      remainingRangeTotal: km(118),
      remainingBatteryPercent: 57,
      chargingStatus: 'NOT_CHARGING',
      isChargerConnected: false,
      chargingTarget: 100,
    });
  });

  it('three doors: INVALID rear doors and windows are left out', () => {
    const dw = parse(dir).doorsAndWindows;
    expect(dw?.doorLockState).toBe('PARTIALLY_LOCKED');
    expect(dw?.lids).toEqual(closed('hood', 'leftFront', 'rightFront', 'trunk'));
    expect(dw?.windows).toEqual(closed('leftFront', 'rear', 'rightFront'));
  });

  it('ventilation is not "climate on"; ENTRY_EVO head unit; Oxford', () => {
    const v = parse(dir);
    expect(v.climate).toEqual({ activity: 'VENTILATION', isClimateOn: false });
    expect(v.tires).toBeUndefined();
    expect(v.headunit).toEqual({
      idriveVersion: 'ID5',
      headunitType: 'ENTRY_EVO',
      softwareVersion: '07/2023.44',
    });
    expect(v.vehicleLocation?.location).toEqual({ latitude: 51.739512, longitude: -1.208774 });
    expect(v.vehicleLocation?.heading).toBe(270);
    expect(v.conditionBasedServices?.nextServiceByDistance).toEqual(
      cbs('VEHICLE_CHECK', 'OK', '2027-03-01T00:00:00Z', 26900),
    );
    expect(v.conditionBasedServices?.nextServiceByTime).toEqual(
      cbs('BRAKE_FLUID', 'OK', '2027-03-01T00:00:00Z'),
    );
  });

  it('two-times timer', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'TWO_TIMES_TIMER',
      departureTimes: [
        { timerId: 1, startTime: { hour: 7, minute: 30 }, action: 'ACTIVATE', weekdays: WEEKDAYS },
        { timerId: 2, startTime: { hour: 17, minute: 45 }, action: 'ACTIVATE', weekdays: ['SUNDAY'] },
      ],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'NO_PRESELECTION',
      chargingMode: 'IMMEDIATE_CHARGING',
      acCurrentLimit: 16,
      chargingPreferencesServicePack: 'ATM1',
    });
  });

  it('capabilities', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('supra: a Toyota Supra (profile brand DRITTKUNDE)', () => {
  const dir = 'supra';

  it('identity: brand toyota, from the vehicle list and from the profile alone', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WZ100000BIMMER009',
      name: 'GR Supra 3.0',
      brand: 'toyota',
      driveTrain: 'COMBUSTION',
      bodyType: 'J29',
      year: 2023,
      mileage: km(12890),
      timestamp: at('2026-11-30T07:15:27Z'),
    });
    expect(parse(dir, { brand: undefined }).brand).toBe('toyota');
    expect(v.availableAttributes).toHaveLength(13);
  });

  it('fuel, two doors, position and services', () => {
    const v = parse(dir);
    expect(v.fuelAndBattery).toEqual({
      remainingRangeFuel: km(398),
      remainingRangeTotal: km(398),
      remainingFuel: litres(33),
      remainingFuelPercent: 64,
      isChargerConnected: false,
    });
    expect(v.doorsAndWindows?.lids).toEqual(closed('hood', 'leftFront', 'rightFront', 'trunk'));
    expect(v.doorsAndWindows?.windows).toEqual(closed('leftFront', 'rightFront'));
    expect(v.vehicleLocation?.location).toEqual({ latitude: 34.019454, longitude: -118.491191 });
    expect(v.conditionBasedServices?.nextServiceByDistance).toEqual(
      cbs('OIL', 'OK', '2027-06-01T00:00:00Z', 11200),
    );
    expect(v.conditionBasedServices?.nextServiceByTime).toEqual(
      cbs('BRAKE_FLUID', 'OK', '2027-06-01T00:00:00Z'),
    );
    expect(v.checkControlMessages).toEqual({
      messages: [ccm('TIRE_PRESSURE', 'LOW')],
      hasCheckControlMessages: false,
    });
    expect(v.headunit).toEqual({
      idriveVersion: 'ID7',
      headunitType: 'NBT_EVO',
      softwareVersion: '03/2023.63',
    });
  });

  it('capabilities: no remote climate', () => {
    expectCapabilities(parse(dir), {
      ...BASIC_REMOTE,
      isChargingPlanSupported: false,
      isChargingSettingsSupported: false,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: false,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: false,
      isRemoteClimateStopEnabled: false,
      isRemoteSetAcLimitEnabled: false,
      isRemoteSetTargetSocEnabled: false,
      isVehicleTrackingEnabled: true,
    });
  });
});

describe('ix3-china: a China-built car', () => {
  const dir = 'ix3-china';

  it('identity, battery at its target', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'LBV00000BIMMER010',
      name: 'iX3',
      brand: 'bmw',
      driveTrain: 'ELECTRIC',
      countryOfOrigin: 'CN',
      mileage: km(40560),
      timestamp: at('2026-11-30T11:05:19Z'),
    });
    expect(v.fuelAndBattery).toEqual({
      remainingRangeElectric: km(397),
      remainingRangeTotal: km(397),
      remainingBatteryPercent: 90,
      chargingStatus: 'TARGET_REACHED',
      isChargerConnected: true,
      chargingTarget: 90,
    });
  });

  it('the position as sent for a rest-of-world account, and converted from GCJ-02 for a China account', () => {
    expect(parse(dir).vehicleLocation?.location).toEqual({ latitude: 31.19876, longitude: 121.43652 });
    const china = parse(dir, { region: 'china' });
    expect(china.region).toBe('china');
    expect(china.vehicleLocation?.accountRegion).toBe('china');
    // GCJ-02 shifts Shanghai by about +0.0046° longitude and -0.0019° latitude; WGS-84 undoes that.
    expect(china.vehicleLocation?.location?.latitude).toBeCloseTo(31.20063, 5);
    expect(china.vehicleLocation?.location?.longitude).toBeCloseTo(121.43189, 5);
    expect(china.vehicleLocation?.heading).toBe(90);
  });

  it('charging mode NO_ACTION without departure timers', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'NO_PRESELECTION',
      chargingMode: 'NO_ACTION',
      chargingPreferencesServicePack: 'ATM2',
    });
  });

  it('tyres with details from week 35/2022; services; climate inactive', () => {
    const v = parse(dir);
    const week = at('2022-08-29T00:00:00Z');
    expect(v.tires).toEqual({
      frontLeft: { currentPressure: 260, targetPressure: 260, season: 3, manufacturingWeek: week },
      frontRight: { currentPressure: 258, targetPressure: 260, season: 3, manufacturingWeek: week },
      rearLeft: { currentPressure: 275, targetPressure: 280, season: 3, manufacturingWeek: week },
      rearRight: { currentPressure: 277, targetPressure: 280, season: 3, manufacturingWeek: week },
    });
    expect(v.conditionBasedServices?.messages).toHaveLength(4);
    expect(v.conditionBasedServices?.nextServiceByDistance).toEqual(
      cbs('VEHICLE_CHECK', 'OK', '2027-09-01T00:00:00Z', 20000),
    );
    expect(v.conditionBasedServices?.nextServiceByTime).toEqual(
      cbs('BRAKE_FLUID', 'OK', '2027-09-01T00:00:00Z'),
    );
    expect(v.climate).toEqual({ activity: 'INACTIVE', isClimateOn: false });
    expect(v.headunit).toEqual({ idriveVersion: 'ID7', headunitType: 'MGU', softwareVersion: '07/2024.70' });
    expect(v.availableAttributes).toHaveLength(24);
  });
});

describe('ix3-neue-klasse-unknown-values: values BMW may add later read as UNKNOWN', () => {
  const dir = 'ix3-neue-klasse-unknown-values';

  it('identity; lsc PENDING_ACTIVATION is UNKNOWN but the state still says last-state-call works', () => {
    const v = parse(dir);
    expect(v).toMatchObject({
      vin: 'WBA00000BIMMER011',
      name: 'iX3 50 xDrive',
      brand: 'bmw',
      driveTrain: 'ELECTRIC',
      bodyType: 'NA5',
      year: 2026,
      countryOfOrigin: 'HU',
      mileage: km(1204),
      timestamp: at('2026-11-30T11:30:00Z'),
      lscType: 'UNKNOWN',
      isLscEnabled: true,
    });
    expect(v.availableAttributes).toHaveLength(24);
  });

  it('an unknown charging status; the end time still counts from the fetch', () => {
    expect(parse(dir).fuelAndBattery).toEqual({
      remainingRangeElectric: km(512),
      remainingRangeTotal: km(512),
      remainingBatteryPercent: 64,
      chargingStatus: 'UNKNOWN',
      chargingEndTime: at('2026-11-30T12:45:00Z'),
      isChargerConnected: true,
      chargingTarget: 80,
    });
  });

  it('an unknown lock state and a new lid (frunk) after the known ones', () => {
    const dw = parse(dir).doorsAndWindows;
    expect(dw?.doorLockState).toBe('UNKNOWN');
    expect(dw?.lids).toEqual(closed(...LIDS, 'frunk'));
    expect(dw?.allLidsClosed).toBe(true);
    expect(dw?.windows).toEqual(closed(...WINDOWS));
  });

  it('unknown climate activity with an end time; not "on"', () => {
    expect(parse(dir).climate).toEqual({
      activity: 'UNKNOWN',
      activityEndTime: at('2026-11-30T12:05:00Z'),
      isClimateOn: false,
    });
  });

  it('services: an unknown status needs attention; date formats with an offset and without a fraction', () => {
    expect(parse(dir).conditionBasedServices).toEqual({
      messages: [
        cbs('HV_BATTERY_CHECK', 'OK', '2028-11-01T00:00:00Z', 60000),
        cbs('BRAKE_FLUID', 'UNKNOWN', '2028-05-01T00:00:00Z'),
        cbs('VEHICLE_CHECK', 'OK', '2027-11-29T23:00:00Z', 30000),
      ],
      isServiceRequired: true,
      nextServiceByDistance: cbs('VEHICLE_CHECK', 'OK', '2027-11-29T23:00:00Z', 30000),
      nextServiceByTime: cbs('VEHICLE_CHECK', 'OK', '2027-11-29T23:00:00Z', 30000),
    });
  });

  it('an unknown check-control severity is kept and counts as urgent', () => {
    expect(parse(dir).checkControlMessages).toEqual({
      messages: [ccm('SOFTWARE_UPDATE_AVAILABLE', 'UNKNOWN')],
      hasCheckControlMessages: true,
      urgentCheckControlMessages: 'SOFTWARE_UPDATE_AVAILABLE',
    });
  });

  it('an unknown charging mode; the crccs detail with a new key still gives the AC limits', () => {
    expect(parse(dir).chargingProfile).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'WEEKLY_PLANNER',
      departureTimes: [
        { timerId: 1, startTime: { hour: 5, minute: 55 }, action: 'ACTIVATE', weekdays: ['MONDAY'] },
      ],
      preferredChargingWindow: { startTime: { hour: 1, minute: 0 }, endTime: { hour: 5, minute: 0 } },
      chargingPreferences: 'CHARGING_WINDOW',
      chargingMode: 'UNKNOWN',
      acCurrentLimit: 32,
      acAvailableLimits: [6, 8, 10, 12, 16, 20, 24, 28, 32],
      chargingPreferencesServicePack: 'WAVE_03',
    });
  });

  it('tyres without a manufacturing week, with an extra temperature field', () => {
    expect(parse(dir).tires).toEqual({
      frontLeft: { currentPressure: 270, targetPressure: 270, season: 1 },
      frontRight: { currentPressure: 271, targetPressure: 270, season: 1 },
      rearLeft: { currentPressure: 290, targetPressure: 290, season: 1 },
      rearRight: { currentPressure: 289, targetPressure: 290, season: 1 },
    });
  });

  it('only the START charging command; new head unit generation', () => {
    const v = parse(dir);
    expect(v.headunit).toEqual({ idriveVersion: 'ID10', headunitType: 'MGU', softwareVersion: '11/2026.02' });
    expectCapabilities(v, {
      ...BASIC_REMOTE,
      isChargingPlanSupported: true,
      isChargingSettingsSupported: true,
      isLscEnabled: true,
      isRemoteChargeStartEnabled: true,
      isRemoteChargeStopEnabled: false,
      isRemoteClimateStartEnabled: true,
      isRemoteClimateStopEnabled: true,
      isRemoteSetAcLimitEnabled: true,
      isRemoteSetTargetSocEnabled: true,
      isVehicleTrackingEnabled: true,
    });
  });

  it('reports each unknown value as an issue, by path and without the value', () => {
    const { issues } = parse(dir);
    expect(issues.map((issue) => [issue.block, issue.path, issue.code])).toEqual([
      ['capabilities', 'state.capabilities.lastStateCallState', 'unknown-enum'],
      ['fuelAndBattery', 'state.electricChargingState.chargingStatus', 'unknown-enum'],
      ['doorsAndWindows', 'state.doorsState.combinedSecurityState', 'unknown-enum'],
      ['conditionBasedServices', 'state.requiredServices.1.status', 'unknown-enum'],
      ['checkControlMessages', 'state.checkControlMessages.0.severity', 'unknown-enum'],
      ['climate', 'state.climateControlState.activity', 'unknown-enum'],
      ['chargingProfile', 'state.chargingProfile.chargingMode', 'unknown-enum'],
    ]);
    const messages = issues.map((issue) => issue.message).join('\n');
    for (const raw of [
      'PENDING_ACTIVATION',
      'DISCHARGING_TO_HOME',
      'LOCKED_AND_ARMED',
      'UPCOMING',
      'INFO',
      'DEFROSTING',
      'SOLAR_OPTIMISED',
    ]) {
      expect(messages).not.toContain(raw);
    }
  });
});
