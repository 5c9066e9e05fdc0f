import * as v from 'valibot';
import {
  buildCheckControlMessageReport,
  buildClimate,
  buildConditionBasedServiceReport,
  buildDoorsAndWindows,
  buildLid,
} from '../models/derive';
import {
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  ConditionBasedServiceStatus,
  DriveTrainType,
  type EnumValue,
  type EnumWithUnknown,
  FieldChannel,
  LidState,
  LockState,
  LscType,
  lookupEnum,
  parseCarBrand,
  parseEnum,
  parseRegion,
  SnapshotSource,
  TimerType,
} from '../models/enums';
import { PHYSICAL_RANGES } from '../models/physical-ranges';
import { isValidDate, parseTimeOfDay } from '../models/time';
import type { SnapshotBlock, SnapshotIssueCode, TimeOfDay } from '../models/vehicle';

/**
 * The JSON form of a vehicle (docs/json.md) as a valibot schema: its input type is `VehicleJSON`,
 * what `vehicleToJSON` returns, and its output is the `VehicleSnapshot` that `vehicleFromJSON` gives
 * back (instants become Dates, times of day `{ hour, minute }`, derived fields are recomputed by the
 * same builders every source uses). Every validation names what it expected and never the value
 * it received, so an error can be shown and logged (a value may be a VIN or a position).
 *
 * Enums with an UNKNOWN member accept any string and read one they do not know as UNKNOWN (a newer
 * bimmer may know more values); brand, region and source must be known; an unknown `channel` of a
 * field time is dropped (it is optional). Keys the form does not have are ignored.
 */

/** `schema`, or the key absent (the JSON form never holds `null` or `undefined`). */
const optional = <S extends v.GenericSchema>(schema: S) => v.exactOptional(schema);

const string = v.string();
const boolean = v.boolean();
const finite = v.pipe(v.number(), v.finite('a finite number'));

/** ISO-8601 date and time with a zone; years of 4 to 6 digits (with a sign), as `Date#toISOString` writes. */
const ISO_INSTANT = /^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An instant: `2023-01-04T14:57:06Z` becomes a Date. */
const instant = v.pipe(
  v.string(),
  v.regex(ISO_INSTANT, 'an ISO-8601 instant with a zone'),
  v.transform((text) => new Date(text)),
  v.check((date: Date) => isValidDate(date), 'a valid instant'),
);

/** A time of day `HH:MM:SS` (seconds ignored) becomes `{ hour, minute }`. */
const timeOfDay = v.pipe(
  v.string(),
  v.check((text) => parseTimeOfDay(text) !== undefined, 'a time of day (HH:MM:SS)'),
  v.transform((text) => parseTimeOfDay(text) as TimeOfDay),
);

/** A number within one of the physical ranges that also bound the JSON form (positions). */
function within(quantity: 'latitude' | 'longitude') {
  const { min, max } = PHYSICAL_RANGES[quantity];
  return v.pipe(
    finite,
    v.minValue(min, `a ${quantity} >= ${min}`),
    v.maxValue(max, `a ${quantity} <= ${max}`),
  );
}

/** An enum with an UNKNOWN member: any string; one it does not know is UNKNOWN. */
function enumWithUnknown<E extends EnumWithUnknown>(values: E) {
  return v.pipe(
    v.custom<EnumValue<E>>((input) => typeof input === 'string', 'a string'),
    v.transform((input) => parseEnum(values, input)),
  );
}

/** An enum without UNKNOWN: a value `parse` knows (case-insensitively), normalised by it. */
function knownValue<T extends string>(parse: (raw: unknown) => T | undefined, expected: string) {
  return v.pipe(
    v.custom<T>((input) => parse(input) !== undefined, expected),
    v.transform((input) => parse(input) as T),
  );
}

const source = knownValue((raw) => lookupEnum(SnapshotSource, raw), 'mybmw or cardata');
const region = knownValue(parseRegion, 'rest_of_world, north_america or china');
const brand = knownValue(parseCarBrand, 'bmw, mini or toyota');

