/**
 * How long a server asked us to wait before the next call, in milliseconds, or undefined when it
 * did not say. The one reader of every wait BMW sends, for logins, MyBMW and CarData alike:
 * - the `Retry-After` header in seconds (fractions allowed) or as an HTTP date;
 * - else the JSON body's message: `Try again in 12 seconds.` (MyBMW's 429), or the `hh:mm:ss` of
 *   `Quota will be replenished in 02:12:20.` (MyBMW's quota 403: 7,940 s).
 *
 * @param headers the response headers.
 * @param body the response body text (JSON or not).
 * @param now the current time in epoch ms, to turn an HTTP date into a wait.
 */
export function retryAfterMs(headers: Headers, body: string, now: number): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header !== undefined && header !== '') {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header) * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const message = errorMessageOf(body);
  if (message === undefined) return undefined;
  const seconds = /(\d+(?:\.\d+)?)\s*seconds?/i.exec(message);
  if (seconds?.[1] !== undefined) return Math.ceil(Number(seconds[1]) * 1000);
  const clock = /(\d{1,3}):(\d{2}):(\d{2})/.exec(message);
  if (clock !== null) {
    const [, h, m, s] = clock;
    return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  }
  return undefined;
}

/** The `message` (or `error_description`, `error`, `description`) string of a JSON error body. */
export function errorMessageOf(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error', 'description']) {
    const value = record[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}
