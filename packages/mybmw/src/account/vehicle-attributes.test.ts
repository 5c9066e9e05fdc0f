import { BimmerValidationError, ChargingState, LockState } from '@bimmer/core';
import { toCamelCase } from '@bimmer/core/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FakeVehicle, fakeApi, fakeAuthenticator } from '../../test/fake-api';
import { MyBMWClient } from '../http/client';
import type { AccountTransportOptions } from './account';
import { MyBMWAccount } from './mybmw-account';
import { MyBMWVehicle } from './vehicle';
import { VehicleAttributes } from './vehicle-attributes';

/** bimmer_connected's vehicle properties as its JSON output lists them. */
const PYTHON_PROPERTIES = [
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

const EV: FakeVehicle = { vin: 'WBA00000000ATTR01', brand: 'bmw', model: 'Attr iX', charging: false };

/** An EV state of our own: locked, one window open, charging, climate off, every remote flag but unlock. */
const EV_STATE = {
  capabilities: {
    lock: true,
    unlock: false,
    horn: true,
    lights: true,
    climateNow: true,
    sendPoi: true,
    vehicleFinder: true,
    isChargingTargetSocEnabled: true,
    remoteChargingCommands: { chargingControl: ['START', 'STOP'] },
  },
  state: {
    currentMileage: 4321,
    lastFetched: '2026-11-30T09:15:00Z',
    isLscSupported: true,
    doorsState: { combinedSecurityState: 'LOCKED', leftFront: 'CLOSED', rightFront: 'CLOSED' },
    windowsState: { leftFront: 'OPEN', rightFront: 'CLOSED' },
    electricChargingState: {
      isChargerConnected: true,
      chargingLevelPercent: 64,
      range: 287,
      chargingStatus: 'CHARGING',
      remainingChargingMinutes: 90,
      chargingTarget: 80,
    },
    climateControlState: { activity: 'STANDBY' },
    location: { coordinates: { latitude: 48.1, longitude: 11.5 }, heading: 42 },
  },
};

async function loadEv(
  state: unknown = EV_STATE,
  options: AccountTransportOptions = {},
): Promise<MyBMWVehicle> {
  const api = fakeApi([EV], (request) => {
    if (request.path.endsWith('/profile')) {
      return Response.json({ vin: EV.vin, model: EV.model, brand: 'BMW', driveTrain: 'ELECTRIC' });
    }
    return request.path.endsWith('/state') ? Response.json(state) : undefined;
  });
  const account = new MyBMWAccount({
    region: 'row',
    authenticator: fakeAuthenticator(),
    fetch: api.fetch,
    now: () => new Date('2026-12-01T12:00:00Z'),
    ...options,
  });
  const [vehicle] = await account.getVehicles();
  if (vehicle === undefined) throw new Error('no vehicle loaded');
  return vehicle;
}

describe('MyBMWVehicle, bimmer_connected properties in camelCase', () => {
  it('has a typed getter for every property of the reference, equal to the snapshot value', async () => {
    const vehicle = await loadEv();
    const snapshot = vehicle.snapshot as unknown as Record<string, unknown>;
    for (const python of PYTHON_PROPERTIES) {
      const name = toCamelCase(python);
      expect(name in vehicle, `${python} -> ${name}`).toBe(true);
      expect((vehicle as unknown as Record<string, unknown>)[name], name).toEqual(snapshot[name]);
    }
    // The getters live on the prototype, so JSON.stringify still gives the documented JSON form.
    expect(Object.keys(vehicle)).not.toContain('fuelAndBattery');
    expect(vehicle).toBeInstanceOf(VehicleAttributes);
  });

  it('reads the values of the served state', async () => {
    const vehicle = await loadEv();
    expect(vehicle.name).toBe('Attr iX');
    expect(vehicle.driveTrain).toBe('ELECTRIC');
    expect(vehicle.mileage).toEqual({ value: 4321, unit: 'km' });
    expect(vehicle.timestamp).toEqual(new Date('2026-11-30T09:15:00Z'));
    expect(vehicle.hasElectricDrivetrain).toBe(true);
    expect(vehicle.hasCombustionDrivetrain).toBe(false);
    expect(vehicle.fuelAndBattery).toMatchObject({
      remainingBatteryPercent: 64,
      remainingRangeElectric: { value: 287, unit: 'km' },
      chargingStatus: ChargingState.CHARGING,
      isChargerConnected: true,
      chargingTarget: 80,
      chargingEndTime: new Date('2026-12-01T13:30:00Z'),
    });
    expect(vehicle.doorsAndWindows?.doorLockState).toBe(LockState.LOCKED);
    expect(vehicle.doorsAndWindows?.allLidsClosed).toBe(true);
    expect(vehicle.doorsAndWindows?.openWindows.map((w) => w.name)).toEqual(['leftFront']);
    expect(vehicle.vehicleLocation?.location).toEqual({ latitude: 48.1, longitude: 11.5 });
    expect(vehicle.vehicleLocation?.heading).toBe(42);
    expect(vehicle.climate?.isClimateOn).toBe(false);
    expect(vehicle.chargingProfile).toBeUndefined();
    expect(vehicle.isRemoteLockEnabled).toBe(true);
    expect(vehicle.isRemoteUnlockEnabled).toBe(false);
    expect(vehicle.isRemoteClimateStopEnabled).toBe(true);
    expect(vehicle.isRemoteChargeStartEnabled).toBe(true);
    expect(vehicle.isRemoteSetTargetSocEnabled).toBe(true);
    expect(vehicle.isRemoteSetAcLimitEnabled).toBe(false);
    expect(vehicle.isVehicleTrackingEnabled).toBe(true);
    expect(vehicle.isVehicleActive).toBe(false);
    expect(vehicle.isLscEnabled).toBe(true);
    expect(vehicle.availableAttributes.slice(0, 2)).toEqual(['gpsPosition', 'vin']);
    expect(vehicle.availableAttributes).toContain('doorLockState');
    expect(vehicle.driveTrainAttributes).toContain('remainingBatteryPercent');
  });

  it('combines the raw responses as `data`, like the reference', async () => {
    const vehicle = await loadEv();
    expect(vehicle.data).toEqual({
      attributes: { model: 'Attr iX', brand: 'BMW', driveTrain: 'ELECTRIC' },
      capabilities: EV_STATE.capabilities,
      state: EV_STATE.state,
      chargingSettings: null,
      vin: EV.vin,
      fetchedAt: new Date('2026-12-01T12:00:00Z'),
    });
  });

  it('updates parts of the state without a request, replacing each given key whole', async () => {
    const vehicle = await loadEv();
    const at = new Date('2026-12-01T12:30:00.700Z');
    vehicle.updateState(
      { state: { currentMileage: 5000, doorsState: { combinedSecurityState: 'UNLOCKED' } } },
      at,
    );
    expect(vehicle.mileage).toEqual({ value: 5000, unit: 'km' });
    expect(vehicle.doorsAndWindows?.doorLockState).toBe(LockState.UNLOCKED);
    expect(vehicle.fuelAndBattery?.remainingBatteryPercent).toBeUndefined(); // the old state is gone
    expect(vehicle.capabilities).toEqual(EV_STATE.capabilities); // not given: kept
    expect(vehicle.fetchedAt).toEqual(new Date('2026-12-01T12:30:00Z'));
    vehicle.updateState({ capabilities: {} });
    expect(vehicle.isRemoteLockEnabled).toBe(false);
    expect(vehicle.mileage?.value).toBe(5000);
  });

  it('follows a refresh: the getters read the new snapshot', async () => {
    let locked = true;
    const api = fakeApi([EV], (request) => {
      if (!request.path.endsWith('/state')) return undefined;
      const doorsState = { combinedSecurityState: locked ? 'LOCKED' : 'UNLOCKED' };
      return Response.json({ capabilities: EV_STATE.capabilities, state: { ...EV_STATE.state, doorsState } });
    });
    const account = new MyBMWAccount({ region: 'row', authenticator: fakeAuthenticator(), fetch: api.fetch });
    const [vehicle] = await account.getVehicles();
    expect(vehicle?.doorsAndWindows?.doorLockState).toBe(LockState.LOCKED);
    locked = false;
    await vehicle?.getVehicleState();
    expect(vehicle?.doorsAndWindows?.doorLockState).toBe(LockState.UNLOCKED);
  });
});

/** bimmer_connected's capability flags: API key -> vehicle property. */
const FLAG_OF_CAPABILITY = {
  lock: 'isRemoteLockEnabled',
  unlock: 'isRemoteUnlockEnabled',
  horn: 'isRemoteHornEnabled',
  lights: 'isRemoteLightsEnabled',
  climateNow: 'isRemoteClimateStartEnabled',
  sendPoi: 'isRemoteSendpoiEnabled',
  vehicleFinder: 'isVehicleTrackingEnabled',
  isChargingPlanSupported: 'isChargingPlanSupported',
  isChargingSettingsEnabled: 'isChargingSettingsSupported',
  isChargingTargetSocEnabled: 'isRemoteSetTargetSocEnabled',
  isChargingPowerLimitEnabled: 'isRemoteSetAcLimitEnabled',
} as const;

/** A vehicle on an account whose client must never be used (updateState sends nothing). */
function offlineVehicle(): MyBMWVehicle {
  const client = new MyBMWClient({
    tokens: { getAccessToken: async () => 't', onUnauthorized: async () => {}, sessionId: 's', gcid: 'g' },
    baseUrl: 'https://offline.test',
    defaultHeaders: () => ({}),
    fetch: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
  });
  const account = {
    client,
    region: 'rest_of_world',
    gcid: 'g',
    observerPosition: undefined,
    timeZone: 'UTC',
    now: () => new Date('2026-12-01T12:00:00Z'),
  } as const;
  return new MyBMWVehicle(account, {
    vin: EV.vin,
    brand: 'bmw',
    profile: { vin: EV.vin, driveTrain: 'ELECTRIC' },
  });
}

describe('MyBMWVehicle capability flags', () => {
  it('reads every flag from its capability as the reference does, for any combination', () => {
    const vehicle = offlineVehicle();
    const keys = Object.keys(FLAG_OF_CAPABILITY) as (keyof typeof FLAG_OF_CAPABILITY)[];
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(keys.map((key) => [key, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>,
          {
            requiredKeys: [],
          },
        ),
        fc.subarray(['START', 'STOP']),
        fc.boolean(),
        (capabilities, chargingControl, hasClimateState) => {
          vehicle.updateState({
            capabilities: { ...capabilities, remoteChargingCommands: { chargingControl } },
            state: hasClimateState ? { climateControlState: { activity: 'STANDBY' } } : {},
          });
          for (const key of keys)
            expect(vehicle[FLAG_OF_CAPABILITY[key]], key).toBe(capabilities[key] === true);
          expect(vehicle.isRemoteChargeStartEnabled).toBe(chargingControl.includes('START'));
          expect(vehicle.isRemoteChargeStopEnabled).toBe(chargingControl.includes('STOP'));
          expect(vehicle.isRemoteClimateStopEnabled).toBe(hasClimateState);
          expect(vehicle.isVehicleActive).toBe(false);
        },
      ),
    );
  });
});

describe('MyBMWAccount timeZone', () => {
  /** Waiting for a charging window that starts at 01:30 local time (a naive wall-clock time). */
  const waiting = {
    capabilities: {},
    state: {
      electricChargingState: { chargingStatus: 'WAITING_FOR_CHARGING', isChargerConnected: true },
      chargingProfile: { reductionOfChargeCurrent: { start: { hour: 1, minute: 30 } } },
    },
  };

  it('reads the charging window in the given zone', async () => {
    const utc = await loadEv(waiting, { timeZone: 'UTC' });
    const tokyo = await loadEv(waiting, { timeZone: 'Asia/Tokyo' });
    // now = 2026-12-01T12:00Z; the next 01:30 is 2026-12-02T01:30Z in UTC and 16:30Z today in Tokyo (+9).
    expect(utc.fuelAndBattery?.chargingStartTime).toEqual(new Date('2026-12-02T01:30:00Z'));
    expect(tokyo.fuelAndBattery?.chargingStartTime).toEqual(new Date('2026-12-01T16:30:00Z'));
    expect(tokyo.snapshot.issues).toEqual([]);
  });

  it("defaults to this machine's zone", () => {
    const account = new MyBMWAccount({ region: 'row', authenticator: fakeAuthenticator() });
    expect(account.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('refuses an unknown zone before any request', () => {
    expect(
      () => new MyBMWAccount({ region: 'row', authenticator: fakeAuthenticator(), timeZone: 'Mars/Olympus' }),
    ).toThrow(BimmerValidationError);
  });
});
