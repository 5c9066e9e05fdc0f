import { BimmerValidationError } from '../errors/index';
import {
  buildCheckControlMessageReport,
  buildClimate,
  buildConditionBasedServiceReport,
  buildDoorsAndWindows,
  buildLid,
} from '../models/derive';
import {
  CarBrand,
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  ConditionBasedServiceStatus,
  DriveTrainType,
  type EnumWithUnknown,
  FieldChannel,
  LidState,
  LockState,
  LscType,
  lookupEnum,
  parseEnum,
  parseRegion,
  Region,
  SnapshotSource,
  TimerType,
} from '../models/enums';
import { isValidGpsPosition } from '../models/gps';
import { parseTimeOfDay } from '../models/time';
import type {
  ChargingProfile,
  ConditionBasedService,
  FieldTime,
  Lid,
  SnapshotIssue,
  TimeOfDay,
  TireState,
  ValueWithUnit,
  VehicleSnapshot,
} from '../models/vehicle';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean => v === true;
const optionalBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string') : undefined;

function instant(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const date = new Date(v);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function vwu(v: unknown): ValueWithUnit | undefined {
  const o = obj(v);
  const value = num(o?.value);
  const unit = str(o?.unit);
  return value === undefined || unit === undefined ? undefined : { value, unit };
}

const enumOr = <E extends EnumWithUnknown>(values: E, v: unknown) => parseEnum(values, v);
const time = (v: unknown): TimeOfDay | undefined => parseTimeOfDay(v);

function lids(v: unknown): Lid[] {
  return arr(v).flatMap((l) => {
    const o = obj(l);
    const name = str(o?.name);
    return name === undefined ? [] : [buildLid(name, enumOr(LidState, o?.state))];
  });
}

function cbs(v: unknown): ConditionBasedService | undefined {
  const o = obj(v);
  const serviceType = str(o?.serviceType);
  if (serviceType === undefined) return undefined;
  return {
    serviceType,
    state: enumOr(ConditionBasedServiceStatus, o?.state),
    dueDate: instant(o?.dueDate),
    dueDistance: vwu(o?.dueDistance),
  };
}

function tire(v: unknown): TireState | undefined {
  const o = obj(v);
  if (o === undefined) return undefined;
  return {
    currentPressure: num(o.currentPressure),
    targetPressure: num(o.targetPressure),
    season: num(o.season),
    manufacturingWeek: instant(o.manufacturingWeek),
  };
}

function chargingProfile(v: unknown): ChargingProfile | undefined {
  const o = obj(v);
  if (o === undefined) return undefined;
  const window = obj(o.preferredChargingWindow);
  const windowStart = time(window?.startTime);
  const windowEnd = time(window?.endTime);
  return {
    isPreEntryClimatizationEnabled: optionalBool(o.isPreEntryClimatizationEnabled),
    timerType: o.timerType === undefined ? undefined : enumOr(TimerType, o.timerType),
    departureTimes: Array.isArray(o.departureTimes)
      ? o.departureTimes.flatMap((t) => {
          const d = obj(t);
          if (d === undefined) return [];
          return {
            timerId: num(d.timerId),
            startTime: time(d.startTime),
            action: str(d.action),
            weekdays: strings(d.weekdays),
          };
        })
      : undefined,
    preferredChargingWindow:
      windowStart === undefined || windowEnd === undefined
        ? undefined
        : { startTime: windowStart, endTime: windowEnd },
    chargingPreferences:
      o.chargingPreferences === undefined ? undefined : enumOr(ChargingPreferences, o.chargingPreferences),
    chargingMode: o.chargingMode === undefined ? undefined : enumOr(ChargingMode, o.chargingMode),
    acCurrentLimit: num(o.acCurrentLimit),
    acAvailableLimits: Array.isArray(o.acAvailableLimits)
      ? o.acAvailableLimits.filter((x): x is number => num(x) !== undefined)
      : undefined,
    chargingPreferencesServicePack: str(o.chargingPreferencesServicePack),
  };
}

/**
 * Turns the JSON form (`vehicleToJSON`, docs/json.md) back into a snapshot: instants become Dates,
 * times of day `{ hour, minute }`, derived fields are recomputed from the data. Unknown keys are
 * ignored, bad values dropped. Throws `BimmerValidationError` when `vin` or `fetchedAt` is missing.
 */
export function vehicleFromJSON(json: unknown): VehicleSnapshot {
  const j = obj(json);
  const vin = str(j?.vin);
  const fetchedAt = instant(j?.fetchedAt);
  if (j === undefined || vin === undefined || vin === '' || fetchedAt === undefined) {
    throw new BimmerValidationError('Not the JSON form of a vehicle: it needs a vin and a fetchedAt.', {
      paths: ['vin', 'fetchedAt'],
      hint: 'Pass what vehicleToJSON returned.',
      action: 'check-input',
    });
  }
  const region = parseRegion(j.region) ?? Region.REST_OF_WORLD;
  const fb = obj(j.fuelAndBattery);
  const loc = obj(j.vehicleLocation);
  const dw = obj(j.doorsAndWindows);
  const cbsReport = obj(j.conditionBasedServices);
  const ccm = obj(j.checkControlMessages);
  const hu = obj(j.headunit);
  const cl = obj(j.climate);
  const tires = obj(j.tires);
  const remote = obj(loc?.remoteServicePosition);
  const position = obj(loc?.location);
  const remoteTimestamp = instant(remote?.timestamp);
  const fieldTimes: Record<string, FieldTime> = {};
  for (const [path, value] of Object.entries(obj(j.fieldTimes) ?? {})) {
    const entry = obj(value);
    const at = instant(entry?.at);
    const source = lookupEnum(SnapshotSource, entry?.source);
    if (at === undefined || source === undefined) continue;
    fieldTimes[path] = {
      at,
      source,
      channel: lookupEnum(FieldChannel, entry?.channel),
      descriptor: str(entry?.descriptor),
    };
  }
  const issues: SnapshotIssue[] = arr(j.issues).flatMap((i) => {
    const o = obj(i);
    const path = str(o?.path);
    const message = str(o?.message);
    if (o === undefined || path === undefined || message === undefined) return [];
    return [{ block: o.block, path, code: o.code, message } as SnapshotIssue];
  });
  return {
    vin,
    source: lookupEnum(SnapshotSource, j.source) ?? SnapshotSource.MYBMW,
    fetchedAt,
    region,
    fieldTimes: Object.keys(fieldTimes).length > 0 ? fieldTimes : undefined,
    issues,
    name: str(j.name),
    brand: lookupEnum(CarBrand, j.brand) ?? CarBrand.BMW,
    driveTrain: enumOr(DriveTrainType, j.driveTrain),
    bodyType: str(j.bodyType),
    year: num(j.year),
    countryOfOrigin: str(j.countryOfOrigin),
    mileage: vwu(j.mileage),
    timestamp: instant(j.timestamp),
    lscType: enumOr(LscType, j.lscType),
    isMoving: optionalBool(j.isMoving),
    fuelAndBattery: fb && {
      remainingRangeFuel: vwu(fb.remainingRangeFuel),
      remainingRangeElectric: vwu(fb.remainingRangeElectric),
      remainingRangeTotal: vwu(fb.remainingRangeTotal),
      remainingFuel: vwu(fb.remainingFuel),
      remainingFuelPercent: num(fb.remainingFuelPercent),
      remainingBatteryPercent: num(fb.remainingBatteryPercent),
      chargingStatus: fb.chargingStatus === undefined ? undefined : enumOr(ChargingState, fb.chargingStatus),
      chargingStartTime: instant(fb.chargingStartTime),
      chargingEndTime: instant(fb.chargingEndTime),
      isChargerConnected: optionalBool(fb.isChargerConnected),
      chargingTarget: num(fb.chargingTarget),
    },
    vehicleLocation: loc && {
      location:
        position && isValidGpsPosition({ latitude: position.latitude, longitude: position.longitude })
          ? { latitude: position.latitude as number, longitude: position.longitude as number }
          : undefined,
      heading: num(loc.heading),
      vehicleUpdateTimestamp: instant(loc.vehicleUpdateTimestamp),
      accountRegion: parseRegion(loc.accountRegion) ?? region,
      remoteServicePosition:
        remote &&
        remoteTimestamp &&
        isValidGpsPosition({ latitude: remote.latitude, longitude: remote.longitude })
          ? {
              latitude: remote.latitude as number,
              longitude: remote.longitude as number,
              heading: num(remote.heading),
              timestamp: remoteTimestamp,
            }
          : undefined,
    },
    doorsAndWindows:
      dw &&
      buildDoorsAndWindows({
        doorLockState: enumOr(LockState, dw.doorLockState),
        lids: lids(dw.lids),
        windows: lids(dw.windows),
      }),
    conditionBasedServices:
      cbsReport &&
      buildConditionBasedServiceReport(
        arr(cbsReport.messages).flatMap((m) => {
          const service = cbs(m);
          return service === undefined ? [] : [service];
        }),
      ),
    checkControlMessages:
      ccm &&
      buildCheckControlMessageReport(
        arr(ccm.messages).flatMap((m) => {
          const o = obj(m);
          const descriptionShort = str(o?.descriptionShort);
          if (descriptionShort === undefined) return [];
          return [
            {
              descriptionShort,
              descriptionLong: str(o?.descriptionLong),
              state: enumOr(CheckControlStatus, o?.state),
            },
          ];
        }),
      ),
    headunit: hu && {
      idriveVersion: str(hu.idriveVersion),
      headunitType: str(hu.headunitType),
      softwareVersion: str(hu.softwareVersion),
    },
    climate: cl && buildClimate(enumOr(ClimateActivityState, cl.activity), instant(cl.activityEndTime)),
    chargingProfile: chargingProfile(j.chargingProfile),
    tires: tires && {
      frontLeft: tire(tires.frontLeft),
      frontRight: tire(tires.frontRight),
      rearLeft: tire(tires.rearLeft),
      rearRight: tire(tires.rearRight),
    },
    hasCombustionDrivetrain: bool(j.hasCombustionDrivetrain),
    hasElectricDrivetrain: bool(j.hasElectricDrivetrain),
    driveTrainAttributes: strings(j.driveTrainAttributes) ?? [],
    availableAttributes: strings(j.availableAttributes) ?? [],
    isChargingPlanSupported: bool(j.isChargingPlanSupported),
    isChargingSettingsSupported: bool(j.isChargingSettingsSupported),
    isLscEnabled: bool(j.isLscEnabled),
    isRemoteChargeStartEnabled: bool(j.isRemoteChargeStartEnabled),
    isRemoteChargeStopEnabled: bool(j.isRemoteChargeStopEnabled),
    isRemoteClimateStartEnabled: bool(j.isRemoteClimateStartEnabled),
    isRemoteClimateStopEnabled: bool(j.isRemoteClimateStopEnabled),
    isRemoteHornEnabled: bool(j.isRemoteHornEnabled),
    isRemoteLightsEnabled: bool(j.isRemoteLightsEnabled),
    isRemoteLockEnabled: bool(j.isRemoteLockEnabled),
    isRemoteSendpoiEnabled: bool(j.isRemoteSendpoiEnabled),
    isRemoteSetAcLimitEnabled: bool(j.isRemoteSetAcLimitEnabled),
    isRemoteSetTargetSocEnabled: bool(j.isRemoteSetTargetSocEnabled),
    isRemoteUnlockEnabled: bool(j.isRemoteUnlockEnabled),
    isVehicleActive: bool(j.isVehicleActive),
    isVehicleTrackingEnabled: bool(j.isVehicleTrackingEnabled),
  };
}
