import { describe, expect, it } from 'vitest';
import { issuePaths, parse, syntheticOptions, T0, TEST_VIN } from '../../test/synthetic';
import { BimmerValidationError, isBimmerError } from '../errors/index';
import { parseMyBMWVehicle } from './parse-vehicle';

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

describe('physical ranges of identity and status', () => {
  it('drops a model year that no car has and a mileage that no odometer shows', () => {
    for (const [year, currentMileage] of [
      [-1, -1],
      [1e308, 1e308],
      [1899, 10_000_001],
      [2024.5, Number.POSITIVE_INFINITY],
    ]) {
      const s = parse({ profile: { year }, state: { currentMileage, isLscSupported: true } });
      expect([s.year, s.mileage], `${year} ${currentMileage}`).toEqual([undefined, undefined]);
      expect(s.isLscEnabled).toBe(true);
      expect(issuePaths(s).sort()).toEqual(['profile.year', 'state.currentMileage']);
      expect(s.issues.every((i) => i.code === 'invalid')).toBe(true);
    }
  });
  it('keeps the bounds themselves', () => {
    const s = parse({ profile: { year: 1900 }, state: { currentMileage: 0 } });
    expect([s.year, s.mileage]).toEqual([1900, km(0)]);
    expect(s.issues).toEqual([]);
  });
});

/** `depth` levels of arrays or objects around `leaf`, built without recursion. */
function nested(depth: number, kind: 'array' | 'object' = 'object', leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { next: value };
  return value;
}

describe('a value nested 5,000 levels deep', () => {
  const location = { coordinates: { latitude: 123, longitude: 13.4 }, heading: 90 };

  it('beside a broken block leaves the block repairable (only the bad value is dropped)', () => {
    for (const kind of ['array', 'object'] as const) {
      const s = parse({ state: { junk: nested(5_000, kind), location, currentMileage: 7 } });
      expect(s.vehicleLocation?.heading).toBe(90);
      expect(s.vehicleLocation?.location).toBeUndefined();
      expect(s.mileage).toEqual(km(7));
      expect(issuePaths(s)).toEqual(['state.location.coordinates.latitude']);
    }
  });

  it('inside the broken block itself leaves the rest of the block', () => {
    const s = parse({ state: { location: { ...location, address: nested(5_000) } } });
    expect(s.vehicleLocation?.heading).toBe(90);
    expect(issuePaths(s)).toEqual(['state.location.coordinates.latitude']);
  });

  it('in the profile or the charging settings drops nothing else', () => {
    const s = parse({
      profile: { year: -1, junk: nested(5_000, 'array'), hmiVersion: 'ID8' },
      state: { chargingProfile: { chargingMode: 'IMMEDIATE_CHARGING' } },
      chargingSettings: {
        servicePack: 7,
        deep: nested(5_000),
        chargingSettingsDetail: { acLimit: { values: [6, 16] } },
      },
    });
    expect(s.headunit?.idriveVersion).toBe('ID8');
    expect(s.name).toBe('Test Car');
    expect(s.chargingProfile?.acAvailableLimits).toEqual([6, 16]);
    expect(issuePaths(s).sort()).toEqual(['chargingSettings.servicePack', 'profile.year']);
  });

  it('shared by many parents (data of a JavaScript caller) is copied once, so repair stays quick', () => {
    let shared: unknown = 'x';
    for (let level = 0; level < 64; level++) shared = [shared, shared];
    const s = parse({ state: { location: { ...location, address: shared } } });
    expect(s.vehicleLocation?.heading).toBe(90);
    expect(issuePaths(s)).toEqual(['state.location.coordinates.latitude']);
  });

  it('as a value the parser reads is simply a wrong type', () => {
    const s = parse({
      state: {
        doorsState: { hood: nested(5_000) },
        location: { ...location, coordinates: nested(5_000, 'array') },
      },
    });
    expect(s.doorsAndWindows?.lids).toEqual([{ name: 'hood', state: 'UNKNOWN', isClosed: false }]);
    expect(s.vehicleLocation?.heading).toBe(90);
    // An array is an object without `latitude` and `longitude` to valibot: the position goes.
    expect(s.vehicleLocation?.location).toBeUndefined();
    expect(issuePaths(s).sort()).toEqual([
      'state.doorsState.hood',
      'state.location.coordinates.latitude',
      'state.location.coordinates.longitude',
    ]);
  });
});
