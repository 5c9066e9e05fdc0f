import type {
  CarBrand,
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  ConditionBasedServiceStatus,
  DriveTrainType,
  FieldChannel,
  LidState,
  LockState,
  LscType,
  Region,
  SnapshotSource,
  TimerType,
} from '../models/enums';
import type { GpsPosition, SnapshotIssue, ValueWithUnit } from '../models/vehicle';

/**
 * The JSON form of a vehicle (what `vehicleToJSON` returns, the CLI prints and Node-RED emits).
 * Times are ISO-8601 strings in UTC (`2023-01-04T14:57:06Z`), times of day `HH:MM:SS`, enums their
 * string values, values with a unit `{ value, unit }`. A key whose value is unknown is omitted
 * (never `null`). See docs/json.md.
 */
export interface VehicleJSON {
  vin: string;
  source: SnapshotSource;
  fetchedAt: string;
  region: Region;
  name?: string;
  brand: CarBrand;
  driveTrain: DriveTrainType;
  bodyType?: string;
  year?: number;
  countryOfOrigin?: string;
  mileage?: ValueWithUnit;
  timestamp?: string;
  lscType: LscType;
  isMoving?: boolean;
  fuelAndBattery?: FuelAndBatteryJSON;
  vehicleLocation?: VehicleLocationJSON;
  doorsAndWindows?: DoorsAndWindowsJSON;
  conditionBasedServices?: ConditionBasedServiceReportJSON;
  checkControlMessages?: CheckControlMessageReportJSON;
  headunit?: HeadunitJSON;
  climate?: ClimateJSON;
  chargingProfile?: ChargingProfileJSON;
  tires?: TiresJSON;
  availableAttributes: string[];
  driveTrainAttributes: string[];
  hasCombustionDrivetrain: boolean;
  hasElectricDrivetrain: boolean;
  isChargingPlanSupported: boolean;
  isChargingSettingsSupported: boolean;
  isLscEnabled: boolean;
  isRemoteChargeStartEnabled: boolean;
  isRemoteChargeStopEnabled: boolean;
  isRemoteClimateStartEnabled: boolean;
  isRemoteClimateStopEnabled: boolean;
  isRemoteHornEnabled: boolean;
  isRemoteLightsEnabled: boolean;
  isRemoteLockEnabled: boolean;
  isRemoteSendpoiEnabled: boolean;
  isRemoteSetAcLimitEnabled: boolean;
  isRemoteSetTargetSocEnabled: boolean;
  isRemoteUnlockEnabled: boolean;
  isVehicleActive: boolean;
  isVehicleTrackingEnabled: boolean;
  issues: SnapshotIssue[];
  fieldTimes?: Record<string, FieldTimeJSON>;
}

/** One entry of `fieldTimes`: the instant as ISO-8601, the channel and descriptor when known. */
export interface FieldTimeJSON {
  at: string;
  source: SnapshotSource;
  channel?: FieldChannel;
  descriptor?: string;
}

/** `fuelAndBattery` of the JSON form (see `FuelAndBattery`); unknown values are omitted. */
export interface FuelAndBatteryJSON {
  remainingRangeFuel?: ValueWithUnit;
  remainingRangeElectric?: ValueWithUnit;
  remainingRangeTotal?: ValueWithUnit;
  remainingFuel?: ValueWithUnit;
  remainingFuelPercent?: number;
  remainingBatteryPercent?: number;
  chargingStatus?: ChargingState;
  chargingStartTime?: string;
  chargingEndTime?: string;
  isChargerConnected?: boolean;
  chargingTarget?: number;
}

/** `vehicleLocation` of the JSON form (see `VehicleLocation`). */
export interface VehicleLocationJSON {
  location?: GpsPosition;
  heading?: number;
  vehicleUpdateTimestamp?: string;
  accountRegion: Region;
  remoteServicePosition?: { latitude: number; longitude: number; heading?: number; timestamp: string };
}

/** A lid or window of the JSON form. */
export interface LidJSON {
  name: string;
  state: LidState;
  isClosed: boolean;
}

/** `doorsAndWindows` of the JSON form (see `DoorsAndWindows`). */
export interface DoorsAndWindowsJSON {
  doorLockState: LockState;
  lids: LidJSON[];
  windows: LidJSON[];
  openLids: LidJSON[];
  openWindows: LidJSON[];
  allLidsClosed: boolean;
  allWindowsClosed: boolean;
}

/** One condition-based service of the JSON form; `dueDate` is an instant. */
export interface ConditionBasedServiceJSON {
  serviceType: string;
  state: ConditionBasedServiceStatus;
  dueDate?: string;
  dueDistance?: ValueWithUnit;
}

/** `conditionBasedServices` of the JSON form. */
export interface ConditionBasedServiceReportJSON {
  messages: ConditionBasedServiceJSON[];
  isServiceRequired: boolean;
  nextServiceByDistance?: ConditionBasedServiceJSON;
  nextServiceByTime?: ConditionBasedServiceJSON;
}

/** One check-control message of the JSON form. */
export interface CheckControlMessageJSON {
  descriptionShort: string;
  descriptionLong?: string;
  state: CheckControlStatus;
}

/** `checkControlMessages` of the JSON form. */
export interface CheckControlMessageReportJSON {
  messages: CheckControlMessageJSON[];
  hasCheckControlMessages: boolean;
  urgentCheckControlMessages?: string;
}

/** `headunit` of the JSON form. */
export interface HeadunitJSON {
  idriveVersion?: string;
  headunitType?: string;
  softwareVersion?: string;
}

/** `climate` of the JSON form; `activityEndTime` is an instant. */
export interface ClimateJSON {
  activity: ClimateActivityState;
  activityEndTime?: string;
  isClimateOn: boolean;
}

/** A departure timer of the JSON form; `startTime` is `HH:MM:SS`. */
export interface DepartureTimerJSON {
  timerId?: number;
  startTime?: string;
  action?: string;
  weekdays?: string[];
}

/** `chargingProfile` of the JSON form; every part is omitted when unknown. */
export interface ChargingProfileJSON {
  isPreEntryClimatizationEnabled?: boolean;
  timerType?: TimerType;
  departureTimes?: DepartureTimerJSON[];
  preferredChargingWindow?: { startTime: string; endTime: string };
  chargingPreferences?: ChargingPreferences;
  chargingMode?: ChargingMode;
  acCurrentLimit?: number;
  acAvailableLimits?: number[];
  chargingPreferencesServicePack?: string;
}

/** One tyre of the JSON form (kPa; `manufacturingWeek` an instant). */
export interface TireStateJSON {
  currentPressure?: number;
  targetPressure?: number;
  season?: number;
  manufacturingWeek?: string;
}

/** `tires` of the JSON form; a wheel without data is omitted. */
export interface TiresJSON {
  frontLeft?: TireStateJSON;
  frontRight?: TireStateJSON;
  rearLeft?: TireStateJSON;
  rearRight?: TireStateJSON;
}
