import { describe, expect, it } from 'vitest';
import { BimmerValidationError, isBimmerError, parseMyBMWVehicle } from '../src/index';
import { issuePaths, parse, syntheticOptions, T0, TEST_VIN } from './synthetic';

const km = (value: number) => ({ value, unit: 'km' });

describe('parseMyBMWVehicle: input checks', () => {
  it('throws BimmerValidationError for a profile that is not an object or has no VIN', () => {
    for (const profile of [null, undefined, 'x', 42, [], {}, { vin: '' }, { vin: 17 }]) {
      let error: unknown;
      try {
        parseMyBMWVehicle({ profile, fetchedAt: T0 });
      } catch (e) {
        error = e;
      }
      expect(isBimmerError(error, 'validation'), JSON.stringify(profile)).toBe(true);
    }
  });
  it('throws for an invalid fetchedAt or region', () => {
    expect(() => parseMyBMWVehicle({ profile: { vin: TEST_VIN }, fetchedAt: new Date('x') })).toThrow(
      BimmerValidationError,
    );
    expect(() =>
      // biome-ignore lint/suspicious/noExplicitAny: testing a wrong input
      parseMyBMWVehicle({ profile: { vin: TEST_VIN }, fetchedAt: T0, region: 'mars' as any }),
    ).toThrow(BimmerValidationError);
    // biome-ignore lint/suspicious/noExplicitAny: testing a wrong input
    expect(() => parseMyBMWVehicle(null as any)).toThrow(BimmerValidationError);
  });
  it('accepts a profile alone (no state fetched yet)', () => {
    const s = parseMyBMWVehicle({ profile: { vin: TEST_VIN, driveTrain: 'COMBUSTION' }, fetchedAt: T0 });
    expect(s.issues).toEqual([]);
    expect(s.vin).toBe(TEST_VIN);
    expect(s.brand).toBe('bmw');
    expect(s.region).toBe('rest_of_world');
    expect(s.lscType).toBe('NOT_CAPABLE');
    expect(s.isLscEnabled).toBe(false);
    expect(s.mileage).toBeUndefined();
    expect(s.doorsAndWindows?.lids).toEqual([]);
    expect(s.chargingProfile).toBeUndefined();
    expect(s.tires).toBeUndefined();
  });
  it('reports unusable response envelopes instead of throwing', () => {
    const s = parseMyBMWVehicle({ profile: { vin: TEST_VIN }, state: [1, 2], fetchedAt: T0 });
    expect(s.issues).toMatchObject([{ path: 'state', code: 'unusable' }]);
    const t = parseMyBMWVehicle({
      profile: { vin: TEST_VIN },
      state: { state: 'x', capabilities: 5 },
      fetchedAt: T0,
    });
    expect(issuePaths(t).sort()).toEqual(['state.capabilities', 'state.state']);
  });
  it('truncates fetchedAt to whole seconds', () => {
    const s = parse({ options: { fetchedAt: new Date('2025-03-10T12:00:00.750Z') } });
    expect(s.fetchedAt).toEqual(T0);
  });
  it('flags a VIN that is not 17 characters but keeps it', () => {
    const s = parse({ profile: { vin: 'SHORT' } });
    expect(s.vin).toBe('SHORT');
    expect(s.issues).toMatchObject([{ path: 'profile.vin', block: 'identity' }]);
  });
});

