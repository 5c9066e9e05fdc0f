/**
 * Enums of the vehicle model. Each is a const object (`LockState.LOCKED`) plus a string-literal union
 * type of the same name, so values compare and serialise as plain strings, like bimmer_connected's
 * StrEnum members.
 */

/** The fallback member of every vehicle enum: an unknown, missing or non-string raw value. */
export const UNKNOWN = 'UNKNOWN';

/** The brand a vehicle is sold under. Decides the `x-user-agent` of MyBMW requests. */
export const CarBrand = { BMW: 'bmw', MINI: 'mini', TOYOTA: 'toyota' } as const;
/** @see CarBrand */
export type CarBrand = (typeof CarBrand)[keyof typeof CarBrand];

/** Each brand as its maker writes it, for people (a manufacturer field, a device page). */
export const CAR_BRAND_NAMES: Readonly<Record<CarBrand, string>> = {
  [CarBrand.BMW]: 'BMW',
  [CarBrand.MINI]: 'MINI',
  [CarBrand.TOYOTA]: 'Toyota',
};

/** The MyBMW server region of an account. Only CHINA changes vehicle parsing (GCJ-02 coordinates). */
export const Region = {
  REST_OF_WORLD: 'rest_of_world',
  NORTH_AMERICA: 'north_america',
  CHINA: 'china',
} as const;
/** @see Region */
export type Region = (typeof Region)[keyof typeof Region];

/** Where a snapshot (or one field of it) came from. */
export const SnapshotSource = { MYBMW: 'mybmw', CARDATA: 'cardata' } as const;
/** @see SnapshotSource */
export type SnapshotSource = (typeof SnapshotSource)[keyof typeof SnapshotSource];

/**
 * How a field reached us: CarData delivers some values over its MQTT `stream` and others from a
 * `rest` call (telematic data), at different times; MyBMW's live account reads by `poll`.
 */
export const FieldChannel = { STREAM: 'stream', REST: 'rest', POLL: 'poll' } as const;
/** @see FieldChannel */
export type FieldChannel = (typeof FieldChannel)[keyof typeof FieldChannel];

/** Drive train of a vehicle. */
export const DriveTrainType = {
  COMBUSTION: 'COMBUSTION',
  PLUGIN_HYBRID: 'PLUGIN_HYBRID',
  ELECTRIC: 'ELECTRIC',
  ELECTRIC_WITH_RANGE_EXTENDER: 'ELECTRIC_WITH_RANGE_EXTENDER',
  HYBRID: 'HYBRID',
  MILD_HYBRID: 'MILD_HYBRID',
  UNKNOWN,
} as const;
/** @see DriveTrainType */
export type DriveTrainType = (typeof DriveTrainType)[keyof typeof DriveTrainType];

/** Drive trains with a combustion engine. */
export const COMBUSTION_ENGINE_DRIVE_TRAINS: readonly DriveTrainType[] = [
  DriveTrainType.COMBUSTION,
  DriveTrainType.PLUGIN_HYBRID,
  DriveTrainType.ELECTRIC_WITH_RANGE_EXTENDER,
  DriveTrainType.HYBRID,
  DriveTrainType.MILD_HYBRID,
];

/** Drive trains with a high-voltage (chargeable) battery. */
export const HV_BATTERY_DRIVE_TRAINS: readonly DriveTrainType[] = [
  DriveTrainType.PLUGIN_HYBRID,
  DriveTrainType.ELECTRIC,
  DriveTrainType.ELECTRIC_WITH_RANGE_EXTENDER,
];

/** Charging state of the high-voltage battery. */
export const ChargingState = {
  DEFAULT: 'DEFAULT',
  CHARGING: 'CHARGING',
  ERROR: 'ERROR',
  COMPLETE: 'COMPLETE',
  FULLY_CHARGED: 'FULLY_CHARGED',
  FINISHED_FULLY_CHARGED: 'FINISHED_FULLY_CHARGED',
  FINISHED_NOT_FULL: 'FINISHED_NOT_FULL',
  INVALID: 'INVALID',
  NOT_CHARGING: 'NOT_CHARGING',
  PLUGGED_IN: 'PLUGGED_IN',
  WAITING_FOR_CHARGING: 'WAITING_FOR_CHARGING',
  TARGET_REACHED: 'TARGET_REACHED',
  UNKNOWN,
} as const;
/** @see ChargingState */
export type ChargingState = (typeof ChargingState)[keyof typeof ChargingState];

