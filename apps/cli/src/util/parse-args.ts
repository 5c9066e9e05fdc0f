import { CliUsageError } from '../errors/cli-usage-error';

/**
 * Core's `VIN_PATTERN`, written out: arguments are parsed while `--help` runs, which must load no SDK
 * package (test/start-up.test.ts).
 */
const VIN = /^[A-Z0-9]{17}$/;

/**
 * A decimal number as people type it (`80`, `-33.86`, `0.5`, `1e3`), or a usage error naming the
 * argument. Stricter than `Number()`, which also takes `0x50`, `0b1` and surrounding spaces.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A decimal number argument, or a usage error naming the argument. */
export function parseNumberArgument(name: string, value: string): number {
  const number = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new CliUsageError(`${name} must be a number, got "${value}".`);
  return number;
}

/** A whole-number argument, or a usage error naming the argument. */
export function parseIntegerArgument(name: string, value: string): number {
  const number = parseNumberArgument(name, value);
  if (!Number.isInteger(number)) throw new CliUsageError(`${name} must be a whole number, got "${value}".`);
  return number;
}

/** A latitude (-90..90), or a usage error. */
export function parseLatitude(value: string): number {
  const latitude = parseNumberArgument('latitude', value);
  if (latitude < -90 || latitude > 90)
    throw new CliUsageError(`latitude must be between -90 and 90, got ${value}.`);
  return latitude;
}

/** A longitude (-180..180), or a usage error. */
export function parseLongitude(value: string): number {
  const longitude = parseNumberArgument('longitude', value);
  if (longitude < -180 || longitude > 180) {
    throw new CliUsageError(`longitude must be between -180 and 180, got ${value}.`);
  }
  return longitude;
}

/** One of `choices` (case-insensitive; returns the canonical spelling), or a usage error listing them. */
export function parseChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  const match = choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase());
  if (match === undefined) {
    throw new CliUsageError(`${name} must be one of ${choices.join(', ')}; got "${value}".`);
  }
  return match;
}

/**
 * A yes/no argument: true/false, yes/no, on/off, 1/0. bimmer_connected treats any non-empty string,
 * even "False", as true; we parse it.
 */
export function parseBoolean(name: string, value: string): boolean {
  const normalized = value.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(normalized)) return true;
  if (['false', 'no', 'off', '0'].includes(normalized)) return false;
  throw new CliUsageError(`${name} must be true or false, got "${value}".`);
}

/**
 * The longest duration a seconds option takes: a day. Longer makes no sense for a remote service, and
 * Node's timers overflow past 2^31 ms (about 24.8 days), turning a huge timeout into an immediate one.
 */
export const MAX_SECONDS = 86_400;

/** A duration in seconds (may be fractional, more than 0, at most a day), returned in milliseconds. */
export function parseSeconds(name: string, value: string): number {
  const seconds = parseNumberArgument(name, value);
  if (seconds <= 0) throw new CliUsageError(`${name} must be more than 0 seconds, got ${value}.`);
  if (seconds > MAX_SECONDS) {
    throw new CliUsageError(`${name} must be at most ${MAX_SECONDS} seconds (a day), got ${value}.`);
  }
  return Math.round(seconds * 1000);
}

/**
 * A VIN: 17 letters and digits (ISO 3779), upper-cased. Checked before anything is sent, so a typo is
 * a usage error, not a search through the account (the simulator's own VINs use letters such as I
 * that real VINs avoid, so every letter is allowed).
 */
export function parseVin(value: string): string {
  const vin = value.trim().toUpperCase();
  if (!VIN.test(vin)) {
    throw new CliUsageError(
      `A VIN has 17 letters and digits, got "${value}".`,
      'bimmer status lists the VINs of your account.',
    );
  }
  return vin;
}

/**
 * A charging target: BMW takes 20 to 100 %, in steps of 5 (the MyBMW app's slider; anything else is
 * refused by the API, so the SDK checks it too).
 */
export function parseTargetSoc(value: string): number {
  const percent = parseIntegerArgument('--target-soc', value);
  if (percent < 20 || percent > 100 || percent % 5 !== 0) {
    throw new CliUsageError(`--target-soc must be 20 to 100 in steps of 5 (20, 25, … 100), got ${value}.`);
  }
  return percent;
}

/** The AC current limits a charger can be asked for at all: 6 A (IEC 61851's minimum) to 63 A (Type 2's maximum). */
export const AC_LIMIT_RANGE = { min: 6, max: 63 } as const;

/**
 * An AC current limit in whole ampere within {@link AC_LIMIT_RANGE}. Which of these a vehicle takes
 * (e.g. 6–16, 20, 32) comes with its data; the SDK checks that after loading, before sending.
 */
export function parseAcLimit(value: string): number {
  const ampere = parseIntegerArgument('--ac-limit', value);
  if (ampere < AC_LIMIT_RANGE.min || ampere > AC_LIMIT_RANGE.max) {
    throw new CliUsageError(
      `--ac-limit must be ${AC_LIMIT_RANGE.min} to ${AC_LIMIT_RANGE.max} ampere, got ${value}.`,
      'bimmer status --json lists the values your vehicle offers under chargingProfile.acAvailableLimits.',
    );
  }
  return ampere;
}

/** Nothing, or a usage error naming the arguments that were not expected. */
export function noExtraArguments(rest: readonly string[]): void {
  if (rest.length > 0) throw new CliUsageError(`Unexpected arguments: ${rest.join(' ')}.`);
}
