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
} from './enums';

/**
 * A number with its unit, e.g. `{ value: 1121, unit: 'km' }`. An empty value (bimmer_connected's
 * `ValueWithUnit(None, None)`) is `undefined`, never `{ value: null }`.
 */
export interface ValueWithUnit {
  readonly value: number;
  readonly unit: string;
}

/** A WGS-84 position in degrees. */
export interface GpsPosition {
  readonly latitude: number;
  readonly longitude: number;
}

/** A wall-clock time of day (no date, no zone), as the charging window and timers use. */
export interface TimeOfDay {
  /** 0..23 */
  readonly hour: number;
  /** 0..59 */
  readonly minute: number;
}

/** Fuel levels, battery and ranges (bimmer_connected `FuelAndBattery`). */
export interface FuelAndBattery {
  /** Range on fuel alone (for a plug-in hybrid: total minus electric range). */
  readonly remainingRangeFuel?: ValueWithUnit | undefined;
  readonly remainingRangeElectric?: ValueWithUnit | undefined;
  readonly remainingRangeTotal?: ValueWithUnit | undefined;
  /** Fuel in the tank, in litres. */
  readonly remainingFuel?: ValueWithUnit | undefined;
  readonly remainingFuelPercent?: number | undefined;
  /** State of charge of the high-voltage battery, 0..100. */
  readonly remainingBatteryPercent?: number | undefined;
  readonly chargingStatus?: ChargingState | undefined;
  /** When a waiting vehicle starts charging (next start of its charging window). */
  readonly chargingStartTime?: Date | undefined;
  /** When charging ends: fetch time plus the remaining charging minutes. */
  readonly chargingEndTime?: Date | undefined;
  /** A charging cable is plugged in. Undefined when the source does not say (MyBMW always does). */
  readonly isChargerConnected?: boolean | undefined;
  /** Target state of charge, percent. */
  readonly chargingTarget?: number | undefined;
}

/** A position delivered by the vehicle finder remote service. */
export interface RemoteServicePosition extends GpsPosition {
  readonly heading?: number | undefined;
  /** When the finder result was received. */
  readonly timestamp: Date;
}

/** Position of the vehicle (bimmer_connected `VehicleLocation`). */
export interface VehicleLocation {
  /** WGS-84 (China accounts: converted from GCJ-02). */
  readonly location?: GpsPosition | undefined;
  /** Heading in degrees. */
  readonly heading?: number | undefined;
  /** When the vehicle last reported its state. */
  readonly vehicleUpdateTimestamp?: Date | undefined;
  readonly accountRegion: Region;
  /** The last vehicle-finder result, when one was applied (see `applyRemoteServicePosition`). */
  readonly remoteServicePosition?: RemoteServicePosition | undefined;
}

/** A door, hood, trunk or sunroof. */
export interface Lid {
  /** The API's key, e.g. `leftFront`, `hood`, `sunRoof`. */
  readonly name: string;
  readonly state: LidState;
  /** `state === CLOSED`. */
  readonly isClosed: boolean;
}

/** A window; same shape as a lid. */
export type Window = Lid;

/** Doors, lids, windows and the lock state (bimmer_connected `DoorsAndWindows`). */
export interface DoorsAndWindows {
  readonly doorLockState: LockState;
  /** Doors, hood, trunk, and the sunroof when the vehicle has one (last). */
  readonly lids: readonly Lid[];
  readonly windows: readonly Window[];
  /** Lids whose state is anything but CLOSED. */
  readonly openLids: readonly Lid[];
  readonly openWindows: readonly Window[];
  /** No open lid (also true when there are no lids). */
  readonly allLidsClosed: boolean;
  readonly allWindowsClosed: boolean;
}

/** One condition-based service (maintenance item). */
export interface ConditionBasedService {
  /** e.g. `BRAKE_FLUID`, `VEHICLE_CHECK`, `OIL`. */
  readonly serviceType: string;
  readonly state: ConditionBasedServiceStatus;
  readonly dueDate?: Date | undefined;
  readonly dueDistance?: ValueWithUnit | undefined;
}

/** All condition-based services (bimmer_connected `ConditionBasedServiceReport`). */
export interface ConditionBasedServiceReport {
  readonly messages: readonly ConditionBasedService[];
  /** Some service's state is not OK. */
  readonly isServiceRequired: boolean;
  readonly nextServiceByDistance?: ConditionBasedService | undefined;
  readonly nextServiceByTime?: ConditionBasedService | undefined;
}

/** One check-control message (a warning in the instrument cluster). */
export interface CheckControlMessage {
  /** The API's `type`, e.g. `ENGINE_OIL`. */
  readonly descriptionShort: string;
  readonly descriptionLong?: string | undefined;
  readonly state: CheckControlStatus;
}

