import { type LiveChange, vehicleToJSON } from '@bimmer/core';
import { formatInstant, isJsonObject, jsonLeaves } from '@bimmer/core/internal';
import type { Colors } from '../output/colors';
import { formatNumber, formatTimeSeconds } from './format';

/**
 * Units of the plain numbers of the JSON form (which carries units only in value-with-unit objects),
 * by the last segment of the path: percentages, the heading, tyre pressures (kPa, as the API sends
 * them) and the AC current limit.
 */
const UNIT_BY_LEAF: Readonly<Record<string, string>> = {
  remainingBatteryPercent: '%',
  remainingFuelPercent: '%',
  chargingTarget: '%',
  heading: '°',
  currentPressure: 'kPa',
  targetPressure: 'kPa',
  acCurrentLimit: 'A',
};

/** One changed field as `stream` shows it: the new value split from its unit, the time and channel. */
export interface FieldChangeJSON {
  readonly type: 'change';
  readonly vin: string;
  /** When the car measured the value (its field time), ISO-8601. */
  readonly at: string;
  /** Dot path of the JSON form, as `fieldTimes` keys it. */
  readonly field: string;
  /** The new value (a number, string, boolean, position or list); absent when no longer known. */
  readonly value?: unknown;
  readonly unit?: string;
  /** How it arrived: `stream`, `rest` or `poll`. */
  readonly channel?: string;
}

/** The changed fields of a `change` of a live account, one entry each, in path order. */
export function fieldChanges(change: LiveChange): FieldChangeJSON[] {
  const leaves = jsonLeaves(vehicleToJSON(change.snapshot));
  return change.changes.map(({ path, time }) => {
    const { value, unit } = splitUnit(path, leaves.get(path));
    return {
      type: 'change',
      vin: change.vin,
      at: formatInstant(time.at),
      field: path,
      ...(value === undefined ? {} : { value }),
      ...(unit === undefined ? {} : { unit }),
      channel: time.channel ?? change.channel,
    };
  });
}

function splitUnit(path: string, leaf: unknown): { value: unknown; unit: string | undefined } {
  if (isJsonObject(leaf) && 'value' in leaf && typeof leaf.unit === 'string') {
    return { value: leaf.value, unit: leaf.unit === '' ? undefined : leaf.unit };
  }
  const last = path.slice(path.lastIndexOf('.') + 1);
  return { value: leaf, unit: typeof leaf === 'number' ? UNIT_BY_LEAF[last] : undefined };
}

/**
 * One changed field as a line for a person:
 * `2026-12-01 07:05:00 UTC  WBA…  fuelAndBattery.remainingBatteryPercent  71 %  (stream)`.
 */
export function fieldChangeText(change: FieldChangeJSON, colors: Colors): string {
  const value = change.value === undefined ? 'no longer known' : valueText(change.value);
  const withUnit = change.unit === undefined ? value : `${value} ${change.unit}`;
  const channel = change.channel === undefined ? '' : `  ${colors.dim(`(${change.channel})`)}`;
  return `${colors.dim(formatTimeSeconds(new Date(change.at)))}  ${colors.dim(change.vin)}  ${change.field}  ${colors.bold(withUnit)}${channel}`;
}

/** A value of the JSON form in a few words: numbers grouped, positions as coordinates, lists counted. */
function valueText(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value, 3);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (isJsonObject(value) && typeof value.latitude === 'number' && typeof value.longitude === 'number') {
    return `${value.latitude.toFixed(5)}, ${value.longitude.toFixed(5)}`;
  }
  if (Array.isArray(value)) return value.length === 1 ? '1 entry' : `${value.length} entries`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
