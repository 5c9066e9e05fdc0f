import { describe, expect, it } from 'vitest';
import * as api from './index';
import * as internal from './internal';

/**
 * The runtime names of each entry, sorted. A change here is a change of what the package promises
 * (`.`) or shares with our own packages (`./internal`): review it, then update the snapshot.
 */
describe('exports', () => {
  it('of @bimmer/core', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "BimmerApiError",
        "BimmerAuthError",
        "BimmerBlockedError",
        "BimmerCaptchaRequiredError",
        "BimmerError",
        "BimmerNotFoundError",
        "BimmerQuotaError",
        "BimmerRemoteServiceError",
        "BimmerUnsupportedError",
        "BimmerValidationError",
        "CAPABILITY_FLAGS",
        "CAR_BRAND_NAMES",
        "CarBrand",
        "ChargingMode",
        "ChargingPreferences",
        "ChargingState",
        "CheckControlStatus",
        "ClimateActivityState",
        "ConditionBasedServiceStatus",
        "DEFAULT_BATTERY_HYSTERESIS",
        "DEFAULT_STALE_AFTER_MS",
        "DriveTrainType",
        "ExecutionState",
        "FieldChannel",
        "LidState",
        "LockState",
        "LscType",
        "MyBMWWire",
        "REGIONS",
        "Region",
        "RemoteServiceName",
        "SnapshotSource",
        "TimerType",
        "VehicleEventTracker",
        "VehicleViewDirection",
        "applyRemoteServicePosition",
        "assertRemoteServiceSupported",
        "availableAttributes",
        "buildChargingProfilePayload",
        "buildChargingSettingsPayload",
        "buildCheckControlMessageReport",
        "buildClimate",
        "buildConditionBasedServiceReport",
        "buildDoorsAndWindows",
        "buildLid",
        "changedFields",
        "createLiveVehicle",
        "deriveVehicleEvents",
        "driveTrainAttributes",
        "fieldAge",
        "fieldTimeOf",
        "hasCombustionDrivetrain",
        "hasElectricDrivetrain",
        "isBimmerError",
        "isRemoteOutcomeUnknown",
        "isRemoteServiceSupported",
        "newestFieldTime",
        "parseCarBrand",
        "parseEnum",
        "parseMyBMWVehicle",
        "parseRegion",
        "readVehicleEventMemory",
        "requireCarBrand",
        "requireRegion",
        "staleSince",
        "vehicleFromJSON",
        "vehicleToJSON",
      ]
    `);
  });

  it('of @bimmer/core/internal', () => {
    expect(Object.keys(internal).sort()).toMatchInlineSnapshot(`
      [
        "ListenerRegistry",
        "LiveLifecycle",
        "VIN_PATTERN",
        "checkVin",
        "compact",
        "distanceMeters",
        "formatInstant",
        "gcj02ToWgs84",
        "isJsonObject",
        "isValidTimeZone",
        "jsonLeaves",
        "systemTimeZone",
        "toCamelCase",
      ]
    `);
  });

  it('no name is in both', () => {
    expect(Object.keys(internal).filter((name) => name in api)).toEqual([]);
  });
});