/** All check-control messages (bimmer_connected `CheckControlMessageReport`). */
export interface CheckControlMessageReport {
  /** Messages whose severity is not OK (LOW ones included). */
  readonly messages: readonly CheckControlMessage[];
  /** At least one message above LOW. */
  readonly hasCheckControlMessages: boolean;
  /** Short descriptions of the messages above LOW, joined by ", ". */
  readonly urgentCheckControlMessages?: string | undefined;
}

/** The head unit (bimmer_connected `Headunit`). */
export interface Headunit {
  /** e.g. `ID8`. */
  readonly idriveVersion?: string | undefined;
  /** e.g. `MGU`, `NBT`, `NBT_EVO`. */
  readonly headunitType?: string | undefined;
  /** e.g. `11/2021.70` (month/year.iStep). */
  readonly softwareVersion?: string | undefined;
}

/** Climate control (bimmer_connected `Climate`). */
export interface Climate {
  readonly activity: ClimateActivityState;
  readonly activityEndTime?: Date | undefined;
  /** COOLING or HEATING (VENTILATION does not count). */
  readonly isClimateOn: boolean;
}

/** A departure timer of the charging profile. */
export interface DepartureTimer {
  readonly timerId?: number | undefined;
  readonly startTime?: TimeOfDay | undefined;
  /** e.g. `ACTIVATE`, `DEACTIVATE`. */
  readonly action?: string | undefined;
  /** e.g. `['MONDAY', 'TUESDAY']`. */
  readonly weekdays?: readonly string[] | undefined;
}

/** The preferred (off-peak) charging window. */
export interface ChargingWindow {
  readonly startTime: TimeOfDay;
  readonly endTime: TimeOfDay;
}

/**
 * Charging profile (bimmer_connected `ChargingProfile`). MyBMW always fills every part; other
 * sources (CarData knows only the AC current limit) leave what they do not know undefined rather
 * than inventing neutral values.
 */
export interface ChargingProfile {
  /** Precondition the cabin for departure. */
  readonly isPreEntryClimatizationEnabled?: boolean | undefined;
  readonly timerType?: TimerType | undefined;
  /** The departure timers; undefined when unknown (an empty list means: none set). */
  readonly departureTimes?: readonly DepartureTimer[] | undefined;
  readonly preferredChargingWindow?: ChargingWindow | undefined;
  readonly chargingPreferences?: ChargingPreferences | undefined;
  readonly chargingMode?: ChargingMode | undefined;
  /** AC current limit in ampere. */
  readonly acCurrentLimit?: number | undefined;
  /** AC current limits that can be set, in ampere. */
  readonly acAvailableLimits?: readonly number[] | undefined;
  /** The charging service pack (e.g. `WAVE_01`); needed by the charging-profile update. */
  readonly chargingPreferencesServicePack?: string | undefined;
}

/** One tyre. Pressures are in kPa, as the API sends them. */
export interface TireState {
  readonly currentPressure?: number | undefined;
  readonly targetPressure?: number | undefined;
  /** The API's season code (e.g. 2). */
  readonly season?: number | undefined;
  /** Monday (00:00 UTC) of the manufacturing week. */
  readonly manufacturingWeek?: Date | undefined;
}

/** All four tyres (bimmer_connected `Tires`). A wheel without data is undefined. */
export interface Tires {
  readonly frontLeft?: TireState | undefined;
  readonly frontRight?: TireState | undefined;
  readonly rearLeft?: TireState | undefined;
  readonly rearRight?: TireState | undefined;
}

/** The blocks of a snapshot; each parses independently. */
export type SnapshotBlock =
  | 'identity'
  | 'capabilities'
  | 'status'
  | 'fuelAndBattery'
  | 'vehicleLocation'
  | 'doorsAndWindows'
  | 'conditionBasedServices'
  | 'checkControlMessages'
  | 'headunit'
  | 'climate'
  | 'chargingProfile'
  | 'tires';

/** Kind of a parse issue. */
export type SnapshotIssueCode =
  /** A value had the wrong type or range and was dropped. */
  | 'invalid'
  /** An enum string was not known; the field is UNKNOWN. */
  | 'unknown-enum'
  /** A timestamp could not be parsed and was dropped. */
  | 'invalid-time'
  /** A whole response or block was unusable. */
  | 'unusable';

/**
 * Something that went wrong while parsing, reported instead of thrown. `path` is a dot path into
 * the input (`state.location.coordinates.latitude`); messages never contain input values.
 */
export interface SnapshotIssue {
  readonly block: SnapshotBlock;
  readonly path: string;
  readonly code: SnapshotIssueCode;
  readonly message: string;
}