/** `{ value, unit }`. */
const ValueWithUnitJsonSchema = v.object({ value: finite, unit: string });

const GpsPositionJsonSchema = v.object({ latitude: within('latitude'), longitude: within('longitude') });

const FieldTimeJsonSchema = v.object({
  at: instant,
  source,
  channel: optional(
    v.pipe(
      v.custom<FieldChannel>((input) => typeof input === 'string', 'a string'),
      v.transform((input) => lookupEnum(FieldChannel, input)),
    ),
  ),
  descriptor: optional(string),
});

/** Every block, keyed so that the compiler sees a block added to `SnapshotBlock` but not here. */
const SNAPSHOT_BLOCKS: Readonly<Record<SnapshotBlock, true>> = {
  identity: true,
  capabilities: true,
  status: true,
  fuelAndBattery: true,
  vehicleLocation: true,
  doorsAndWindows: true,
  conditionBasedServices: true,
  checkControlMessages: true,
  headunit: true,
  climate: true,
  chargingProfile: true,
  tires: true,
};

const ISSUE_CODES: Readonly<Record<SnapshotIssueCode, true>> = {
  invalid: true,
  'unknown-enum': true,
  'invalid-time': true,
  unusable: true,
};

const SnapshotIssueJsonSchema = v.object({
  block: v.custom<SnapshotBlock>(
    (input) => typeof input === 'string' && Object.hasOwn(SNAPSHOT_BLOCKS, input),
    'a snapshot block',
  ),
  path: string,
  code: v.custom<SnapshotIssueCode>(
    (input) => typeof input === 'string' && Object.hasOwn(ISSUE_CODES, input),
    'an issue code',
  ),
  message: string,
});

const FuelAndBatteryJsonSchema = v.object({
  remainingRangeFuel: optional(ValueWithUnitJsonSchema),
  remainingRangeElectric: optional(ValueWithUnitJsonSchema),
  remainingRangeTotal: optional(ValueWithUnitJsonSchema),
  remainingFuel: optional(ValueWithUnitJsonSchema),
  remainingFuelPercent: optional(finite),
  remainingBatteryPercent: optional(finite),
  chargingStatus: optional(enumWithUnknown(ChargingState)),
  chargingStartTime: optional(instant),
  chargingEndTime: optional(instant),
  isChargerConnected: optional(boolean),
  chargingTarget: optional(finite),
});

const VehicleLocationJsonSchema = v.object({
  location: optional(GpsPositionJsonSchema),
  heading: optional(finite),
  vehicleUpdateTimestamp: optional(instant),
  accountRegion: region,
  remoteServicePosition: optional(
    v.object({
      latitude: within('latitude'),
      longitude: within('longitude'),
      heading: optional(finite),
      timestamp: instant,
    }),
  ),
});

const LidJsonSchema = v.pipe(
  v.object({ name: string, state: enumWithUnknown(LidState), isClosed: boolean }),
  v.transform((lid) => buildLid(lid.name, lid.state)),
);

const DoorsAndWindowsJsonSchema = v.pipe(
  v.object({
    doorLockState: enumWithUnknown(LockState),
    lids: v.array(LidJsonSchema),
    windows: v.array(LidJsonSchema),
    openLids: v.array(LidJsonSchema),
    openWindows: v.array(LidJsonSchema),
    allLidsClosed: boolean,
    allWindowsClosed: boolean,
  }),
  v.transform((dw) =>
    buildDoorsAndWindows({ doorLockState: dw.doorLockState, lids: dw.lids, windows: dw.windows }),
  ),
);

const ConditionBasedServiceJsonSchema = v.object({
  serviceType: string,
  state: enumWithUnknown(ConditionBasedServiceStatus),
  dueDate: optional(instant),
  dueDistance: optional(ValueWithUnitJsonSchema),
});

