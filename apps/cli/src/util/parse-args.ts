import { CliUsageError } from '../exit-codes';

/** A decimal number argument, or a usage error naming the argument. */
export function parseNumberArgument(name: string, value: string): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
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

/** A duration in seconds (may be fractional, must be positive), returned in milliseconds. */
export function parseSeconds(name: string, value: string): number {
  const seconds = parseNumberArgument(name, value);
  if (seconds <= 0) throw new CliUsageError(`${name} must be more than 0 seconds, got ${value}.`);
  return Math.round(seconds * 1000);
}
