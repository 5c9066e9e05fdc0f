import {
  BimmerApiError,
  BimmerAuthError,
  type BimmerErrorOptions,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerValidationError,
} from '@bimmer/core';

/** What every CarData REST error carries besides the core error fields. */
export interface CarDataErrorDetails {
  /** BMW's error id, e.g. `CU-103`; undefined when the body had none. */
  readonly cuCode: string | undefined;
  /** The HTTP status BMW answered with. */
  readonly status: number | undefined;
}

type Extra = { cuCode?: string | undefined; status?: number | undefined; endpoint?: string };

/** The core error options without the keys whose value is undefined (exactOptionalPropertyTypes). */
function coreOptions(
  options: BimmerErrorOptions & Extra,
): BimmerErrorOptions & { status?: number; endpoint?: string } {
  const result: BimmerErrorOptions & { status?: number; endpoint?: string } = {};
  if (options.cause !== undefined) result.cause = options.cause;
  if (options.hint !== undefined) result.hint = options.hint;
  if (options.action !== undefined) result.action = options.action;
  if (options.status !== undefined) result.status = options.status;
  if (options.endpoint !== undefined) result.endpoint = options.endpoint;
  return result;
}

/** Token missing, expired, revoked or without the CarData scope (CU-100…103, invalid_token). */
export class CarDataAuthError extends BimmerAuthError implements CarDataErrorDetails {
  readonly cuCode: string | undefined;
  constructor(message: string, options: BimmerErrorOptions & Extra = {}) {
    super(message, coreOptions(options));
    this.cuCode = options.cuCode;
  }
}

/** BMW's rate limit (HTTP 429 or CU-429), or our own ledger refusing a call before it is sent. */
export class CarDataQuotaError extends BimmerQuotaError implements CarDataErrorDetails {
  readonly cuCode: string | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: BimmerErrorOptions & Extra & { retryAt?: Date } = {}) {
    super(message, options);
    this.cuCode = options.cuCode;
    this.status = options.status;
  }
}

/** No data of that kind for the vehicle: no image (CU-126), no charging settings (CU-127), … */
export class CarDataNotFoundError extends BimmerNotFoundError implements CarDataErrorDetails {
  readonly cuCode: string | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: BimmerErrorOptions & Extra = {}) {
    super(message, options);
    this.cuCode = options.cuCode;
    this.status = options.status;
  }
}

/** A malformed VIN, container id, parameter or descriptor (CU-120, CU-121, CU-400…402). */
export class CarDataValidationError extends BimmerValidationError implements CarDataErrorDetails {
  readonly cuCode: string | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: BimmerErrorOptions & Extra = {}) {
    super(message, options);
    this.cuCode = options.cuCode;
    this.status = options.status;
  }
}

/** Any other CarData failure: permissions, container limits, BMW server errors. */
export class CarDataApiError extends BimmerApiError implements CarDataErrorDetails {
  readonly cuCode: string | undefined;
  constructor(message: string, options: BimmerErrorOptions & Extra = {}) {
    super(message, coreOptions(options));
    this.cuCode = options.cuCode;
  }
}

/** BMW's error body (`CustomerErrorResponse`). */
export interface CarDataErrorBody {
  exveErrorId?: string;
  exveErrorMsg?: string;
  exveErrorRef?: string;
  exveNote?: string;
}

type ErrorKind = 'auth' | 'quota' | 'not-found' | 'validation' | 'api';