const ConditionBasedServiceReportJsonSchema = v.pipe(
  v.object({
    messages: v.array(ConditionBasedServiceJsonSchema),
    isServiceRequired: boolean,
    nextServiceByDistance: optional(ConditionBasedServiceJsonSchema),
    nextServiceByTime: optional(ConditionBasedServiceJsonSchema),
  }),
  v.transform((report) => buildConditionBasedServiceReport(report.messages)),
);

const CheckControlMessageJsonSchema = v.object({
  descriptionShort: string,
  descriptionLong: optional(string),
  state: enumWithUnknown(CheckControlStatus),
});

const CheckControlMessageReportJsonSchema = v.pipe(
  v.object({
    messages: v.array(CheckControlMessageJsonSchema),
    hasCheckControlMessages: boolean,
    urgentCheckControlMessages: optional(string),
  }),
  v.transform((report) => buildCheckControlMessageReport(report.messages)),
);

const HeadunitJsonSchema = v.object({
  idriveVersion: optional(string),
  headunitType: optional(string),
  softwareVersion: optional(string),
});

const ClimateJsonSchema = v.pipe(
  v.object({
    activity: enumWithUnknown(ClimateActivityState),
    activityEndTime: optional(instant),
    isClimateOn: boolean,
  }),
  v.transform((climate) => buildClimate(climate.activity, climate.activityEndTime)),
);

const DepartureTimerJsonSchema = v.object({
  timerId: optional(finite),
  startTime: optional(timeOfDay),
  action: optional(string),
  weekdays: optional(v.array(string)),
});

const ChargingProfileJsonSchema = v.object({
  isPreEntryClimatizationEnabled: optional(boolean),
  timerType: optional(enumWithUnknown(TimerType)),
  departureTimes: optional(v.array(DepartureTimerJsonSchema)),
  preferredChargingWindow: optional(v.object({ startTime: timeOfDay, endTime: timeOfDay })),
  chargingPreferences: optional(enumWithUnknown(ChargingPreferences)),
  chargingMode: optional(enumWithUnknown(ChargingMode)),
  acCurrentLimit: optional(finite),
  acAvailableLimits: optional(v.array(finite)),
  chargingPreferencesServicePack: optional(string),
});

const TireStateJsonSchema = v.object({
  currentPressure: optional(finite),
  targetPressure: optional(finite),
  season: optional(finite),
  manufacturingWeek: optional(instant),
});

const TiresJsonSchema = v.object({
  frontLeft: optional(TireStateJsonSchema),
  frontRight: optional(TireStateJsonSchema),
  rearLeft: optional(TireStateJsonSchema),
  rearRight: optional(TireStateJsonSchema),
});

/** The JSON form of a vehicle; parsing it gives the snapshot (see the module comment). */
export const VehicleJsonSchema = v.object({
  vin: v.pipe(string, v.nonEmpty('a VIN')),
  source,
  fetchedAt: instant,
  region,
  name: optional(string),
  brand,
  driveTrain: enumWithUnknown(DriveTrainType),
  bodyType: optional(string),
  year: optional(finite),
  countryOfOrigin: optional(string),
  mileage: optional(ValueWithUnitJsonSchema),
  timestamp: optional(instant),
  lscType: enumWithUnknown(LscType),
  isMoving: optional(boolean),
  fuelAndBattery: optional(FuelAndBatteryJsonSchema),
  vehicleLocation: optional(VehicleLocationJsonSchema),
  doorsAndWindows: optional(DoorsAndWindowsJsonSchema),
  conditionBasedServices: optional(ConditionBasedServiceReportJsonSchema),
  checkControlMessages: optional(CheckControlMessageReportJsonSchema),
  headunit: optional(HeadunitJsonSchema),
  climate: optional(ClimateJsonSchema),
  chargingProfile: optional(ChargingProfileJsonSchema),
  tires: optional(TiresJsonSchema),
  availableAttributes: v.array(string),
  driveTrainAttributes: v.array(string),
  hasCombustionDrivetrain: boolean,
  hasElectricDrivetrain: boolean,
  isChargingPlanSupported: boolean,
  isChargingSettingsSupported: boolean,
  isLscEnabled: boolean,
  isRemoteChargeStartEnabled: boolean,
  isRemoteChargeStopEnabled: boolean,
  isRemoteClimateStartEnabled: boolean,
  isRemoteClimateStopEnabled: boolean,
  isRemoteHornEnabled: boolean,
  isRemoteLightsEnabled: boolean,
  isRemoteLockEnabled: boolean,
  isRemoteSendpoiEnabled: boolean,
  isRemoteSetAcLimitEnabled: boolean,
  isRemoteSetTargetSocEnabled: boolean,
  isRemoteUnlockEnabled: boolean,
  isVehicleActive: boolean,
  isVehicleTrackingEnabled: boolean,
  issues: v.array(SnapshotIssueJsonSchema),
  fieldTimes: optional(v.record(string, FieldTimeJsonSchema)),
});

