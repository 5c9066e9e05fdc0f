import * as v from 'valibot';
import {
  CarDataApiError,
  CarDataAuthError,
  type CarDataError,
  CarDataNotFoundError,
  CarDataQuotaError,
  CarDataValidationError,
} from './cardata-errors';
import { CU_CODES, type CuErrorKind } from './cu-codes';

/** BMW's error body (`CustomerErrorResponse`); every field may be missing. */
export const CarDataErrorBodySchema = v.object({
  exveErrorId: v.optional(v.string()),
  exveErrorMsg: v.optional(v.string()),
  exveErrorRef: v.optional(v.string()),
  exveNote: v.optional(v.string()),
});

/** BMW's error body, as read by {@link readCarDataErrorBody}. */
export type CarDataErrorBody = v.InferOutput<typeof CarDataErrorBodySchema>;

/**
 * Reads a CU error body; tolerates anything (an error answer may be HTML, empty or cut off). Only
 * the id and the message key are kept: `exveErrorRef` and `exveNote` are free text that may echo a
 * token.
 */
export function readCarDataErrorBody(body: unknown): CarDataErrorBody {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const pick = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const result: { exveErrorId?: string; exveErrorMsg?: string } = {};
  const id = pick('exveErrorId');
  const msg = pick('exveErrorMsg');
  if (id !== undefined) result.exveErrorId = id;
  if (msg !== undefined) result.exveErrorMsg = msg;
  return result;
}

/**
 * Turns a failed CarData response into a typed error with the CU code, a hint and an action. The
 * message never echoes BMW's free text beyond the error id and message key, so no token can leak
 * into it.
 */
export function carDataErrorFromResponse(
  status: number,
  body: unknown,
  endpoint: string,
  retryAt?: Date,
): CarDataError {
  const { exveErrorId: cuCode, exveErrorMsg } = readCarDataErrorBody(body);
  // The ids are not dependable (CU-127 came with invalid_token), so the message key wins for tokens.
  const known =
    exveErrorMsg === 'invalid_token'
      ? CU_CODES['CU-101']
      : cuCode === undefined
        ? undefined
        : CU_CODES[cuCode];
  const kind: CuErrorKind =
    known?.kind ??
    (status === 429 ? 'quota' : status === 401 ? 'auth' : status === 404 ? 'not-found' : 'api');
  const message = `${known?.message ?? `CarData answered HTTP ${status}.`} (${[
    cuCode,
    `HTTP ${status}`,
    endpoint,
  ]
    .filter(Boolean)
    .join(', ')})`;
  const hint =
    known?.hint ??
    (status >= 500 || status === 429
      ? 'Try again later.'
      : 'Check the request; see the @bimmer/cardata README.');
  const action =
    known?.action ??
    (status >= 500 || status === 429 ? 'wait' : status === 401 ? 'cardata-login' : undefined);
  const options = { hint, action, cuCode, status, endpoint };
  switch (kind) {
    case 'auth':
      return new CarDataAuthError(message, options);
    case 'quota':
      return new CarDataQuotaError(message, { ...options, retryAt });
    case 'not-found':
      return new CarDataNotFoundError(message, options);
    case 'validation':
      return new CarDataValidationError(message, options);
    default:
      return new CarDataApiError(message, options);
  }
}