/** When and from where one field was last updated (CarData delivers fields at different times). */
export interface FieldTime {
  /** When the value was measured (or fetched, when the source gives no measurement time). */
  readonly at: Date;
  readonly source: SnapshotSource;
  /** Stream or REST, for sources that have both (CarData). */
  readonly channel?: FieldChannel | undefined;
  /** The source's own name of the value, e.g. CarData's `vehicle.drivetrain.batteryManagement.header`. */
  readonly descriptor?: string | undefined;
}

/**
 * Per-field freshness, keyed by the dot path of the field in the snapshot
 * (`fuelAndBattery.remainingBatteryPercent`). Absent entries mean: as of `fetchedAt`.
 */
export type FieldTimes = Readonly<Partial<Record<string, FieldTime>>>;

/** The capability flags of a vehicle (bimmer_connected's `is_*_enabled` / `is_*_supported`). */
export interface VehicleCapabilities {
  readonly isChargingPlanSupported: boolean;
  readonly isChargingSettingsSupported: boolean;
  readonly isLscEnabled: boolean;
  readonly isRemoteChargeStartEnabled: boolean;
  readonly isRemoteChargeStopEnabled: boolean;
  readonly isRemoteClimateStartEnabled: boolean;
  readonly isRemoteClimateStopEnabled: boolean;
  readonly isRemoteHornEnabled: boolean;
  readonly isRemoteLightsEnabled: boolean;
  readonly isRemoteLockEnabled: boolean;
  readonly isRemoteSendpoiEnabled: boolean;
  readonly isRemoteSetAcLimitEnabled: boolean;
  readonly isRemoteSetTargetSocEnabled: boolean;
  readonly isRemoteUnlockEnabled: boolean;
  /** Deprecated upstream; always false. */
  readonly isVehicleActive: boolean;
  readonly isVehicleTrackingEnabled: boolean;
}

/** Name of one capability flag. */
export type CapabilityFlag = keyof VehicleCapabilities;

/**
 * Everything known about one vehicle at one point in time: a plain, JSON-friendly data object
 * (no classes, no hidden state). Built by `parseMyBMWVehicle` (MyBMW) or by the CarData transport.
 * `vehicleToJSON` gives the documented JSON form.
 */
export interface VehicleSnapshot extends VehicleCapabilities {
  readonly vin: string;
  /** Which transport produced this snapshot. */
  readonly source: SnapshotSource;
  /** When the data was fetched (whole seconds, UTC). */
  readonly fetchedAt: Date;
  /** Region of the account the vehicle was read through. */
  readonly region: Region;
  /** Per-field freshness, when fields were fetched at different times (CarData). */
  readonly fieldTimes?: FieldTimes | undefined;
  /** What could not be parsed (dropped fields, unknown enum strings). Empty when all was well. */
  readonly issues: readonly SnapshotIssue[];

  // Identity
  /** Model name, e.g. `i4 eDrive40` (the profile's `model`). */
  readonly name?: string | undefined;
  readonly brand: CarBrand;
  readonly driveTrain: DriveTrainType;
  /** Chassis code, e.g. `G26`. */
  readonly bodyType?: string | undefined;
  /** Model year. */
  readonly year?: number | undefined;
  /** Two-letter country code of the plant. */
  readonly countryOfOrigin?: string | undefined;

  // Status
  /** Odometer, km. */
  readonly mileage?: ValueWithUnit | undefined;
  /** When the vehicle last reported its state (latest `lastFetched`). */
  readonly timestamp?: Date | undefined;
  readonly lscType: LscType;
  /**
   * The vehicle is being driven, as the car itself reports it (CarData `vehicle.isMoving`). Derived
   * trip events use it when it is known; undefined when the source does not say (MyBMW never does).
   */
  readonly isMoving?: boolean | undefined;

  // Blocks
  readonly fuelAndBattery?: FuelAndBattery | undefined;
  readonly vehicleLocation?: VehicleLocation | undefined;
  readonly doorsAndWindows?: DoorsAndWindows | undefined;
  readonly conditionBasedServices?: ConditionBasedServiceReport | undefined;
  readonly checkControlMessages?: CheckControlMessageReport | undefined;
  readonly headunit?: Headunit | undefined;
  readonly climate?: Climate | undefined;
  /** Undefined when the vehicle has no charging profile. */
  readonly chargingProfile?: ChargingProfile | undefined;
  /** Undefined when the vehicle reports no tyres. */
  readonly tires?: Tires | undefined;

  // Derived from the drive train
  readonly hasCombustionDrivetrain: boolean;
  readonly hasElectricDrivetrain: boolean;
  /** Names (camelCase) of the attributes that exist for this drive train. */
  readonly driveTrainAttributes: readonly string[];
  /** Names (camelCase) of the attributes this vehicle reports. */
  readonly availableAttributes: readonly string[];
}
