/** `T` with `undefined` removed from every property's type. */
export type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * Drops the keys whose value is undefined. For the few places where a key must really be absent
 * (the JSON form never has `undefined`; `exactOptionalPropertyTypes` option objects); relays of
 * optional options should declare `x?: T | undefined` instead.
 */
export function compact<T extends object>(value: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as Defined<T>;
}
