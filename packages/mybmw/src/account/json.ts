/** A JSON object as the API sends it, not yet validated. */
export type JsonObject = Record<string, unknown>;

/** `value` when it is a plain JSON object, else an empty object. */
export function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** Reads a nested value by keys, or undefined when a step is missing. */
export function pick(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}
