import type { ValueWithUnit } from '@bimmer/core';

/** A number with thousands separators and at most `digits` decimals, independent of the locale. */
export function formatNumber(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  const [whole = '0', fraction] = Math.abs(rounded).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `1,121 km` from a value-with-unit, or undefined when absent. */
export function formatValueWithUnit(value: ValueWithUnit | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value.value)) return undefined;
  return value.unit === '' ? formatNumber(value.value) : `${formatNumber(value.value)} ${value.unit}`;
}

/** `2026-12-01 07:45 UTC`: readable, unambiguous and the same on every machine. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-12-01`. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `SELECTIVE_LOCKED` -> `selective locked`; enum values read as words. */
export function humanizeEnum(value: string): string {
  return value.toLowerCase().replaceAll('_', ' ');
}

/** `leftFront` -> `left front`, `sunRoof` -> `sun roof`; lid and window names read as words. */
export function humanizeName(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
}

/** `2026-12-01 07:45:03 UTC`: a stream's lines, where seconds tell messages apart. */
export function formatTimeSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
