import type { TimeOfDay } from './vehicle';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A UTC instant from calendar fields; works for years 0..99 too (unlike `Date.UTC`). */
export function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  if (year >= 100) return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date;
}

/**
 * Parses an API timestamp like bimmer_connected's `parse_datetime`: `YYYY-MM-DDTHH:MM:SS`, optional
 * fraction (1-6 digits), and a zone (`Z`, `+03:00` or `+0300`). The result is a UTC instant with
 * whole seconds (the fraction is dropped). Anything else (no zone, invalid date, non-string) gives
 * `undefined`.
 */
export function parseDateTime(input: unknown): Date | undefined {
  if (typeof input !== 'string' || input === '') return undefined;
  const m = DATE_TIME.exec(input);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const local = utcDate(year, month, day, hour, minute, second);
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

/** The same instant with milliseconds dropped (towards the past). */
export function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** True for a Date that holds a real instant. */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** True for hour 0..23 and minute 0..59 (integers). */
export function isValidTimeOfDay(value: TimeOfDay): boolean {
  return (
    Number.isInteger(value.hour) &&
    Number.isInteger(value.minute) &&
    value.hour >= 0 &&
    value.hour <= 23 &&
    value.minute >= 0 &&
    value.minute <= 59
  );
}

/** `HH:MM:00`, the ISO-8601 form of a time of day. */
export function formatTimeOfDay(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}:00`;
}

/** Parses `HH:MM` or `HH:MM:SS` (seconds ignored) into a time of day; `undefined` if invalid. */
export function parseTimeOfDay(input: unknown): TimeOfDay | undefined {
  if (typeof input !== 'string') return undefined;
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(input);
  if (m === null) return undefined;
  const time = { hour: Number(m[1]), minute: Number(m[2]) };
  return isValidTimeOfDay(time) ? time : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffset(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return (
    utcDate(w.year, w.month, w.day, w.hour, w.minute, w.second).getTime() -
    truncateToSeconds(instant).getTime()
  );
}

/** The time zone of this machine (IANA name), `UTC` when it cannot be determined. */
export function systemTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The next instant at which the wall clock in `timeZone` shows `time`, seen from `now`: today at
 * `time`, or tomorrow when now's time of day is already later (bimmer_connected's
 * `get_next_occurrence`, but zone-aware and returning a real instant instead of a naive local time).
 * Throws a RangeError for an unknown time zone.
 */
export function nextOccurrence(now: Date, time: TimeOfDay, timeZone: string): Date {
  const w = wallClock(now, timeZone);
  const nowSeconds = w.hour * 3600 + w.minute * 60 + w.second + (now.getTime() % 1000 > 0 ? 0.001 : 0);
  const targetSeconds = time.hour * 3600 + time.minute * 60;
  const dayShift = nowSeconds > targetSeconds ? 1 : 0;
  // Wall-clock target as if it were UTC, then shift by the zone's offset around that moment.
  const wallAsUtc = utcDate(w.year, w.month, w.day + dayShift, time.hour, time.minute, 0).getTime();
  let instant = wallAsUtc - zoneOffset(new Date(wallAsUtc), timeZone);
  const corrected = wallAsUtc - zoneOffset(new Date(instant), timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}
