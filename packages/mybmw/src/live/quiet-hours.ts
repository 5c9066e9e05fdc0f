import { BimmerValidationError } from '@bimmer/core';
import { isValidTimeZone, systemTimeZone } from '@bimmer/core/internal';

/**
 * A daily window without automatic polls, e.g. `{ from: '23:00', to: '06:00', timeZone:
 * 'Europe/Berlin' }`: a parked car at night rarely changes, and BMW counts every request. Times are
 * the wall clock of `timeZone` (default: this machine's zone); a window may cross midnight.
 * Explicit `refresh()` calls and the refresh after a remote command are not held back.
 */
export interface QuietHours {
  /** Start of the window, `HH:MM` (24 h), inclusive. */
  readonly from: string;
  /** End of the window, `HH:MM` (24 h), exclusive: the first poll after the window is then. */
  readonly to: string;
  /** IANA time zone of `from` and `to`; default this machine's zone. */
  readonly timeZone?: string | undefined;
}

/** Quiet hours checked and in minutes of the day. */
export interface CheckedQuietHours {
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  /** `HH:MM–HH:MM zone`, for reasons a person reads. */
  readonly text: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

function minuteOfDay(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = TIME.exec(text);
  return match === null ? undefined : Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Checks quiet hours before anything runs: `from` and `to` as `HH:MM` and different, a known time
 * zone. Throws a `BimmerValidationError` whose `paths` name the bad settings (`quietHours.from`).
 */
export function checkQuietHours(quietHours: QuietHours | undefined): CheckedQuietHours | undefined {
  if (quietHours === undefined) return undefined;
  const problems: string[] = [];
  if (quietHours === null || typeof quietHours !== 'object') problems.push('quietHours');
  const from = minuteOfDay(quietHours?.from);
  const to = minuteOfDay(quietHours?.to);
  if (from === undefined) problems.push('quietHours.from');
  if (to === undefined) problems.push('quietHours.to');
  const timeZone = quietHours?.timeZone ?? systemTimeZone();
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) problems.push('quietHours.timeZone');
  if (from !== undefined && from === to) problems.push('quietHours.to');
  if (problems.length > 0 || from === undefined || to === undefined) {
    throw new BimmerValidationError(
      'Invalid quiet hours: give `from` and `to` as different HH:MM times (24 h, e.g. 23:00 and 06:00) ' +
        'and, optionally, an IANA time zone such as Europe/Berlin.',
      { paths: [...new Set(problems)], action: 'check-input' },
    );
  }
  return { from, to, timeZone, text: `${quietHours.from}–${quietHours.to} ${timeZone}` };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The minute of the day (0..1439) the wall clock of `timeZone` shows at `at` (epoch ms). */
function localMinute(timeZone: string, at: number): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(new Date(at))) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

function within(quiet: CheckedQuietHours, minute: number): boolean {
  return quiet.from < quiet.to
    ? minute >= quiet.from && minute < quiet.to
    : minute >= quiet.from || minute < quiet.to;
}

/** True when `at` (epoch ms) falls within the quiet hours. */
export function isQuietTime(quiet: CheckedQuietHours | undefined, at: number): boolean {
  return quiet !== undefined && within(quiet, localMinute(quiet.timeZone, at));
}

/**
 * When the quiet hours that `at` (epoch ms) falls in end: the first whole minute at or after `at`
 * whose wall-clock time is outside the window (the `to` time, or just after it on a day whose clock
 * change skips `to`). Undefined when `at` is not within quiet hours.
 */
export function quietHoursEnd(quiet: CheckedQuietHours | undefined, at: number): number | undefined {
  if (quiet === undefined) return undefined;
  const minute = localMinute(quiet.timeZone, at);
  if (!within(quiet, minute)) return undefined;
  const startOfMinute = at - (((at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  // Wall-clock arithmetic, then corrected for a clock change in between (one or two steps).
  let end = startOfMinute + ((quiet.to - minute + DAY_MINUTES) % DAY_MINUTES) * MINUTE_MS;
  for (let step = 0; step < 3; step++) {
    const shown = localMinute(quiet.timeZone, end);
    if (shown === quiet.to) break;
    const drift = ((quiet.to - shown + DAY_MINUTES + DAY_MINUTES / 2) % DAY_MINUTES) - DAY_MINUTES / 2;
    end += drift * MINUTE_MS;
  }
  if (end > at && !isQuietTime(quiet, end) && isQuietTime(quiet, end - MINUTE_MS)) return end;
  // A clock change skipped `to` (or the correction did not settle): walk the minutes.
  end = startOfMinute + MINUTE_MS;
  while (isQuietTime(quiet, end)) end += MINUTE_MS;
  return end;
}
