export * from './errors/index';
export { vehicleFromJSON } from './json/from-json';
export { formatInstant, vehicleToJSON } from './json/to-json';
export type * from './json/types';
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
export { type CreateLiveVehicleOptions, createLiveVehicle } from './live/live-vehicle';
export type { Geofence, VehicleEvent, VehicleEventSettings, VehicleEventType } from './live/vehicle-event';
export {
  readVehicleEventMemory,
  type TripMemory,
  type VehicleEventMemory,
} from './live/vehicle-event-memory';
export { DEFAULT_BATTERY_HYSTERESIS } from './live/vehicle-event-settings';
export { VehicleEventTracker, type VehicleEventTrackerOptions } from './live/vehicle-event-tracker';
export {
  assertRemoteServiceSupported,
  CAPABILITY_FLAGS,
  isRemoteServiceSupported,
  RemoteServiceName,
} from './models/capabilities';
export type { CapturedResponse } from './models/captured-response';
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
  toCamelCase,
} from './models/derive';
export {
  CarBrand,
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  COMBUSTION_ENGINE_DRIVE_TRAINS,
  ConditionBasedServiceStatus,
  DriveTrainType,
  type EnumValue,
  type EnumWithUnknown,
  ExecutionState,
  FieldChannel,
  HV_BATTERY_DRIVE_TRAINS,
  LidState,
  LockState,
  LscType,
  lookupEnum,
  parseCarBrand,
  parseEnum,
  parseRegion,
  REGIONS,
  Region,
  SnapshotSource,
  TimerType,
  UNKNOWN,
  VehicleViewDirection,
} from './models/enums';
export { gcj02ToWgs84, isValidGpsPosition, wgs84ToGcj02 } from './models/gps';
export { applyRemoteServicePosition } from './models/location';
export { REMOTE_SERVICE_ACTIVITY, unsupportedRemoteServiceMessage } from './models/remote-service-activity';
export { requireCarBrand, requireRegion } from './models/require';
export {
  formatTimeOfDay,
  isValidTimeZone,
  nextOccurrence,
  parseDateTime,
  parseTimeOfDay,
  systemTimeZone,
  truncateToSeconds,
} from './models/time';
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
export type { MyBMWVehicleResponses, ParseMyBMWVehicleOptions } from './mybmw/options';
export { manufacturingWeekToDate, parseMyBMWVehicle } from './mybmw/parse-vehicle';
export {
  buildChargingProfilePayload,
  buildChargingSettingsPayload,
  CHARGING_MODE_TO_REMOTE_SERVICE,
  type ChargingProfileChanges,
  type ChargingProfilePayload,
  type ChargingSettingsChanges,
  type ChargingSettingsPayload,
  formatRemoteServiceTime,
  TIMER_TYPE_TO_REMOTE_SERVICE,
} from './mybmw/remote-payloads';
/** The valibot wire schemas of the MyBMW responses, block by block (advanced use: validating recordings). */
export * as MyBMWWire from './mybmw/wire';
