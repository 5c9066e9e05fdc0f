import { BimmerValidationError } from '../errors/index';
import {
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
} from '../models/derive';
import {
  type CarBrand,
  ChargingMode,
  ChargingPreferences,
  ChargingState,
  CheckControlStatus,
  ClimateActivityState,
  ConditionBasedServiceStatus,
  DriveTrainType,
  type EnumValue,
  type EnumWithUnknown,
  LidState,
  LockState,
  LscType,
  lookupEnum,
  parseCarBrand,
  parseRegion,
  Region,
  SnapshotSource,
  TimerType,
} from '../models/enums';
import { gcj02ToWgs84 } from '../models/gps';
import {
  isValidDate,
  isValidTimeZone,
  nextOccurrence,
  parseDateTime,
  systemTimeZone,
  truncateToSeconds,
  utcDate,
} from '../models/time';
import type {
  ChargingProfile,
  CheckControlMessage,
  Climate,
  ConditionBasedService,
  ConditionBasedServiceReport,
  DepartureTimer,
  DoorsAndWindows,
  FuelAndBattery,
  Headunit,
  Lid,
  SnapshotBlock,
  TimeOfDay,
  TireState,
  Tires,
  ValueWithUnit,
  VehicleLocation,
  VehicleSnapshot,
} from '../models/vehicle';
import { isJsonObject, type JsonObject } from '../util/json-object';
import type { ParseMyBMWVehicleOptions } from './options';
import { IssueCollector, parseBlock } from './salvage';
import {
  WireCapabilities,
  WireChargingProfile,
  WireChargingSettings,
  WireCheckControlMessages,
  WireClimate,
  WireConditionBasedServices,
  WireDoorsAndWindows,
  WireFuelAndBattery,
  WireHeadunit,
  WireIdentity,
  WireLocation,
  WireStatus,
  WireTires,
} from './wire';

/** Everything a block mapper needs. */
interface Context {
  readonly issues: IssueCollector;
  readonly fetchedAt: Date;
  readonly region: Region;
  readonly now: Date;
  readonly timeZone: string;
}

const ENUM_NAMES = new Map<object, string>([
  [DriveTrainType, 'DriveTrainType'],
  [ChargingState, 'ChargingState'],
  [LidState, 'LidState'],
  [LockState, 'LockState'],
  [ConditionBasedServiceStatus, 'ConditionBasedServiceStatus'],
  [CheckControlStatus, 'CheckControlStatus'],
  [ClimateActivityState, 'ClimateActivityState'],
  [ChargingMode, 'ChargingMode'],
  [ChargingPreferences, 'ChargingPreferences'],
  [TimerType, 'TimerType'],
  [LscType, 'LscType'],
]);

/**
 * An enum field: missing/null gives `fallback` silently; an unknown string or a non-string gives
 * UNKNOWN and an issue (bimmer_connected logs a warning for unknown strings and crashes on null).
 */
function enumField<E extends EnumWithUnknown>(
  ctx: Context,
  block: SnapshotBlock,
  path: string,
  values: E,
  raw: unknown,
  fallback: EnumValue<E> = values.UNKNOWN as EnumValue<E>,
): EnumValue<E> {
  if (raw === undefined || raw === null) return fallback;
  const value = lookupEnum(values, raw);
  if (value !== undefined) return value;
  const name = ENUM_NAMES.get(values) ?? 'enum';
  ctx.issues.add(block, path, 'unknown-enum', `Not a known ${name} value; using UNKNOWN.`);
  return values.UNKNOWN as EnumValue<E>;
}

const km = (value: number | null | undefined): ValueWithUnit | undefined =>
  value === undefined || value === null ? undefined : { value, unit: 'km' };

const isString = (value: string | null): value is string => value !== null;
const isNumber = (value: number | null): value is number => value !== null;

