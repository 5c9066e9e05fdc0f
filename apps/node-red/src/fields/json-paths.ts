/**
 * Dot paths into the JSON form of a vehicle (docs/json.md), the names the watch node's field picker,
 * `change` events and `fieldTimes` share: `fuelAndBattery.remainingBatteryPercent`, `mileage`.
 */

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

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value with a unit (`{ value, unit }`) or a position (`{ latitude, longitude }`): one field, not a block. */
export function isLeafObject(value: Json): boolean {
  if (!isPlainObject(value)) return false;
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
    if (isPlainObject(value) && !isLeafObject(value)) {
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

/** The value at a dot path, or undefined. */
export function valueAtPath(json: Json, path: string): Json {
  let current: Json = json;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The paths whose values differ between two JSON forms (added, removed or changed), sorted. */
export function changedPaths(before: Json, after: Json): string[] {
  const previous = leafEntries(before);
  const next = leafEntries(after);
  const changed = new Set<string>();
  for (const [path, value] of next) {
    if (!previous.has(path) || JSON.stringify(previous.get(path)) !== JSON.stringify(value))
      changed.add(path);
  }
  for (const path of previous.keys()) if (!next.has(path)) changed.add(path);
  return [...changed].sort();
}

/**
 * A JSON object holding only `paths` of `json`, nested as in the JSON form (`{ fuelAndBattery: {
 * remainingBatteryPercent: 80 } }`). Paths without a value are left out.
 */
export function pickPaths(json: Json, paths: readonly string[]): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const path of paths) {
    const value = valueAtPath(json, path);
    if (value === undefined) continue;
    const keys = path.split('.');
    let target = result;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (!isPlainObject(next)) target[key] = {};
      target = target[key] as Record<string, Json>;
    }
    target[keys[keys.length - 1] as string] = value;
  }
  return result;
}
