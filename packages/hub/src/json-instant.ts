/**
 * An instant as the JSON form writes it (docs/json.md): ISO 8601 in UTC with `Z`, whole seconds
 * unless there are milliseconds. Every timestamp the hub publishes uses it, so consumers parse one
 * format.
 */
export function jsonInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