const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** `base + ms`, whole seconds; undefined (with an issue) when out of the Date range. */
function addMilliseconds(
  ctx: Context,
  block: SnapshotBlock,
  path: string,
  base: Date,
  ms: number,
): Date | undefined {
  const date = truncateToSeconds(new Date(base.getTime() + ms));
  if (isValidDate(date)) return date;
  ctx.issues.add(block, path, 'invalid', 'The duration is out of range; the derived time was dropped.');
  return undefined;
}

function timeField(
  ctx: Context,
  block: SnapshotBlock,
  path: string,
  raw: string | null | undefined,
): Date | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const date = parseDateTime(raw);
  if (date === undefined)
    ctx.issues.add(block, path, 'invalid-time', 'Not an ISO-8601 timestamp with a zone; dropped.');
  return date;
}

function latest(...dates: (Date | undefined)[]): Date | undefined {
  let best: Date | undefined;
  for (const date of dates) if (date !== undefined && (best === undefined || date > best)) best = date;
  return best;
}

// ------------------------------------------------------------------------------------------------
// Blocks

function parseFuelAndBattery(
  ctx: Context,
  state: JsonObject,
  driveTrain: DriveTrainType,
): FuelAndBattery | undefined {
  const block = 'fuelAndBattery';
  const wire = parseBlock(WireFuelAndBattery, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  let remainingFuel: ValueWithUnit | undefined;
  let remainingFuelPercent: number | undefined;
  let rangeFuel: ValueWithUnit | undefined;
  let rangeElectric: ValueWithUnit | undefined;
  let remainingBatteryPercent: number | undefined;
  let chargingStatus: ChargingState | undefined;
  let chargingStartTime: Date | undefined;
  let chargingEndTime: Date | undefined;
  let isChargerConnected = false;
  let chargingTarget: number | undefined;

  if (hasCombustionDrivetrain(driveTrain) && wire.combustionFuelLevel) {
    const fuel = wire.combustionFuelLevel;
    if (fuel.remainingFuelLiters != null) remainingFuel = { value: fuel.remainingFuelLiters, unit: 'L' };
    remainingFuelPercent = orUndefined(fuel.remainingFuelPercent);
    rangeFuel = km(fuel.range);
  }
  if (hasElectricDrivetrain(driveTrain) && wire.electricChargingState) {
    const ecs = wire.electricChargingState;
    const path = 'state.electricChargingState';
    isChargerConnected = ecs.isChargerConnected ?? false;
    if (ecs.chargingLevelPercent != null) remainingBatteryPercent = Math.trunc(ecs.chargingLevelPercent) || 0;
    rangeElectric = km(ecs.range);
    if (ecs.chargingStatus != null) {
      chargingStatus =
        ecs.chargingStatus === 'INVALID'
          ? ChargingState.NOT_CHARGING
          : enumField(ctx, block, `${path}.chargingStatus`, ChargingState, ecs.chargingStatus);
    }
    if (ecs.remainingChargingMinutes != null) {
      chargingEndTime = addMilliseconds(
        ctx,
        block,
        `${path}.remainingChargingMinutes`,
        ctx.fetchedAt,
        ecs.remainingChargingMinutes * 60_000,
      );
    }
    if (ecs.chargingTarget != null) chargingTarget = Math.trunc(ecs.chargingTarget) || 0;
    const start = wire.chargingProfile?.reductionOfChargeCurrent?.start;
    if (chargingStatus === ChargingState.WAITING_FOR_CHARGING && start) {
      chargingStartTime = nextOccurrence(ctx.now, start, ctx.timeZone);
    }
  }

  let remainingRangeTotal: ValueWithUnit | undefined;
  if (driveTrain === DriveTrainType.PLUGIN_HYBRID) {
    // The API's fuel range of a plug-in hybrid is the total range.
    remainingRangeTotal = rangeFuel;
    if (rangeFuel !== undefined) {
      rangeFuel = { value: Math.max(0, rangeFuel.value - (rangeElectric?.value ?? 0)), unit: rangeFuel.unit };
    }
  } else if (driveTrain === DriveTrainType.ELECTRIC_WITH_RANGE_EXTENDER) {
    if (rangeFuel !== undefined || rangeElectric !== undefined) {
      remainingRangeTotal = { value: (rangeFuel?.value ?? 0) + (rangeElectric?.value ?? 0), unit: 'km' };
    }
  } else if (rangeFuel !== undefined) {
    remainingRangeTotal = rangeFuel;
  } else if (rangeElectric !== undefined) {
    remainingRangeTotal = rangeElectric;
  }

  return {
    remainingRangeFuel: rangeFuel,
    remainingRangeElectric: rangeElectric,
    remainingRangeTotal,
    remainingFuel,
    remainingFuelPercent,
    remainingBatteryPercent,
    chargingStatus,
    chargingStartTime,
    chargingEndTime,
    isChargerConnected,
    chargingTarget,
  };
}

function parseLocation(
  ctx: Context,
  state: JsonObject,
  profileLastFetched: Date | undefined,
): VehicleLocation | undefined {
  const wire = parseBlock(WireLocation, state, 'vehicleLocation', 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const vehicleUpdateTimestamp = latest(
    timeField(ctx, 'vehicleLocation', 'state.lastFetched', wire.lastFetched),
    profileLastFetched,
  );
  let location = wire.location?.coordinates ?? undefined;
  if (location && ctx.region === Region.CHINA) location = gcj02ToWgs84(location);
  return {
    location: location ? { latitude: location.latitude, longitude: location.longitude } : undefined,
    heading: orUndefined(wire.location?.heading),
    vehicleUpdateTimestamp,
    accountRegion: ctx.region,
  };
}

function parseDoorsAndWindows(ctx: Context, state: JsonObject): DoorsAndWindows | undefined {
  const block = 'doorsAndWindows';
  const wire = parseBlock(WireDoorsAndWindows, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const lids: Lid[] = [];
  const windows: Lid[] = [];
  let doorLockState: LockState = LockState.UNKNOWN;
  if (wire.doorsState) {
    for (const [name, raw] of Object.entries(wire.doorsState)) {
      if (name === 'combinedState') continue;
      if (name === 'combinedSecurityState') {
        doorLockState = enumField(ctx, block, 'state.doorsState.combinedSecurityState', LockState, raw);
        continue;
      }
      const lidState = enumField(ctx, block, `state.doorsState.${name}`, LidState, raw);
      if (lidState !== LidState.INVALID) lids.push(buildLid(name, lidState));
    }
  }
  if (wire.windowsState) {
    for (const [name, raw] of Object.entries(wire.windowsState)) {
      if (name === 'combinedState') continue;
      const windowState = enumField(ctx, block, `state.windowsState.${name}`, LidState, raw);
      if (windowState !== LidState.INVALID) windows.push(buildLid(name, windowState));
    }
  }
  const roof = wire.roofState;
  if (roof && roof.roofStateType != null) {
    lids.push(
      buildLid(
        toCamelCase(roof.roofStateType),
        enumField(ctx, block, 'state.roofState.roofState', LidState, roof.roofState),
      ),
    );
  } else if (roof && roof.roofState != null) {
    ctx.issues.add(
      block,
      'state.roofState.roofStateType',
      'invalid',
      'The roof has no type; it was dropped.',
    );
  }
  return buildDoorsAndWindows({ doorLockState, lids, windows });
}

function parseConditionBasedServices(
  ctx: Context,
  state: JsonObject,
): ConditionBasedServiceReport | undefined {
  const block = 'conditionBasedServices';
  const wire = parseBlock(WireConditionBasedServices, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const messages: ConditionBasedService[] = (wire.requiredServices ?? []).flatMap((service, index) => {
    if (service === null) return [];
    const path = `state.requiredServices.${index}`;
    return {
      serviceType: service.type,
      state: enumField(ctx, block, `${path}.status`, ConditionBasedServiceStatus, service.status),
      dueDate: timeField(ctx, block, `${path}.dateTime`, service.dateTime),
      dueDistance: service.mileage ? { value: service.mileage, unit: 'km' } : undefined,
    };
  });
  return buildConditionBasedServiceReport(messages);
}

function parseCheckControlMessages(ctx: Context, state: JsonObject) {
  const block = 'checkControlMessages';
  const wire = parseBlock(WireCheckControlMessages, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const messages: CheckControlMessage[] = (wire.checkControlMessages ?? []).flatMap((message, index) => {
    if (message === null) return [];
    return {
      descriptionShort: message.type,
      descriptionLong: orUndefined(message.longDescription),
      state: enumField(
        ctx,
        block,
        `state.checkControlMessages.${index}.severity`,
        CheckControlStatus,
        message.severity,
      ),
    };
  });
  return buildCheckControlMessageReport(messages);
}

function parseHeadunit(ctx: Context, profile: JsonObject): Headunit | undefined {
  const wire = parseBlock(WireHeadunit, profile, 'headunit', 'profile', ctx.issues);
  if (wire === undefined) return undefined;
  const current = wire.softwareVersionCurrent;
  let softwareVersion: string | undefined;
  const month = current?.puStep?.month;
  const puYear = current?.puStep?.year;
  const iStep = current?.iStep;
  if (month != null && puYear != null && iStep != null && wire.year != null) {
    // e.g. month 11, year 2021, puStep.year 21, iStep 470 -> "11/2021.70"
    const pad = (n: number) => String(n).padStart(2, '0');
    softwareVersion = `${pad(month)}/${String(wire.year).slice(0, 2)}${pad(puYear)}.${String(iStep).slice(1)}`;
  }
  return {
    idriveVersion: orUndefined(wire.hmiVersion),
    headunitType: orUndefined(wire.headUnitType),
    softwareVersion,
  };
}

function parseClimate(ctx: Context, state: JsonObject): Climate | undefined {
  const block = 'climate';
  const wire = parseBlock(WireClimate, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const ccs = wire.climateControlState;
  if (!ccs) return buildClimate(ClimateActivityState.UNKNOWN);
  const activity = enumField(
    ctx,
    block,
    'state.climateControlState.activity',
    ClimateActivityState,
    ccs.activity,
  );
  const endTime =
    ccs.remainingSeconds == null
      ? undefined
      : addMilliseconds(
          ctx,
          block,
          'state.climateControlState.remainingSeconds',
          ctx.fetchedAt,
          Math.trunc(ccs.remainingSeconds) * 1000,
        );
  return buildClimate(activity, endTime);
}

const MIDNIGHT: TimeOfDay = { hour: 0, minute: 0 };

function parseChargingProfile(
  ctx: Context,
  state: JsonObject,
  chargingSettings: unknown,
): ChargingProfile | undefined {
  const block = 'chargingProfile';
  const wire = parseBlock(WireChargingProfile, state, block, 'state', ctx.issues);
  const cp = wire?.chargingProfile;
  if (!cp || Object.keys(cp).length === 0) return undefined;
  const path = 'state.chargingProfile';
  let servicePack: string | undefined;
  let acAvailableLimits: number[] | undefined;
  if (chargingSettings !== undefined && chargingSettings !== null) {
    const crccs = parseBlock(WireChargingSettings, chargingSettings, block, 'chargingSettings', ctx.issues);
    servicePack = orUndefined(crccs?.servicePack);
    acAvailableLimits = crccs?.chargingSettingsDetail?.acLimit?.values?.filter(isNumber) ?? undefined;
  }
  const departureTimes: DepartureTimer[] = (cp.departureTimes ?? []).flatMap((timer) => {
    if (timer === null) return [];
    return {
      timerId: orUndefined(timer.id),
      startTime: timer.timeStamp ? { hour: timer.timeStamp.hour, minute: timer.timeStamp.minute } : undefined,
      action: orUndefined(timer.action),
      weekdays: timer.timerWeekDays?.filter(isString) ?? undefined,
    };
  });
  const window = cp.reductionOfChargeCurrent;
  return {
    isPreEntryClimatizationEnabled: cp.climatisationOn ?? false,
    timerType: enumField(ctx, block, `${path}.chargingControlType`, TimerType, cp.chargingControlType),
    departureTimes,
    preferredChargingWindow: {
      startTime: window?.start ? { hour: window.start.hour, minute: window.start.minute } : MIDNIGHT,
      endTime: window?.end ? { hour: window.end.hour, minute: window.end.minute } : MIDNIGHT,
    },
    chargingPreferences: enumField(
      ctx,
      block,
      `${path}.chargingPreference`,
      ChargingPreferences,
      cp.chargingPreference,
    ),
    chargingMode: enumField(ctx, block, `${path}.chargingMode`, ChargingMode, cp.chargingMode),
    acCurrentLimit: orUndefined(cp.chargingSettings?.acCurrentLimit),
    acAvailableLimits,
    chargingPreferencesServicePack: servicePack,
  };
}

/**
 * Monday (00:00 UTC) of a WWYY manufacturing week (4021 = week 40 of 2021). bimmer_connected builds
 * the year as "20" + (v % 100) unpadded, which is wrong for years 2000..2009; we add 2000.
 */
export function manufacturingWeekToDate(value: number): Date | undefined {
  if (!Number.isInteger(value) || value <= 0) return undefined;
  const week = Math.trunc(value / 100);
  const year = 2000 + (value % 100);
  if (week < 1 || week > 53) return undefined;
  const jan4 = utcDate(year, 1, 4);
  const isoDay = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  const monday = utcDate(year, 1, 4 - (isoDay - 1) + (week - 1) * 7);
  if (week === 53) {
    // Only years whose Dec 28 falls in week 53 have one.
    const dec28 = utcDate(year, 12, 28);
    const dec28Day = dec28.getUTCDay() === 0 ? 7 : dec28.getUTCDay();
    const lastWeekMonday = utcDate(year, 12, 28 - (dec28Day - 1));
    if (monday.getTime() !== lastWeekMonday.getTime()) return undefined;
  }
  return monday;
}

function parseTires(ctx: Context, state: JsonObject): Tires | undefined {
  const block = 'tires';
  const wire = parseBlock(WireTires, state, block, 'state', ctx.issues);
  const tireState = wire?.tireState;
  if (!tireState) return undefined;
  const wheel = (key: 'frontLeft' | 'frontRight' | 'rearLeft' | 'rearRight'): TireState | undefined => {
    const tire = tireState[key];
    if (!tire) return undefined;
    let manufacturingWeek: Date | undefined;
    const week = tire.details?.manufacturingWeek;
    if (week) {
      manufacturingWeek = manufacturingWeekToDate(week);
      if (manufacturingWeek === undefined) {
        ctx.issues.add(
          block,
          `state.tireState.${key}.details.manufacturingWeek`,
          'invalid',
          'Not a WWYY week; dropped.',
        );
      }
    }
    return {
      currentPressure: orUndefined(tire.status?.currentPressure),
      targetPressure: orUndefined(tire.status?.targetPressure),
      season: orUndefined(tire.details?.season),
      manufacturingWeek,
    };
  };
  const tires: Tires = {
    frontLeft: wheel('frontLeft'),
    frontRight: wheel('frontRight'),
    rearLeft: wheel('rearLeft'),
    rearRight: wheel('rearRight'),
  };
  return Object.values(tires).some((t) => t !== undefined) ? tires : undefined;
}

// ------------------------------------------------------------------------------------------------

function checkOptions(options: ParseMyBMWVehicleOptions): { fetchedAt: Date; region: Region } {
  if (options === null || typeof options !== 'object') {
    throw new BimmerValidationError('parseMyBMWVehicle needs an options object.', {
      hint: 'Call parseMyBMWVehicle({ profile, state, chargingSettings, fetchedAt }).',
    });
  }
  if (!isValidDate(options.fetchedAt)) {
    throw new BimmerValidationError('fetchedAt must be a valid Date.', {
      paths: ['fetchedAt'],
      hint: 'Pass the time the responses were fetched, e.g. new Date().',
    });
  }
  const region = options.region === undefined ? Region.REST_OF_WORLD : parseRegion(options.region);
  if (region === undefined) {
    throw new BimmerValidationError('region must be rest_of_world, north_america or china.', {
      paths: ['region'],
    });
  }
  return { fetchedAt: truncateToSeconds(options.fetchedAt), region };
}

/**
 * Builds a vehicle snapshot from the three MyBMW responses of one vehicle. Pure: no I/O, no clock
 * (unless `now` is left to default... it defaults to `fetchedAt`). Parsing follows bimmer_connected;
 * every block parses on its own, a malformed value drops only itself and is listed in
 * `snapshot.issues`. Throws `BimmerValidationError` only for unusable input: bad options, or a
 * profile without a VIN.
 */
export function parseMyBMWVehicle(options: ParseMyBMWVehicleOptions): VehicleSnapshot {
  const { fetchedAt, region } = checkOptions(options);
  const issues = new IssueCollector();
  let timeZone = options.timeZone ?? systemTimeZone();
  if (!isValidTimeZone(timeZone)) {
    issues.add(
      'fuelAndBattery',
      'timeZone',
      'invalid',
      'Unknown time zone; UTC is used for the charging window.',
    );
    timeZone = 'UTC';
  }
  const now = isValidDate(options.now) ? options.now : fetchedAt;
  const ctx: Context = { issues, fetchedAt, region, now, timeZone };

  const profile = options.profile;
  if (!isJsonObject(profile)) {
    throw new BimmerValidationError('The vehicle profile is not a JSON object.', {
      paths: ['profile'],
      hint: 'Pass the parsed response of /eadrax-vcs/v5/vehicle-data/profile.',
    });
  }
  const vin = profile.vin;
  if (typeof vin !== 'string' || vin.trim() === '') {
    throw new BimmerValidationError('The vehicle profile has no VIN.', {
      paths: ['profile.vin'],
      hint: 'Pass the profile response as received (it carries the VIN).',
    });
  }
  if (!/^[A-Za-z0-9]{17}$/.test(vin)) {
    issues.add(
      'identity',
      'profile.vin',
      'invalid',
      'The VIN is not 17 letters and digits; it is used as is.',
    );
  }

  // Response envelopes: a missing state is "not fetched", a malformed one an issue.
  let stateResponse: JsonObject = {};
  if (options.state !== undefined && options.state !== null) {
    if (isJsonObject(options.state)) stateResponse = options.state;
    else
      issues.add('status', 'state', 'unusable', 'The state response is not a JSON object; it was ignored.');
  }
  const envelope = (key: 'state' | 'capabilities', block: SnapshotBlock): JsonObject => {
    const value = stateResponse[key];
    if (value === undefined || value === null) return {};
    if (isJsonObject(value)) return value;
    issues.add(block, `state.${key}`, 'unusable', `state.${key} is not a JSON object; it was ignored.`);
    return {};
  };
  const caps = envelope('capabilities', 'capabilities');
  const state = envelope('state', 'status');

  // Identity (profile)
  const identity = parseBlock(WireIdentity, profile, 'identity', 'profile', issues) ?? {};
  let brand: CarBrand;
  const profileBrand = parseCarBrand(identity.brand);
  // A plain-JS caller may pass any string; one that is no brand counts as not given.
  const listBrand = parseCarBrand(options.brand);
  if (listBrand === 'toyota') brand = 'toyota';
  else if (profileBrand !== undefined) brand = profileBrand;
  else {
    if (identity.brand != null) issues.add('identity', 'profile.brand', 'unknown-enum', 'Not a known brand.');
    brand = listBrand ?? 'bmw';
  }
  const driveTrain = enumField(ctx, 'identity', 'profile.driveTrain', DriveTrainType, identity.driveTrain);
  const profileLastFetched = timeField(ctx, 'identity', 'profile.lastFetched', identity.lastFetched);

  // Capabilities
  const c = parseBlock(WireCapabilities, caps, 'capabilities', 'state.capabilities', issues) ?? {};
  const chargingControl = c.remoteChargingCommands?.chargingControl?.filter(isString) ?? [];
  const lscType =
    c.lastStateCallState == null
      ? LscType.NOT_CAPABLE
      : enumField(
          ctx,
          'capabilities',
          'state.capabilities.lastStateCallState',
          LscType,
          c.lastStateCallState,
        );

  // Vehicle-level status
  const status = parseBlock(WireStatus, state, 'status', 'state', issues) ?? {};
  const isLscEnabled = status.isLscSupported ?? false;
  const timestamp = latest(
    timeField(ctx, 'status', 'state.lastFetched', status.lastFetched),
    profileLastFetched,
  );

  return {
    vin,
    source: SnapshotSource.MYBMW,
    fetchedAt,
    region,
    issues: issues.issues,
    name: orUndefined(identity.model),
    brand,
    driveTrain,
    bodyType: orUndefined(identity.bodyType),
    year: orUndefined(identity.year),
    countryOfOrigin: orUndefined(identity.countryOfOrigin),
    mileage: km(status.currentMileage),
    timestamp,
    lscType,
    fuelAndBattery: parseFuelAndBattery(ctx, state, driveTrain),
    vehicleLocation: parseLocation(ctx, state, profileLastFetched),
    doorsAndWindows: parseDoorsAndWindows(ctx, state),
    conditionBasedServices: parseConditionBasedServices(ctx, state),
    checkControlMessages: parseCheckControlMessages(ctx, state),
    headunit: parseHeadunit(ctx, profile),
    climate: parseClimate(ctx, state),
    chargingProfile: parseChargingProfile(ctx, state, options.chargingSettings),
    tires: parseTires(ctx, state),
    hasCombustionDrivetrain: hasCombustionDrivetrain(driveTrain),
    hasElectricDrivetrain: hasElectricDrivetrain(driveTrain),
    driveTrainAttributes: driveTrainAttributes(driveTrain),
    availableAttributes: availableAttributes(driveTrain, isLscEnabled),
    isChargingPlanSupported: c.isChargingPlanSupported ?? false,
    isChargingSettingsSupported: c.isChargingSettingsEnabled ?? false,
    isLscEnabled,
    isRemoteChargeStartEnabled: chargingControl.includes('START'),
    isRemoteChargeStopEnabled: chargingControl.includes('STOP'),
    isRemoteClimateStartEnabled: c.climateNow ?? false,
    // bimmer_connected: the key's presence in the state, not a capability.
    isRemoteClimateStopEnabled: Object.hasOwn(state, 'climateControlState'),
    isRemoteHornEnabled: c.horn ?? false,
    isRemoteLightsEnabled: c.lights ?? false,
    isRemoteLockEnabled: c.lock ?? false,
    isRemoteSendpoiEnabled: c.sendPoi ?? false,
    isRemoteSetAcLimitEnabled: c.isChargingPowerLimitEnabled ?? false,
    isRemoteSetTargetSocEnabled: c.isChargingTargetSocEnabled ?? false,
    isRemoteUnlockEnabled: c.unlock ?? false,
    isVehicleActive: false,
    isVehicleTrackingEnabled: c.vehicleFinder ?? false,
  };
}