/** State of a lid (door, hood, trunk, sunroof) or window. */
export const LidState = {
  CLOSED: 'CLOSED',
  OPEN: 'OPEN',
  OPEN_TILT: 'OPEN_TILT',
  INTERMEDIATE: 'INTERMEDIATE',
  INVALID: 'INVALID',
  UNKNOWN,
} as const;
/** @see LidState */
export type LidState = (typeof LidState)[keyof typeof LidState];

/** Combined lock state of the doors. */
export const LockState = {
  LOCKED: 'LOCKED',
  SECURED: 'SECURED',
  SELECTIVE_LOCKED: 'SELECTIVE_LOCKED',
  PARTIALLY_LOCKED: 'PARTIALLY_LOCKED',
  UNLOCKED: 'UNLOCKED',
  UNKNOWN,
} as const;
/** @see LockState */
export type LockState = (typeof LockState)[keyof typeof LockState];

/** Status of a condition-based service (a maintenance item). */
export const ConditionBasedServiceStatus = {
  OK: 'OK',
  OVERDUE: 'OVERDUE',
  PENDING: 'PENDING',
  UNKNOWN,
} as const;
/** @see ConditionBasedServiceStatus */
export type ConditionBasedServiceStatus =
  (typeof ConditionBasedServiceStatus)[keyof typeof ConditionBasedServiceStatus];

/** Severity of a check-control message. */
export const CheckControlStatus = {
  OK: 'OK',
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
  CRITICAL: 'CRITICAL',
  UNKNOWN,
} as const;
/** @see CheckControlStatus */
export type CheckControlStatus = (typeof CheckControlStatus)[keyof typeof CheckControlStatus];

/** What the climate control is doing. */
export const ClimateActivityState = {
  COOLING: 'COOLING',
  HEATING: 'HEATING',
  VENTILATION: 'VENTILATION',
  INACTIVE: 'INACTIVE',
  STANDBY: 'STANDBY',
  UNKNOWN,
} as const;
/** @see ClimateActivityState */
export type ClimateActivityState = (typeof ClimateActivityState)[keyof typeof ClimateActivityState];

/** Charging mode of the charging profile. */
export const ChargingMode = {
  IMMEDIATE_CHARGING: 'IMMEDIATE_CHARGING',
  DELAYED_CHARGING: 'DELAYED_CHARGING',
  NO_ACTION: 'NO_ACTION',
  UNKNOWN,
} as const;
/** @see ChargingMode */
export type ChargingMode = (typeof ChargingMode)[keyof typeof ChargingMode];

/** Charging preference of the charging profile. */
export const ChargingPreferences = {
  NO_PRESELECTION: 'NO_PRESELECTION',
  CHARGING_WINDOW: 'CHARGING_WINDOW',
  UNKNOWN,
} as const;
/** @see ChargingPreferences */
export type ChargingPreferences = (typeof ChargingPreferences)[keyof typeof ChargingPreferences];

/** Kind of departure timer (bimmer_connected: `TimerTypes`). */
export const TimerType = {
  WEEKLY_PLANNER: 'WEEKLY_PLANNER',
  TWO_TIMES_TIMER: 'TWO_TIMES_TIMER',
  UNKNOWN,
} as const;
/** @see TimerType */
export type TimerType = (typeof TimerType)[keyof typeof TimerType];

/** Last-state-call capability of the vehicle (whether it reports its state to MyBMW). */
export const LscType = {
  NOT_CAPABLE: 'NOT_CAPABLE',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  ACTIVATED: 'ACTIVATED',
  UNKNOWN,
} as const;
/** @see LscType */
export type LscType = (typeof LscType)[keyof typeof LscType];

/** Views of the vehicle image endpoint; the value is the API's `carView`. */
export const VehicleViewDirection = {
  FRONTSIDE: 'VehicleStatus',
  FRONT: 'FrontView',
  SIDE: 'SideViewLeft',
  DASHBOARD: 'Dashboard',
  DRIVERDOOR: 'Driverdoor',
  ANGLE_SIDE_VIEW_FORTY: 'AngleSideViewForty',
  ANGLE_SIDE_VIEW_SIXTY: 'AngleSideViewSixty',
  FRONT_LEFT: 'FrontLeft',
  FRONT_RIGHT: 'FrontRight',
  REAR_LEFT: 'RearLeft',
  REAR_RIGHT: 'RearRight',
  REAR_VIEW: 'RearView',
  UNKNOWN,
} as const;
/** @see VehicleViewDirection */
export type VehicleViewDirection = (typeof VehicleViewDirection)[keyof typeof VehicleViewDirection];

