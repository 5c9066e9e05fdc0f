/** The wait before retrying a 429 when the server says nothing usable (bimmer_connected's fallback: 2 × 2 s). */
export const DEFAULT_RETRY_WAIT_SECONDS = 4;

/**
 * How many seconds a 429 asks us to wait: the `Retry-After` header (seconds or an HTTP date), else the
 * first whole number in the JSON body's `message` (BMW says `Try again in 10 seconds.`; bimmer_connected
 * read only its first digit and doubled it), else {@link DEFAULT_RETRY_WAIT_SECONDS}.
 *
 * @param retryAfter the `Retry-After` header, if any.
 * @param body the response body text.
 * @param now the current time in epoch ms, to turn an HTTP date into seconds.
 */
export function retryWaitSeconds(retryAfter: string | null, body: string, now: number): number {
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const trimmed = retryAfter.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const message = messageOf(body);
  const whole = message === undefined ? undefined : /\d+/.exec(message)?.[0];
  return whole === undefined ? DEFAULT_RETRY_WAIT_SECONDS : Number(whole);
}

function messageOf(body: string): string | undefined {
  try {
    const data: unknown = JSON.parse(body);
    if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') {
      return data.message;
    }
  } catch {
    // Not JSON: nothing to read.
  }
  return undefined;
}
