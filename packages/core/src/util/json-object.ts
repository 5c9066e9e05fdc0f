/** A JSON object as an API sends it, not yet validated. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array): the one "is a plain object" check. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