/** What each documented CU code means for the user (integration guide §3.4). */
const CU_CODES: Record<string, { kind: ErrorKind; message: string; hint: string }> = {
  'CU-100': {
    kind: 'auth',
    message: 'CarData received no access token.',
    hint: 'Log in again (bimmer login --cardata).',
  },
  'CU-101': {
    kind: 'auth',
    message: 'CarData rejected the access token.',
    hint: 'Log in again (bimmer login --cardata); the refresh token may have been revoked.',
  },
  'CU-102': {
    kind: 'auth',
    message: 'The CarData access token has expired.',
    hint: 'The token is refreshed automatically; try again.',
  },
  'CU-103': {
    kind: 'auth',
    message: 'The access token lacks the CarData scope (cardata:api:read).',
    hint: 'Subscribe "CarData API" for the client ID in the portal, wait two minutes, then log in again; bimmer always requests the scope explicitly.',
  },
  'CU-104': {
    kind: 'api',
    message: 'This account may not read that vehicle.',
    hint: 'Only the PRIMARY user of a vehicle gets CarData; check the mapping in the MyBMW app.',
  },
  'CU-105': {
    kind: 'api',
    message: 'This account may not use that container.',
    hint: 'The container belongs to someone else or was deleted; bimmer creates a new one on the next call.',
  },
  'CU-120': {
    kind: 'validation',
    message: 'The VIN is malformed.',
    hint: 'A VIN has 17 upper-case letters and digits.',
  },
  'CU-121': {
    kind: 'validation',
    message: 'The container id is malformed.',
    hint: 'A container id has 13 characters.',
  },
  'CU-122': {
    kind: 'api',
    message: 'The container is already being deleted.',
    hint: 'Nothing to do; it disappears within 29 days.',
  },
  'CU-124': {
    kind: 'api',
    message: 'The account already has the maximum of 10 containers.',
    hint: "Delete containers you no longer use (bimmer only deletes its own); other apps' containers count too.",
  },
  'CU-125': {
    kind: 'validation',
    message: 'The pagination token has expired.',
    hint: 'Start the listing again from the first page.',
  },
  'CU-126': {
    kind: 'not-found',
    message: 'BMW has no image of this vehicle.',
    hint: 'Nothing to do; not every vehicle has one.',
  },
  'CU-127': {
    kind: 'not-found',
    message: 'BMW has no location-based charging settings for this vehicle.',
    hint: 'They appear after the car has charged at a location a few times.',
  },
  'CU-400': {
    kind: 'validation',
    message: 'CarData rejected the request as malformed.',
    hint: 'Please report this as a bimmer bug.',
  },
  'CU-401': {
    kind: 'validation',
    message: 'CarData rejected a request parameter.',
    hint: 'Check the VIN, dates and container id.',
  },
  'CU-402': {
    kind: 'validation',
    message: 'CarData rejected a descriptor key.',
    hint: 'Remove unknown telematic descriptors from the container definition.',
  },
  'CU-429': {
    kind: 'quota',
    message: "BMW's CarData rate limit (50 calls a day) is reached.",
    hint: 'Use the stream for live data; REST calls are available again after the reset.',
  },
  'CU-500': { kind: 'api', message: 'CarData had an internal error.', hint: 'Try again later.' },
  'CU-503': {
    kind: 'api',
    message: 'CarData is unavailable.',
    hint: 'Try again later; BMW may be doing maintenance.',
  },
};

/** Reads a CU error body; tolerates anything. */
export function readCarDataErrorBody(body: unknown): CarDataErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const pick = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const result: CarDataErrorBody = {};
  const id = pick('exveErrorId');
  const msg = pick('exveErrorMsg');
  if (id !== undefined) result.exveErrorId = id;
  if (msg !== undefined) result.exveErrorMsg = msg;
  return result;
}

/**
 * Turns a failed CarData response into a typed error with the CU code and a hint. The message never
 * echoes BMW's free text beyond the error id and message key, so no token can leak into it.
 */
export function carDataErrorFromResponse(
  status: number,
  body: unknown,
  endpoint: string,
  retryAt?: Date,
): CarDataAuthError | CarDataQuotaError | CarDataNotFoundError | CarDataValidationError | CarDataApiError {
  const { exveErrorId: cuCode, exveErrorMsg } = readCarDataErrorBody(body);
  // The ids are not dependable (CU-127 came with invalid_token), so the message key wins for tokens.
  const known =
    exveErrorMsg === 'invalid_token'
      ? CU_CODES['CU-101']
      : cuCode === undefined
        ? undefined
        : CU_CODES[cuCode];
  const kind: ErrorKind =
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
    (status >= 500 ? 'Try again later.' : 'Check the request; see the @bimmer/cardata README.');
  const options = { hint, cuCode, status, endpoint };
  switch (kind) {
    case 'auth':
      return new CarDataAuthError(message, options);
    case 'quota':
      return new CarDataQuotaError(message, { ...options, ...(retryAt === undefined ? {} : { retryAt }) });
    case 'not-found':
      return new CarDataNotFoundError(message, options);
    case 'validation':
      return new CarDataValidationError(message, options);
    default:
      return new CarDataApiError(message, options);
  }
}
