import { errorMessageOf, retryAfterMs } from '@bimmer/auth/internal';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  type BimmerError,
  BimmerNotFoundError,
  BimmerQuotaError,
} from '@bimmer/core';

/** What the error mapping needs to know about a failed response. */
export interface FailedResponse {
  /** The HTTP status (4xx or 5xx). */
  status: number;
  /** The response headers (`Retry-After` is read from them). */
  headers: Headers;
  /** The body as text (binary bodies may be passed as an empty string). */
  body: string;
  /** The request's path, without host or query. */
  endpoint: string;
}

const MAX_DETAIL_LENGTH = 200;

/**
 * The typed error for a failed MyBMW response: 489 or a "Blocked" body -> blocked, 429 or a 403 about
 * a quota -> quota, 401 and other 403 -> auth, 404 -> not found, anything else -> api.
 */
export function errorFromResponse(failed: FailedResponse, now: number = Date.now()): BimmerError {
  const { status, body, endpoint } = failed;
  const detail = describeBody(body);
  const lowerBody = body.toLowerCase();
  if (status === 489 || /\bblocked\b/.test(lowerBody)) {
    return new BimmerBlockedError(undefined, {
      cause: new Error(`HTTP ${status} from ${endpoint}: ${detail}`),
    });
  }
  if (status === 429 || (status === 403 && lowerBody.includes('quota'))) {
    const waitMs = retryAfterMs(failed.headers, body, now);
    return new BimmerQuotaError(
      `MyBMW rate limit or quota reached (HTTP ${status} from ${endpoint}): ${detail}`,
      {
        hint:
          waitMs === undefined
            ? 'Wait a while before the next request and poll less often.'
            : `Try again after ${new Date(now + waitMs).toISOString()} and poll less often.`,
        action: 'wait',
        ...(waitMs === undefined ? {} : { retryAt: new Date(now + waitMs) }),
      },
    );
  }
  if (status === 401 || status === 403) {
    return new BimmerAuthError(`MyBMW refused the credentials (HTTP ${status} from ${endpoint}): ${detail}`, {
      status,
      hint: 'Log in again (check username, password and region; a new captcha token may be needed).',
      action: 'mybmw-login',
    });
  }
  if (status === 404) {
    return new BimmerNotFoundError(
      `MyBMW has nothing at ${endpoint} for this request (HTTP 404): ${detail}`,
      {
        hint: 'Check the VIN: the vehicle may not be on this account, or not support this feature.',
        action: 'check-vin',
      },
    );
  }
  return new BimmerApiError(`MyBMW request to ${endpoint} failed with HTTP ${status}: ${detail}`, {
    status,
    endpoint,
    hint: status >= 500 ? 'The server had a problem; try again later.' : 'Check the request parameters.',
    ...(status >= 500 ? {} : { action: 'check-input' as const }),
  });
}

/** A short, single-line description of an error body, safe for messages. */
function describeBody(body: string): string {
  const text = (errorMessageOf(body) ?? body).replace(/\s+/g, ' ').trim();
  if (text.length === 0) return 'no details';
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}
