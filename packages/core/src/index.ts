/**
 * The public API of `@bimmer/core`: what applications and adapters (the CLI, Node-RED, Homebridge)
 * build on. Every name here is a promise; `src/index.test.ts` lists the runtime names, so a new one
 * is a visible, reviewed change.
 *
 * Deliberately not exported:
 * - helpers our own packages share (the plain-object check, `compact`, the physical-range table,
 *   GCJ-02 conversion, time-zone checks, `toCamelCase`, `lookupEnum`, the remote-service wording):
 *   they are in `@bimmer/core/internal`, which may change in any release;
 * - the parser's building blocks (block mappers, the repair of malformed blocks, date and time
 *   helpers, the manufacturing-week conversion) and the charging-profile payload's lookup tables:
 *   `parseMyBMWVehicle` and `buildChargingProfilePayload` are their API;
 * - the valibot schema of the JSON form: `vehicleFromJSON` is its API and `VehicleJSON` its type.
 */

// Errors: every error bimmer throws on purpose, with a stable `code`, and the guard that recognises
// them across the ESM and CommonJS builds.

export * from './errors/index';

// The vehicle model: a plain-data snapshot and its blocks.

export type {
  CapabilityFlag,
  ChargingProfile,
  ChargingWindow,
  CheckControlMessage,
  CheckControlMessageReport,
  Climate,
  ConditionBasedService,
  ConditionBasedServiceReport,
  DepartureTimer,
  DoorsAndWindows,
  FieldTime,
  FieldTimes,
  FuelAndBattery,
  GpsPosition,
  Headunit,
  Lid,
  RemoteServicePosition,
  SnapshotBlock,
  SnapshotIssue,
  SnapshotIssueCode,
  TimeOfDay,
  TireState,
  Tires,
  ValueWithUnit,
  VehicleCapabilities,
  VehicleLocation,
  VehicleSnapshot,
  Window,
} from './models/vehicle';

// Enums (const objects with a string-literal type of the same name) and the vocabulary of regions
// and brands that every adapter's settings use.

export type { CapturedResponse } from './models/captured-response';
export {
  CAR_BRAND_NAMES,
  CarBrand,
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  ConditionBasedServiceStatus,
  DriveTrainType,
  type EnumValue,
  type EnumWithUnknown,
  ExecutionState,
  FieldChannel,
  LidState,
  LockState,
  LscType,
  parseCarBrand,
  parseEnum,
  parseRegion,
  REGIONS,
  Region,
  SnapshotSource,
  TimerType,
  VehicleViewDirection,
} from './models/enums';
export { requireCarBrand, requireRegion } from './models/require';

// MyBMW: the offline parser of a vehicle's responses, and the wire schemas it validates them with.

export type { MyBMWVehicleResponses, ParseMyBMWVehicleOptions } from './mybmw/options';
export { parseMyBMWVehicle } from './mybmw/parse-vehicle';
/** The valibot wire schemas of the MyBMW responses, block by block (advanced use: validating recordings). */
export * as MyBMWWire from './mybmw/wire';

// Building snapshots from other sources (CarData), so that derived values always agree with the data.

export {
  availableAttributes,
  buildCheckControlMessageReport,
  buildClimate,
  buildConditionBasedServiceReport,
  buildDoorsAndWindows,
  buildLid,
  driveTrainAttributes,
  hasCombustionDrivetrain,
  hasElectricDrivetrain,
} from './models/derive';

// The JSON form (docs/json.md): what the CLI prints and adapters emit, and the way back.

export { vehicleFromJSON } from './json/from-json';
export { vehicleToJSON } from './json/to-json';
export type {
  ChargingProfileJSON,
  CheckControlMessageJSON,
  CheckControlMessageReportJSON,
  ClimateJSON,
  ConditionBasedServiceJSON,
  ConditionBasedServiceReportJSON,
  DepartureTimerJSON,
  DoorsAndWindowsJSON,
  FieldTimeJSON,
  FuelAndBatteryJSON,
  HeadunitJSON,
  LidJSON,
  TireStateJSON,
  TiresJSON,
  VehicleJSON,
  VehicleLocationJSON,
} from './json/vehicle-json-schema';

// Remote services: which a vehicle offers, the bodies of the charging updates, and the vehicle finder.

export {
  assertRemoteServiceSupported,
  CAPABILITY_FLAGS,
  isRemoteServiceSupported,
  RemoteServiceName,
} from './models/capabilities';
export { applyRemoteServicePosition } from './models/location';
export {
  buildChargingProfilePayload,
  buildChargingSettingsPayload,
  type ChargingProfileChanges,
  type ChargingProfilePayload,
  type ChargingSettingsChanges,
  type ChargingSettingsPayload,
} from './mybmw/remote-payloads';

// Live accounts: the contract of long-running adapters, and how fresh each field is.

export { changedFields } from './live/changed-fields';
export { type DerivedVehicleEvents, deriveVehicleEvents } from './live/derive-vehicle-events';
export type { HeldReading, ReadingValue } from './live/event-readings';
export { fieldAge, fieldTimeOf, newestFieldTime, staleSince } from './live/freshness';
export type {
  LiveAccount,
  LiveAccountEventName,
  LiveAccountEvents,
  LiveAccountKind,
  LiveBudget,
  LiveChange,
  LiveConnection,
  LiveConnectionState,
  LiveFieldChange,
  LiveRefreshOptions,
  LiveVehicle,
  LiveWarning,
} from './live/live-account';
export {
  type CreateLiveVehicleOptions,
  createLiveVehicle,
  DEFAULT_STALE_AFTER_MS,
} from './live/live-vehicle';
export type { Geofence, VehicleEvent, VehicleEventSettings, VehicleEventType } from './live/vehicle-event';
export {
  readVehicleEventMemory,
  type TripMemory,
  type VehicleEventMemory,
} from './live/vehicle-event-memory';
export { DEFAULT_BATTERY_HYSTERESIS } from './live/vehicle-event-settings';
export { VehicleEventTracker, type VehicleEventTrackerOptions } from './live/vehicle-event-tracker';
