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
  LidState,
  LockState,
  LscType,
  lookupEnum,
  type Region,
  TimerType,
} from '../models/enums';
import { isValidDate, parseDateTime, truncateToSeconds } from '../models/time';
import type { SnapshotBlock, ValueWithUnit } from '../models/vehicle';
import type { IssueCollector } from './salvage';

/**
 * What every block mapper (`blocks/*.ts`) needs besides its part of the responses: where to report
 * issues, and the moments and region that derived values depend on.
 */
export interface Context {
  readonly issues: IssueCollector;
  /** When the responses were fetched (whole seconds); end times count from it. */
  readonly fetchedAt: Date;
  readonly region: Region;
  /** "Now" for the next start of a charging window. */
  readonly now: Date;
  /** IANA zone of the charging window's wall-clock times. */
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
export function enumField<E extends EnumWithUnknown>(
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

/**
 * A timestamp field: missing, null or empty gives undefined silently; one that is not ISO-8601
 * with a zone gives undefined and an issue.
 */
export function timeField(
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

/** `base + ms`, whole seconds; undefined (with an issue) when out of the Date range. */
export function addMilliseconds(
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

/** A distance in km; null and undefined are unknown. */
export const km = (value: number | null | undefined): ValueWithUnit | undefined =>
  value === undefined || value === null ? undefined : { value, unit: 'km' };

/** The latest of some optional instants. */
export function latest(...dates: (Date | undefined)[]): Date | undefined {
  let best: Date | undefined;
  for (const date of dates) if (date !== undefined && (best === undefined || date > best)) best = date;
  return best;
}

/** The wire's null (absent) as undefined. */
export const orUndefined = <T>(value: T | null | undefined): T | undefined =>
  value === null ? undefined : value;

/** For `filter`: the non-null items of a wire list. */
export const isString = (value: string | null): value is string => value !== null;

/** For `filter`: the non-null items of a wire list. */
export const isNumber = (value: number | null): value is number => value !== null;
