/** How long the server asked us to wait before the next call, in milliseconds, or undefined if it did not say. */
export function serverRequestedWaitMs(
  headers: Headers,
  body: string,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const message = messageOf(body);
  if (message === undefined) return undefined;
  // "Rate limit is exceeded. Try again in 12 seconds." (the reference reads only the first digit).
  const seconds = /(\d+(?:\.\d+)?)\s*seconds?/i.exec(message);
  if (seconds?.[1] !== undefined) return Math.ceil(Number(seconds[1]) * 1000);
  // "Out of call volume quota. Quota will be replenished in 02:12:20."
  const clock = /(\d{1,3}):(\d{2}):(\d{2})/.exec(message);
  if (clock !== null) {
    const [, h, m, s] = clock;
    return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  }
  return undefined;
}

/** The `message` (or `error_description`/`error`) string of a JSON error body, if there is one. */
export function messageOf(body: string): string | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    const record = json as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error', 'description']) {
      const value = record[key];
      if (typeof value === 'string' && value.length > 0) return value;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