describe('identity', () => {
  it('reads name, body type, year, country', () => {
    const s = parse({ profile: { bodyType: 'X99', year: 2024, countryOfOrigin: 'DE' } });
    expect([s.name, s.bodyType, s.year, s.countryOfOrigin]).toEqual(['Test Car', 'X99', 2024, 'DE']);
  });
  it('brand: toyota hint overrides, unknown brands fall back to the hint with an issue', () => {
    expect(parse({ profile: { brand: 'BMW' }, options: { brand: 'toyota' } }).brand).toBe('toyota');
    expect(parse({ profile: { brand: 'MINI' }, options: { brand: 'bmw' } }).brand).toBe('mini');
    const s = parse({ profile: { brand: 'AUDI' }, options: { brand: 'mini' } });
    expect(s.brand).toBe('mini');
    expect(s.issues).toMatchObject([{ path: 'profile.brand', code: 'unknown-enum' }]);
    expect(parse({ profile: { brand: 'AUDI' } }).brand).toBe('bmw');
    // A plain-JS caller's brand that is no brand is ignored, never copied into the snapshot.
    expect(parse({ profile: { brand: 'AUDI' }, options: { brand: '' as 'bmw' } }).brand).toBe('bmw');
    expect(parse({ profile: { brand: 'MINI' }, options: { brand: 'Audi' as 'bmw' } }).brand).toBe('mini');
  });
  it('unknown drive train is UNKNOWN (neither combustion nor electric)', () => {
    const s = parse({
      driveTrain: 'STEAM',
      state: { electricChargingState: { range: 10, chargingStatus: 'CHARGING' } },
    });
    expect(s.driveTrain).toBe('UNKNOWN');
    expect(s.issues).toMatchObject([{ path: 'profile.driveTrain', code: 'unknown-enum' }]);
    expect([s.hasCombustionDrivetrain, s.hasElectricDrivetrain]).toEqual([false, false]);
    expect(s.fuelAndBattery?.remainingRangeElectric).toBeUndefined();
    expect(s.driveTrainAttributes).toEqual(['remainingRangeTotal', 'mileage']);
  });
  it('HYBRID and MILD_HYBRID are combustion-only', () => {
    for (const driveTrain of ['HYBRID', 'MILD_HYBRID']) {
      const s = parse({
        driveTrain,
        state: { combustionFuelLevel: { range: 500, remainingFuelLiters: 30 } },
      });
      expect([s.hasCombustionDrivetrain, s.hasElectricDrivetrain]).toEqual([true, false]);
      expect(s.fuelAndBattery?.remainingRangeTotal).toEqual(km(500));
    }
  });
});

describe('status: mileage, timestamp, last-state-call', () => {
  it('reads mileage in km and the latest lastFetched', () => {
    const s = parse({
      profile: { lastFetched: '2025-03-10T10:00:00Z' },
      state: { currentMileage: 4242, lastFetched: '2025-03-10T09:00:00.123Z', isLscSupported: true },
    });
    expect(s.mileage).toEqual(km(4242));
    expect(s.timestamp).toEqual(new Date('2025-03-10T10:00:00Z'));
    expect(s.vehicleLocation?.vehicleUpdateTimestamp).toEqual(new Date('2025-03-10T10:00:00Z'));
    expect(s.isLscEnabled).toBe(true);
    expect(s.availableAttributes).toHaveLength(24);
  });
  it('drops a negative mileage and an unparsable lastFetched with issues', () => {
    const s = parse({ state: { currentMileage: -1, lastFetched: 'yesterday' } });
    expect(s.mileage).toBeUndefined();
    expect(s.timestamp).toBeUndefined();
    expect(issuePaths(s)).toContain('state.currentMileage');
    expect(s.issues.find((i) => i.path === 'state.lastFetched')?.code).toBe('invalid-time');
  });
  it('lscType: missing or null is NOT_CAPABLE, unknown is UNKNOWN', () => {
    expect(parse({ capabilities: { lastStateCallState: null } }).lscType).toBe('NOT_CAPABLE');
    expect(parse({ capabilities: { lastStateCallState: 'activated' } }).lscType).toBe('ACTIVATED');
    expect(parse({ capabilities: { lastStateCallState: 'SOMETHING' } }).lscType).toBe('UNKNOWN');
  });
});

