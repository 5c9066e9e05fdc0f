/**
 * Safe readers over the core JSON form of a vehicle. The renderer takes `unknown` on purpose: it works
 * for any transport and for partial snapshots (CarData delivers fields at different times), and a
 * missing or odd field just leaves its line out.
 */

/** A JSON object, or undefined when `value` is not one. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The value at a path of keys, or undefined. */
export function at(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    const record = asRecord(current);
    if (record === undefined) return undefined;
    current = record[key];
  }
  return current;
}

/** A finite number, or undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A non-empty string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A boolean, or undefined. */
export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An array, or an empty one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A value with a unit (`{ value, unit }`), or undefined when empty. */
export function asValueWithUnit(value: unknown): { value: number; unit: string | undefined } | undefined {
  const number = asNumber(at(value, 'value'));
  if (number === undefined) return undefined;
  return { value: number, unit: asString(at(value, 'unit')) };
}

/** A date from an ISO-8601 string, or undefined when absent or unparseable. */
export function asDate(value: unknown): Date | undefined {
  const text = asString(value);
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
