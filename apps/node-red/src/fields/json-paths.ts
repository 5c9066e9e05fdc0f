/**
 * Dot paths into the JSON form of a vehicle (docs/json.md), the names the watch node's field picker,
 * `change` events and `fieldTimes` share: `fuelAndBattery.remainingBatteryPercent`, `mileage`.
 */

import { isJsonObject } from '@bimmer/core/internal';

/**
 * Keys of the JSON form that describe the snapshot rather than the car; they never count as a
 * change (`timestamp` is the newest field's time, so it moves with every other change).
 */
export const METADATA_KEYS: ReadonlySet<string> = new Set([
  'fetchedAt',
  'fieldTimes',
  'issues',
  'source',
  'timestamp',
]);

type Json = unknown;

/** A value with a unit (`{ value, unit }`) or a position (`{ latitude, longitude }`): one field, not a block. */
export function isLeafObject(value: Json): boolean {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 2 && 'value' in value && 'unit' in value) return true;
  return 'latitude' in value && 'longitude' in value && keys.length <= 2;
}

/**
 * Every field of a JSON form as `path → value`: scalars, arrays, values with a unit and positions are
 * fields; other objects are blocks and are walked. Metadata keys are left out.
 */
export function leafEntries(json: Json, prefix = ''): Map<string, Json> {
  const entries = new Map<string, Json>();
  const walk = (value: Json, path: string) => {
    if (isJsonObject(value) && !isLeafObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (path === '' && METADATA_KEYS.has(key)) continue;
        walk(child, path === '' ? key : `${path}.${key}`);
      }
      return;
    }
    if (path !== '') entries.set(path, value);
  };
  walk(json, prefix);
  return entries;
}

/** An item of a list addressed by its `name` (a lid or window: `doorsAndWindows.lids.trunk`). */
function namedItem(list: readonly Json[], name: string): Json {
  return list.find((item) => isJsonObject(item) && item.name === name);
}

/**
 * The value at a dot path, or undefined. Lists of named items (lids, windows) are walked by name,
 * as `change` events and `fieldTimes` address them: `doorsAndWindows.lids.trunk` is the trunk's entry.
 */
export function valueAtPath(json: Json, path: string): Json {
  let current: Json = json;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = namedItem(current, key);
    else if (isJsonObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

/**
 * A JSON object holding only `paths` of `json`, nested as in the JSON form (`{ fuelAndBattery: {
 * remainingBatteryPercent: 80 } }`); a named item of a list stays an item of that list
 * (`doorsAndWindows.lids.trunk` → `{ doorsAndWindows: { lids: [{ name: 'trunk', ... }] } }`). Paths
 * without a value are left out.
 */
export function pickPaths(json: Json, paths: readonly string[]): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const path of paths) {
    const value = valueAtPath(json, path);
    if (value === undefined) continue;
    const keys = path.split('.');
    let source: Json = json;
    let target: Record<string, Json> | Json[] = result;
    for (const [index, key] of keys.entries()) {
      const last = index === keys.length - 1;
      if (Array.isArray(target)) {
        // A named item (its whole entry): added once, in the order asked.
        const item = Array.isArray(source) ? namedItem(source, key) : undefined;
        if (item !== undefined && !target.includes(item)) target.push(item);
        break;
      }
      if (last) {
        target[key] = value;
        break;
      }
      source = isJsonObject(source) ? source[key] : undefined;
      const next = target[key];
      if (Array.isArray(source)) {
        if (!Array.isArray(next)) target[key] = [];
      } else if (!isJsonObject(next)) target[key] = {};
      target = target[key] as Record<string, Json> | Json[];
    }
  }
  return result;
}