describe('capabilities', () => {
  it('maps every flag', () => {
    const s = parse({
      capabilities: {
        isChargingPlanSupported: true,
        isChargingSettingsEnabled: true,
        vehicleFinder: true,
        isChargingTargetSocEnabled: true,
        isChargingPowerLimitEnabled: true,
        sendPoi: true,
        horn: true,
        lights: true,
        lock: true,
        unlock: true,
        climateNow: true,
        remoteChargingCommands: { chargingControl: ['START', 'STOP'] },
      },
      state: { climateControlState: { activity: 'STANDBY' } },
    });
    for (const flag of [
      'isChargingPlanSupported',
      'isChargingSettingsSupported',
      'isVehicleTrackingEnabled',
      'isRemoteSetTargetSocEnabled',
      'isRemoteSetAcLimitEnabled',
      'isRemoteSendpoiEnabled',
      'isRemoteHornEnabled',
      'isRemoteLightsEnabled',
      'isRemoteLockEnabled',
      'isRemoteUnlockEnabled',
      'isRemoteClimateStartEnabled',
      'isRemoteClimateStopEnabled',
      'isRemoteChargeStartEnabled',
      'isRemoteChargeStopEnabled',
    ] as const) {
      expect(s[flag], flag).toBe(true);
    }
    expect(s.isVehicleActive).toBe(false);
  });
  it('defaults to false; a wrong type is an issue', () => {
    const s = parse({
      capabilities: { lock: 'yes', horn: null, remoteChargingCommands: { chargingControl: ['STOP'] } },
    });
    expect(s.isRemoteLockEnabled).toBe(false);
    expect(s.isRemoteHornEnabled).toBe(false);
    expect(s.isRemoteChargeStartEnabled).toBe(false);
    expect(s.isRemoteChargeStopEnabled).toBe(true);
    expect(issuePaths(s)).toEqual(['state.capabilities.lock']);
  });
  it('climate stop depends on the climateControlState key in the state', () => {
    expect(parse({ state: { climateControlState: null } }).isRemoteClimateStopEnabled).toBe(true);
    expect(parse({ state: {} }).isRemoteClimateStopEnabled).toBe(false);
  });
});

