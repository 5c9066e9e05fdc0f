export * from './errors/index';
export { vehicleFromJSON } from './json/from-json';
export { formatInstant, vehicleToJSON } from './json/to-json';
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
export type { Geofence, VehicleEvent, VehicleEventSettings, VehicleEventType } from './live/vehicle-event';
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
export { manufacturingWeekToDate } from './mybmw/blocks/tires';
export type { MyBMWVehicleResponses, ParseMyBMWVehicleOptions } from './mybmw/options';
export { parseMyBMWVehicle } from './mybmw/parse-vehicle';
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
