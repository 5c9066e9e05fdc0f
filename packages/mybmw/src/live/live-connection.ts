import type { BimmerError } from '@bimmer/core';

/**
 * The reason of a `failed` connection when BMW blocks the client (HTTP 489): what happened, that
 * polling stopped, and the fix.
 */
export const BLOCKED_LIVE_REASON =
  'BMW blocks this client (HTTP 489): since 2025-09-29 BMW refuses third-party clients of the MyBMW ' +
  'app API, so polling stopped. Read the vehicles over BMW CarData instead (@bimmer/cardata, the ' +
  '`cardata` transport). The last known state stays available.';

/** The reason of a `failed` connection whose login BMW refused. */
export function loginFailedReason(error: BimmerError): string {
  const what =
    error.code === 'captcha-required'
      ? 'a new MyBMW login needs a captcha token'
      : 'the MyBMW login failed or is no longer valid';
  return (
    `${what} (${error.message}); polling stopped. Log in again (password, and outside China a ` +
    'captcha token), then start the account again. The last known state stays available.'
  );
}

/** The reason of a `reconnecting` connection after BMW's rate limit or quota. */
export function rateLimitedReason(error: BimmerError, retryAt: Date): string {
  return `BMW's rate limit or quota (${error.message}); the next poll is at ${retryAt.toISOString()}.`;
}

/** The reason of a `reconnecting` connection after a poll that failed for another reason. */
export function pollFailedReason(error: unknown, failures: number, retryAt: Date): string {
  const message = error instanceof Error ? error.message : String(error);
  const times = failures === 1 ? 'the last poll' : `the last ${failures} polls`;
  return `${times} failed (${message}); the next poll is at ${retryAt.toISOString()}.`;
}

/** The reason while quiet hours hold the polls back. */
export function quietHoursReason(window: string, until: Date): string {
  return `quiet hours (${window}): no polls until ${until.toISOString()}; the last known state is shown meanwhile.`;
}
