import {
  CheckControlStatus,
  ClimateActivityState,
  COMBUSTION_ENGINE_DRIVE_TRAINS,
  ConditionBasedServiceStatus,
  type DriveTrainType,
  HV_BATTERY_DRIVE_TRAINS,
  LidState,
  LockState,
} from './enums';
import type {
  CheckControlMessage,
  CheckControlMessageReport,
  Climate,
  ConditionBasedService,
  ConditionBasedServiceReport,
  DoorsAndWindows,
  Lid,
  Window,
} from './vehicle';

/**
 * Builders that compute the derived fields of a block from its base data. Every source (MyBMW,
 * CarData) builds blocks through them, so derived values always agree with the data.
 */

/** A lid (or window) with `isClosed` computed. */
export function buildLid(name: string, state: LidState): Lid {
  return { name, state, isClosed: state === LidState.CLOSED };
}

/** Doors and windows with open lists and all-closed flags computed. */
export function buildDoorsAndWindows(input: {
  doorLockState?: LockState | undefined;
  lids?: readonly Lid[] | undefined;
  windows?: readonly Window[] | undefined;
}): DoorsAndWindows {
  const lids = input.lids ?? [];
  const windows = input.windows ?? [];
  const openLids = lids.filter((lid) => !lid.isClosed);
  const openWindows = windows.filter((window) => !window.isClosed);
  return {
    doorLockState: input.doorLockState ?? LockState.UNKNOWN,
    lids,
    windows,
    openLids,
    openWindows,
    allLidsClosed: openLids.length === 0,
    allWindowsClosed: openWindows.length === 0,
  };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A report with `isServiceRequired` and the next services computed. The next service by distance
 * is the one with the smallest due distance, by time the one with the earliest due date; ties go
 * to the alphabetically first service type (as bimmer_connected sorts).
 */
export function buildConditionBasedServiceReport(
  messages: readonly ConditionBasedService[],
): ConditionBasedServiceReport {
  const byDistance = messages
    .filter((m) => m.dueDistance !== undefined)
    .sort(
      (a, b) =>
        (a.dueDistance?.value ?? 0) - (b.dueDistance?.value ?? 0) ||
        compareKeys(a.serviceType, b.serviceType),
    );
  const byTime = messages
    .filter((m) => m.dueDate !== undefined)
    .sort(
      (a, b) =>
        (a.dueDate?.getTime() ?? 0) - (b.dueDate?.getTime() ?? 0) ||
        compareKeys(a.serviceType, b.serviceType),
    );
  return {
    messages,
    isServiceRequired: messages.some((m) => m.state !== ConditionBasedServiceStatus.OK),
    nextServiceByDistance: byDistance[0],
    nextServiceByTime: byTime[0],
  };
}

/**
 * A report from all messages: OK ones are dropped, LOW ones kept; messages above LOW count as
 * check-control messages and make up `urgentCheckControlMessages`.
 */
export function buildCheckControlMessageReport(
  messages: readonly CheckControlMessage[],
): CheckControlMessageReport {
  const kept = messages.filter((m) => m.state !== CheckControlStatus.OK);
  const urgent = kept.filter((m) => m.state !== CheckControlStatus.LOW);
  return {
    messages: kept,
    hasCheckControlMessages: urgent.length > 0,
    urgentCheckControlMessages:
      urgent.length > 0 ? urgent.map((m) => m.descriptionShort).join(', ') : undefined,
  };
}

/** Climate with `isClimateOn` computed (COOLING or HEATING). */
export function buildClimate(activity: ClimateActivityState, activityEndTime?: Date): Climate {
  return {
    activity,
    activityEndTime,
    isClimateOn: activity === ClimateActivityState.COOLING || activity === ClimateActivityState.HEATING,
  };
}

/** True for drive trains with a combustion engine. */
export function hasCombustionDrivetrain(driveTrain: DriveTrainType): boolean {
  return COMBUSTION_ENGINE_DRIVE_TRAINS.includes(driveTrain);
}

/** True for drive trains with a high-voltage battery. */
export function hasElectricDrivetrain(driveTrain: DriveTrainType): boolean {
  return HV_BATTERY_DRIVE_TRAINS.includes(driveTrain);
}

const ELECTRIC_ATTRIBUTES = [
  'chargingTimeRemaining',
  'chargingStartTime',
  'chargingEndTime',
  'chargingTimeLabel',
  'chargingStatus',
  'connectionStatus',
  'remainingBatteryPercent',
  'remainingRangeElectric',
  'lastChargingEndResult',
  'acCurrentLimit',
  'chargingTarget',
  'chargingMode',
  'chargingPreferences',
  'isPreEntryClimatizationEnabled',
] as const;

const COMBUSTION_ATTRIBUTES = ['remainingFuel', 'remainingRangeFuel', 'remainingFuelPercent'] as const;

/**
 * The attribute names of a drive train, in bimmer_connected's order (camelCase; some are legacy
 * names without a field of their own).
 */
export function driveTrainAttributes(driveTrain: DriveTrainType): string[] {
  const names: string[] = ['remainingRangeTotal', 'mileage'];
  if (hasElectricDrivetrain(driveTrain)) names.push(...ELECTRIC_ATTRIBUTES);
  if (hasCombustionDrivetrain(driveTrain)) names.push(...COMBUSTION_ATTRIBUTES);
  return names;
}

/**
 * The attribute names a vehicle reports: always `gpsPosition` and `vin`; with last-state-call also
 * the drive-train attributes, services, messages, lock state, timestamp, lids and windows.
 */
export function availableAttributes(driveTrain: DriveTrainType, isLscEnabled: boolean): string[] {
  const names = ['gpsPosition', 'vin'];
  if (isLscEnabled) {
    names.push(...driveTrainAttributes(driveTrain));
    names.push(
      'conditionBasedServices',
      'checkControlMessages',
      'doorLockState',
      'timestamp',
      'lids',
      'windows',
    );
  }
  return names;
}

/**
 * bimmer_connected's `to_camel_case`: lower-cases, drops non-alphanumerics, and an underscore
 * upper-cases the next kept character (`SUN_ROOF` -> `sunRoof`).
 */
export function toCamelCase(input: string): string {
  let out = '';
  let upper = false;
  for (const ch of input.toLowerCase()) {
    if (ch === '_') {
      upper = true;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}