/**
 * The JSON form of a vehicle (what `vehicleToJSON` returns, the CLI prints and Node-RED emits).
 * Times are ISO-8601 strings in UTC (`2023-01-04T14:57:06Z`), times of day `HH:MM:SS`, enums their
 * string values, values with a unit `{ value, unit }`. A key whose value is unknown is omitted
 * (never `null`). See docs/json.md.
 */
export type VehicleJSON = v.InferInput<typeof VehicleJsonSchema>;
/** One entry of `fieldTimes`: the instant as ISO-8601, the channel and descriptor when known. */
export type FieldTimeJSON = v.InferInput<typeof FieldTimeJsonSchema>;
/** `fuelAndBattery` of the JSON form (see `FuelAndBattery`); unknown values are omitted. */
export type FuelAndBatteryJSON = v.InferInput<typeof FuelAndBatteryJsonSchema>;
/** `vehicleLocation` of the JSON form (see `VehicleLocation`). */
export type VehicleLocationJSON = v.InferInput<typeof VehicleLocationJsonSchema>;
/** A lid or window of the JSON form. */
export type LidJSON = v.InferInput<typeof LidJsonSchema>;
/** `doorsAndWindows` of the JSON form (see `DoorsAndWindows`). */
export type DoorsAndWindowsJSON = v.InferInput<typeof DoorsAndWindowsJsonSchema>;
/** One condition-based service of the JSON form; `dueDate` is an instant. */
export type ConditionBasedServiceJSON = v.InferInput<typeof ConditionBasedServiceJsonSchema>;
/** `conditionBasedServices` of the JSON form. */
export type ConditionBasedServiceReportJSON = v.InferInput<typeof ConditionBasedServiceReportJsonSchema>;
/** One check-control message of the JSON form. */
export type CheckControlMessageJSON = v.InferInput<typeof CheckControlMessageJsonSchema>;
/** `checkControlMessages` of the JSON form. */
export type CheckControlMessageReportJSON = v.InferInput<typeof CheckControlMessageReportJsonSchema>;
/** `headunit` of the JSON form. */
export type HeadunitJSON = v.InferInput<typeof HeadunitJsonSchema>;
/** `climate` of the JSON form; `activityEndTime` is an instant. */
export type ClimateJSON = v.InferInput<typeof ClimateJsonSchema>;
/** A departure timer of the JSON form; `startTime` is `HH:MM:SS`. */
export type DepartureTimerJSON = v.InferInput<typeof DepartureTimerJsonSchema>;
/** `chargingProfile` of the JSON form; every part is omitted when unknown. */
export type ChargingProfileJSON = v.InferInput<typeof ChargingProfileJsonSchema>;
/** One tyre of the JSON form (kPa; `manufacturingWeek` an instant). */
export type TireStateJSON = v.InferInput<typeof TireStateJsonSchema>;
/** `tires` of the JSON form; a wheel without data is omitted. */
export type TiresJSON = v.InferInput<typeof TiresJsonSchema>;