/** Execution state of a remote service (event status). */
export const ExecutionState = {
  INITIATED: 'INITIATED',
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  EXECUTED: 'EXECUTED',
  ERROR: 'ERROR',
  IGNORED: 'IGNORED',
  UNKNOWN,
} as const;
/** @see ExecutionState */
export type ExecutionState = (typeof ExecutionState)[keyof typeof ExecutionState];

/** Any of the enum const objects above that has an UNKNOWN member. */
export type EnumWithUnknown = Readonly<Record<string, string>> & { readonly UNKNOWN: 'UNKNOWN' };

/** The values of an enum const object, as a union. */
export type EnumValue<E extends Readonly<Record<string, string>>> = E[keyof E];

const lookupCache = new WeakMap<object, Map<string, string>>();

function lookupTable(values: Readonly<Record<string, string>>): Map<string, string> {
  let table = lookupCache.get(values);
  if (table === undefined) {
    table = new Map();
    for (const value of Object.values(values)) {
      if (!table.has(value.toUpperCase())) table.set(value.toUpperCase(), value);
    }
    lookupCache.set(values, table);
  }
  return table;
}

/**
 * Looks `raw` up among the values of an enum, case-insensitively (an exact match wins).
 * Returns `undefined` when it is no member (also for `null` and non-strings).
 */
export function lookupEnum<E extends Readonly<Record<string, string>>>(
  values: E,
  raw: unknown,
): EnumValue<E> | undefined {
  if (typeof raw !== 'string') return undefined;
  const table = lookupTable(values);
  // The values of every enum here differ case-insensitively, so this is also the exact match.
  return table.get(raw.toUpperCase()) as EnumValue<E> | undefined;
}

/**
 * Parses a raw vendor string into an enum value: exact or case-insensitive match, else `UNKNOWN`.
 * Unlike bimmer_connected, `null` and non-strings also give `UNKNOWN` instead of throwing.
 */
export function parseEnum<E extends EnumWithUnknown>(values: E, raw: unknown): EnumValue<E> {
  return lookupEnum(values, raw) ?? (UNKNOWN as EnumValue<E>);
}

/**
 * Parses a brand the way bimmer_connected's CarBrands does: case-insensitive, and only the part
 * before the first `_` counts (`BMW_I` is bmw); a `-` or a space ends it too, because CarData writes
 * `TOYOTA-SUPRA` or `Toyota Supra` where MyBMW writes one word. `DRITTKUNDE` ("third-party customer",
 * what MyBMW answers for a Toyota Supra) is toyota. Anything else gives `undefined`.
 */
export function parseCarBrand(raw: unknown): CarBrand | undefined {
  if (typeof raw !== 'string') return undefined;
  const head = (raw.trim().split(/[_\s-]/)[0] ?? '').toLowerCase();
  if (head === 'bmw' || head === 'mini' || head === 'toyota') return head;
  if (head === 'drittkunde') return CarBrand.TOYOTA;
  return undefined;
}

/** Every region, in the order bimmer_connected's `valid_regions()` lists them. */
export const REGIONS: readonly Region[] = [Region.NORTH_AMERICA, Region.CHINA, Region.REST_OF_WORLD];

/**
 * Parses a region as people type it: our values (`rest_of_world`, `north_america`, `china`, any case,
 * `-` or spaces instead of `_`), bimmer_connected's short codes (`row`, `na`, `cn`) and the enum
 * member names (`REST_OF_WORLD`). Anything else gives `undefined`; {@link requireRegion} throws.
 */
export function parseRegion(raw: unknown): Region | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  switch (value) {
    case 'rest_of_world':
    case 'row':
      return Region.REST_OF_WORLD;
    case 'north_america':
    case 'na':
      return Region.NORTH_AMERICA;
    case 'china':
    case 'cn':
      return Region.CHINA;
    default:
      return undefined;
  }
}