describe('fuel and battery', () => {
  it('plug-in hybrid: the fuel range is the total', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: {
        combustionFuelLevel: { range: 500, remainingFuelLiters: 30, remainingFuelPercent: 60 },
        electricChargingState: { range: 50, chargingLevelPercent: 90.6, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery).toMatchObject({
      remainingRangeTotal: km(500),
      remainingRangeFuel: km(450),
      remainingRangeElectric: km(50),
      remainingFuel: { value: 30, unit: 'L' },
      remainingFuelPercent: 60,
      remainingBatteryPercent: 90,
      chargingStatus: 'CHARGING',
    });
  });
  it('plug-in hybrid without a fuel range keeps the battery data (bimmer_connected drops all)', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: { combustionFuelLevel: {}, electricChargingState: { range: 30, chargingStatus: 'CHARGING' } },
    });
    expect(s.fuelAndBattery?.remainingRangeTotal).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeFuel).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeElectric).toEqual(km(30));
  });
  it('plug-in hybrid: fuel range never negative', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: {
        combustionFuelLevel: { range: 20 },
        electricChargingState: { range: 40, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery?.remainingRangeFuel).toEqual(km(0));
  });
  it('range extender: total = fuel + electric', () => {
    const s = parse({
      driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
      state: {
        combustionFuelLevel: { range: 100 },
        electricChargingState: { range: 150, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery?.remainingRangeTotal).toEqual(km(250));
    expect(s.fuelAndBattery?.remainingRangeFuel).toEqual(km(100));
    const onlyElectric = parse({
      driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
      state: { electricChargingState: { range: 150 } },
    });
    expect(onlyElectric.fuelAndBattery?.remainingRangeTotal).toEqual(km(150));
    const none = parse({ driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER', state: { combustionFuelLevel: {} } });
    expect(none.fuelAndBattery?.remainingRangeTotal).toBeUndefined();
  });
  it('electric vehicles ignore the combustion block; combustion vehicles the electric one', () => {
    const ev = parse({
      driveTrain: 'ELECTRIC',
      state: {
        combustionFuelLevel: { range: 0, remainingFuelLiters: 0, remainingFuelPercent: 10 },
        electricChargingState: { range: 300 },
      },
    });
    expect(ev.fuelAndBattery?.remainingFuel).toBeUndefined();
    expect(ev.fuelAndBattery?.remainingFuelPercent).toBeUndefined();
    expect(ev.fuelAndBattery?.remainingRangeTotal).toEqual(km(300));
    const ice = parse({
      driveTrain: 'COMBUSTION',
      state: {
        combustionFuelLevel: { range: 600 },
        electricChargingState: { range: 300, isChargerConnected: true },
      },
    });
    expect(ice.fuelAndBattery?.remainingRangeElectric).toBeUndefined();
    expect(ice.fuelAndBattery?.isChargerConnected).toBe(false);
    expect(ice.fuelAndBattery?.remainingRangeTotal).toEqual(km(600));
  });
  it('charging status: INVALID is NOT_CHARGING, unknown is UNKNOWN with an issue', () => {
    expect(
      parse({ state: { electricChargingState: { chargingStatus: 'INVALID' } } }).fuelAndBattery
        ?.chargingStatus,
    ).toBe('NOT_CHARGING');
    const s = parse({ state: { electricChargingState: { chargingStatus: 'WARP' } } });
    expect(s.fuelAndBattery?.chargingStatus).toBe('UNKNOWN');
    expect(s.issues).toMatchObject([
      { path: 'state.electricChargingState.chargingStatus', code: 'unknown-enum' },
    ]);
    expect(
      parse({ state: { electricChargingState: { range: 1 } } }).fuelAndBattery?.chargingStatus,
    ).toBeUndefined();
  });
  it('charging end time = fetchedAt + remaining minutes, whatever the status', () => {
    const s = parse({
      state: { electricChargingState: { chargingStatus: 'NOT_CHARGING', remainingChargingMinutes: 119 } },
    });
    expect(s.fuelAndBattery?.chargingEndTime).toEqual(new Date('2025-03-10T13:59:00Z'));
    const zero = parse({ state: { electricChargingState: { remainingChargingMinutes: 0 } } });
    expect(zero.fuelAndBattery?.chargingEndTime).toEqual(T0);
  });
  it('a huge duration drops only the derived time', () => {
    const s = parse({ state: { electricChargingState: { remainingChargingMinutes: 1e300, range: 5 } } });
    expect(s.fuelAndBattery?.chargingEndTime).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeElectric).toEqual(km(5));
    expect(issuePaths(s)).toEqual(['state.electricChargingState.remainingChargingMinutes']);
  });
  it('charging start time: next start of the window while WAITING_FOR_CHARGING, in the given zone', () => {
    const state = {
      electricChargingState: { chargingStatus: 'WAITING_FOR_CHARGING', isChargerConnected: true },
      chargingProfile: {
        reductionOfChargeCurrent: { start: { hour: 22, minute: 30 }, end: { hour: 6, minute: 0 } },
      },
    };
    expect(parse({ state }).fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T22:30:00Z'));
    const tokyo = parse({ state, options: { timeZone: 'Asia/Tokyo' } });
    // 12:00Z is 21:00 in Tokyo; 22:30 Tokyo is 13:30Z.
    expect(tokyo.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T13:30:00Z'));
    const later = parse({ state, options: { now: new Date('2025-03-10T23:00:00Z') } });
    expect(later.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-11T22:30:00Z'));
    const charging = parse({ state: { ...state, electricChargingState: { chargingStatus: 'CHARGING' } } });
    expect(charging.fuelAndBattery?.chargingStartTime).toBeUndefined();
  });
  it('an unknown time zone falls back to UTC with an issue', () => {
    const s = parse({
      state: {
        electricChargingState: { chargingStatus: 'WAITING_FOR_CHARGING' },
        chargingProfile: { reductionOfChargeCurrent: { start: { hour: 22, minute: 30 } } },
      },
      options: { timeZone: 'Mars/Olympus' },
    });
    expect(s.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T22:30:00Z'));
    expect(issuePaths(s)).toEqual(['timeZone']);
  });
});

describe('location', () => {
  const location = {
    coordinates: { latitude: 52.52, longitude: 13.405 },
    heading: 90,
    address: { formatted: 'x' },
  };
  it('reads position and heading', () => {
    const s = parse({ state: { location } });
    expect(s.vehicleLocation?.location).toEqual({ latitude: 52.52, longitude: 13.405 });
    expect(s.vehicleLocation?.heading).toBe(90);
  });
  it('a bad latitude drops only the position', () => {
    const s = parse({
      state: {
        location: { ...location, coordinates: { latitude: 123, longitude: 13.4 } },
        currentMileage: 7,
      },
    });
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(s.vehicleLocation?.heading).toBe(90);
    expect(s.mileage).toEqual(km(7));
    expect(issuePaths(s)).toEqual(['state.location.coordinates.latitude']);
  });
  it('a string longitude is an issue, not a crash', () => {
    const s = parse({ state: { location: { coordinates: { latitude: 1, longitude: '49.7' } } } });
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(issuePaths(s)).toEqual(['state.location.coordinates.longitude']);
  });
  it('a position without heading is kept', () => {
    const s = parse({ state: { location: { coordinates: { latitude: 1, longitude: 2 } } } });
    expect(s.vehicleLocation?.location).toEqual({ latitude: 1, longitude: 2 });
    expect(s.vehicleLocation?.heading).toBeUndefined();
  });
  it('china converts, other regions do not', () => {
    const state = { location: { coordinates: { latitude: 39.83492, longitude: 116.23221 }, heading: 1 } };
    expect(parse({ state }).vehicleLocation?.location?.latitude).toBe(39.83492);
    const cn = parse({ state, options: { region: 'cn' } });
    expect(cn.region).toBe('china');
    expect(cn.vehicleLocation?.accountRegion).toBe('china');
    expect(cn.vehicleLocation?.location?.latitude).toBeCloseTo(39.8337, 4);
  });
});

describe('doors and windows', () => {
  it('lists lids and windows, skips combined states and INVALID, adds the roof as a lid', () => {
    const s = parse({
      state: {
        doorsState: {
          combinedSecurityState: 'SECURED',
          combinedState: 'OPEN',
          hood: 'CLOSED',
          leftFront: 'OPEN',
          trunk: 'INVALID',
        },
        windowsState: {
          combinedState: 'OPEN',
          leftFront: 'OPEN_TILT',
          rear: 'INVALID',
          rightFront: 'CLOSED',
        },
        roofState: { roofState: 'INTERMEDIATE', roofStateType: 'SUN_ROOF' },
      },
    });
    const dw = s.doorsAndWindows;
    expect(dw?.doorLockState).toBe('SECURED');
    expect(dw?.lids.map((l) => [l.name, l.state])).toEqual([
      ['hood', 'CLOSED'],
      ['leftFront', 'OPEN'],
      ['sunRoof', 'INTERMEDIATE'],
    ]);
    expect(dw?.windows.map((w) => [w.name, w.state])).toEqual([
      ['leftFront', 'OPEN_TILT'],
      ['rightFront', 'CLOSED'],
    ]);
    expect(dw?.openLids.map((l) => l.name)).toEqual(['leftFront', 'sunRoof']);
    expect(dw?.openWindows.map((w) => w.name)).toEqual(['leftFront']);
    expect([dw?.allLidsClosed, dw?.allWindowsClosed]).toEqual([false, false]);
  });
  it('unknown and null lid states are UNKNOWN (open) with an issue', () => {
    const s = parse({ state: { doorsState: { hood: 'AJAR', trunk: null, combinedSecurityState: 'WEIRD' } } });
    expect(s.doorsAndWindows?.lids.map((l) => l.state)).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(s.doorsAndWindows?.allLidsClosed).toBe(false);
    expect(s.doorsAndWindows?.doorLockState).toBe('UNKNOWN');
    expect(issuePaths(s).sort()).toEqual(['state.doorsState.combinedSecurityState', 'state.doorsState.hood']);
  });
  it('a roof without doors is still listed (bimmer_connected drops the block)', () => {
    const s = parse({ state: { roofState: { roofState: 'CLOSED', roofStateType: 'MOON_ROOF' } } });
    expect(s.doorsAndWindows?.lids).toEqual([{ name: 'moonRoof', state: 'CLOSED', isClosed: true }]);
  });
  it('a malformed windows block leaves the doors intact', () => {
    const s = parse({ state: { doorsState: { hood: 'CLOSED' }, windowsState: 'broken' } });
    expect(s.doorsAndWindows?.lids).toHaveLength(1);
    expect(s.doorsAndWindows?.windows).toEqual([]);
    expect(issuePaths(s)).toEqual(['state.windowsState']);
  });
});

describe('condition-based services', () => {
  it('parses, drops broken entries, and finds the next services', () => {
    const s = parse({
      state: {
        requiredServices: [
          { type: 'OIL', status: 'OK', dateTime: '2026-01-01T00:00:00.000Z', mileage: 15000 },
          { type: 'BRAKE_FLUID', status: 'OK', dateTime: '2025-06-01T00:00:00.000Z', mileage: 9000 },
          { status: 'OK' },
          { type: 'VEHICLE_CHECK', status: 'PENDING', dateTime: 'soon', mileage: 0 },
          { type: 'AAA', status: 'OK', mileage: 9000 },
          { type: 'TIRE_WEAR', status: 'SOMETHING' },
        ],
      },
    });
    const cbs = s.conditionBasedServices;
    expect(cbs?.messages.map((m) => m.serviceType)).toEqual([
      'OIL',
      'BRAKE_FLUID',
      'VEHICLE_CHECK',
      'AAA',
      'TIRE_WEAR',
    ]);
    expect(cbs?.messages[2]).toEqual({
      serviceType: 'VEHICLE_CHECK',
      state: 'PENDING',
      dueDate: undefined,
      dueDistance: undefined,
    });
    expect(cbs?.messages[4]?.state).toBe('UNKNOWN');
    expect(cbs?.isServiceRequired).toBe(true);
    expect(cbs?.nextServiceByDistance?.serviceType).toBe('AAA'); // 9000 tie: alphabetical
    expect(cbs?.nextServiceByTime?.serviceType).toBe('BRAKE_FLUID');
    expect(issuePaths(s).sort()).toEqual([
      'state.requiredServices.2.type',
      'state.requiredServices.3.dateTime',
      'state.requiredServices.5.status',
    ]);
  });
  it('next by distance compares numbers (not strings)', () => {
    const s = parse({
      state: {
        requiredServices: [
          { type: 'A', status: 'OK', mileage: 100000 },
          { type: 'B', status: 'OK', mileage: 20000 },
        ],
      },
    });
    expect(s.conditionBasedServices?.nextServiceByDistance?.serviceType).toBe('B');
  });
});

describe('check-control messages', () => {
  it('drops OK, keeps LOW, and names the urgent ones', () => {
    const s = parse({
      state: {
        checkControlMessages: [
          { type: 'TIRE_PRESSURE', severity: 'LOW' },
          { type: 'WASHER_FLUID', severity: 'OK' },
          { type: 'ENGINE_OIL', severity: 'MEDIUM', longDescription: 'Top up oil' },
          { type: 'BRAKES', severity: 'CRITICAL' },
        ],
      },
    });
    const ccm = s.checkControlMessages;
    expect(ccm?.messages.map((m) => m.descriptionShort)).toEqual(['TIRE_PRESSURE', 'ENGINE_OIL', 'BRAKES']);
    expect(ccm?.messages[1]?.descriptionLong).toBe('Top up oil');
    expect(ccm?.hasCheckControlMessages).toBe(true);
    expect(ccm?.urgentCheckControlMessages).toBe('ENGINE_OIL, BRAKES');
  });
  it('only LOW messages are not urgent', () => {
    const s = parse({ state: { checkControlMessages: [{ type: 'ENGINE_OIL', severity: 'LOW' }] } });
    expect(s.checkControlMessages?.messages).toHaveLength(1);
    expect(s.checkControlMessages?.hasCheckControlMessages).toBe(false);
    expect(s.checkControlMessages?.urgentCheckControlMessages).toBeUndefined();
  });
});

describe('head unit', () => {
  const profile = {
    hmiVersion: 'ID8',
    headUnitType: 'MGU',
    year: 2021,
    softwareVersionCurrent: { iStep: 300, puStep: { month: 7, year: 21 } },
  };
  it('formats the software version (month/year.iStep)', () => {
    expect(parse({ profile }).headunit).toEqual({
      idriveVersion: 'ID8',
      headunitType: 'MGU',
      softwareVersion: '07/2021.00',
    });
  });
  it('without the model year there is no software version', () => {
    const s = parse({ profile: { ...profile, year: undefined } });
    expect(s.headunit?.softwareVersion).toBeUndefined();
    expect(s.headunit?.idriveVersion).toBe('ID8');
  });
});

describe('climate', () => {
  it('end time truncates remaining seconds; VENTILATION is not on', () => {
    const s = parse({ state: { climateControlState: { activity: 'COOLING', remainingSeconds: 59.9 } } });
    expect(s.climate).toEqual({
      activity: 'COOLING',
      activityEndTime: new Date('2025-03-10T12:00:59Z'),
      isClimateOn: true,
    });
    expect(parse({ state: { climateControlState: { activity: 'VENTILATION' } } }).climate?.isClimateOn).toBe(
      false,
    );
    expect(parse({ state: { climateControlState: {} } }).climate?.activity).toBe('UNKNOWN');
    expect(parse().climate).toEqual({ activity: 'UNKNOWN', activityEndTime: undefined, isClimateOn: false });
  });
});

describe('charging profile', () => {
  const chargingProfile = {
    chargingControlType: 'TWO_TIMES_TIMER',
    chargingMode: 'DELAYED_CHARGING',
    chargingPreference: 'CHARGING_WINDOW',
    climatisationOn: true,
    chargingSettings: { acCurrentLimit: 32 },
    departureTimes: [
      { id: 1, action: 'ACTIVATE', timeStamp: { hour: 6, minute: 45 }, timerWeekDays: ['MONDAY'] },
      { id: 2, action: 'DEACTIVATE', timeStamp: { hour: 25, minute: 0 }, timerWeekDays: [] },
    ],
    reductionOfChargeCurrent: { start: { hour: 23, minute: 0 }, end: { hour: 5, minute: 15 } },
  };
  it('parses timers, window, modes and crccs extras', () => {
    const s = parse({
      state: { chargingProfile },
      chargingSettings: {
        servicePack: 'WAVE_02',
        chargingSettingsDetail: { acLimit: { values: [6, 16, 32] } },
      },
    });
    const cp = s.chargingProfile;
    expect(cp).toMatchObject({
      isPreEntryClimatizationEnabled: true,
      timerType: 'TWO_TIMES_TIMER',
      chargingMode: 'DELAYED_CHARGING',
      chargingPreferences: 'CHARGING_WINDOW',
      acCurrentLimit: 32,
      acAvailableLimits: [6, 16, 32],
      chargingPreferencesServicePack: 'WAVE_02',
      preferredChargingWindow: { startTime: { hour: 23, minute: 0 }, endTime: { hour: 5, minute: 15 } },
    });
    expect(cp?.departureTimes?.[0]).toEqual({
      timerId: 1,
      action: 'ACTIVATE',
      startTime: { hour: 6, minute: 45 },
      weekdays: ['MONDAY'],
    });
    // An impossible hour drops only that timer's time.
    expect(cp?.departureTimes?.[1]).toEqual({
      timerId: 2,
      action: 'DEACTIVATE',
      startTime: undefined,
      weekdays: [],
    });
    expect(issuePaths(s)).toEqual(['state.chargingProfile.departureTimes.1.timeStamp.hour']);
  });
  it('is undefined without state.chargingProfile (even with crccs) and for an empty one', () => {
    expect(parse({ chargingSettings: { servicePack: 'X' } }).chargingProfile).toBeUndefined();
    expect(parse({ state: { chargingProfile: {} } }).chargingProfile).toBeUndefined();
  });
  it('defaults: UNKNOWN enums, midnight window, no timers', () => {
    const cp = parse({ state: { chargingProfile: { chargingMode: 'IMMEDIATE_CHARGING' } } }).chargingProfile;
    expect(cp).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'UNKNOWN',
      departureTimes: [],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'UNKNOWN',
      chargingMode: 'IMMEDIATE_CHARGING',
      acCurrentLimit: undefined,
      acAvailableLimits: undefined,
      chargingPreferencesServicePack: undefined,
    });
  });
  it('a malformed crccs response leaves the profile intact', () => {
    const s = parse({ state: { chargingProfile }, chargingSettings: 'oops' });
    expect(s.chargingProfile?.timerType).toBe('TWO_TIMES_TIMER');
    expect(s.chargingProfile?.chargingPreferencesServicePack).toBeUndefined();
    expect(issuePaths(s)).toContain('chargingSettings');
  });
});

describe('tires', () => {
  it('reads pressures, season and week; a wheel may be missing', () => {
    const s = parse({
      state: {
        tireState: {
          frontLeft: {
            status: { currentPressure: 230, targetPressure: 250 },
            details: { season: 1, manufacturingWeek: 1523 },
          },
          frontRight: { status: { currentPressure: 231 } },
          rearLeft: { details: { manufacturingWeek: 9999 } },
        },
      },
    });
    expect(s.tires?.frontLeft).toEqual({
      currentPressure: 230,
      targetPressure: 250,
      season: 1,
      manufacturingWeek: new Date('2023-04-10T00:00:00Z'),
    });
    expect(s.tires?.frontRight?.targetPressure).toBeUndefined();
    expect(s.tires?.rearLeft?.manufacturingWeek).toBeUndefined();
    expect(s.tires?.rearRight).toBeUndefined();
    expect(issuePaths(s)).toEqual(['state.tireState.rearLeft.details.manufacturingWeek']);
  });
  it('no tireState, or an empty one, is undefined', () => {
    expect(parse().tires).toBeUndefined();
    expect(parse({ state: { tireState: {} } }).tires).toBeUndefined();
  });
});

describe('issues never contain input values', () => {
  it('reports paths and expectations only', () => {
    const secret = 'WBA00000000SECRET';
    const s = parse({
      state: {
        location: { coordinates: { latitude: secret, longitude: 4812.3456 } },
        doorsState: { hood: secret },
        currentMileage: secret,
        requiredServices: [{ type: 7, status: secret }],
      },
      capabilities: { lock: secret },
    });
    expect(s.issues.length).toBeGreaterThan(3);
    const text = JSON.stringify(s.issues);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('4812');
  });
});

describe('inputs are not mutated', () => {
  it('repairs a copy', () => {
    const options = syntheticOptions({
      state: {
        location: { coordinates: { latitude: 123, longitude: 1 } },
        requiredServices: [{ status: 'OK' }],
      },
    });
    const before = structuredClone(options.state);
    parseMyBMWVehicle(options);
    expect(options.state).toEqual(before);
  });
});
