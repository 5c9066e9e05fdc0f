import { BimmerError, type BimmerErrorOptions, isBimmerError } from './bimmer-error';

/** Login failed or the session is no longer valid (wrong password, revoked refresh token, 401). */
export class BimmerAuthError extends BimmerError {
  readonly code = 'auth' as const;
  /** The HTTP status the server answered with, when there was one. */
  readonly status: number | undefined;
  constructor(message: string, options: BimmerErrorOptions & { status?: number | undefined } = {}) {
    super(message, options);
    this.status = options.status;
  }
}

/**
 * A full login is needed and BMW demands a captcha token the caller did not give. The hint says how
 * to get one (docs/captcha.md).
 */
export class BimmerCaptchaRequiredError extends BimmerError {
  readonly code = 'captcha-required' as const;
  /** The region whose login needs the captcha. */
  readonly region: string | undefined;
  constructor(message: string, options: BimmerErrorOptions & { region?: string | undefined } = {}) {
    super(message, options);
    this.region = options.region;
  }
}

/** A rate limit or quota was hit (HTTP 429, 403 quota, CarData's daily call budget). */
export class BimmerQuotaError extends BimmerError {
  readonly code = 'quota' as const;
  /** When the next call is expected to be allowed, when known. */
  readonly retryAt: Date | undefined;
  constructor(message: string, options: BimmerErrorOptions & { retryAt?: Date | undefined } = {}) {
    super(message, options);
    this.retryAt = options.retryAt;
  }
}

/**
 * BMW refused the client outright (HTTP 489 or a body saying "Blocked"). Since 2025-09-29 BMW blocks
 * third-party clients of the MyBMW app API; BMW CarData is the supported way to read a vehicle.
 */
export class BimmerBlockedError extends BimmerError {
  readonly code = 'blocked' as const;
  constructor(
    message = 'BMW blocked this client (HTTP 489). Since 2025-09-29 BMW refuses third-party clients of the MyBMW app API.',
    options: BimmerErrorOptions = {},
  ) {
    super(message, {
      hint: 'Read the vehicle over BMW CarData instead (@bimmer/cardata).',
      action: 'use-cardata',
      ...options,
    });
  }
}

/** An API call failed in a way that is not one of the more specific errors. */
export class BimmerApiError extends BimmerError {
  readonly code = 'api' as const;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The path of the failing endpoint (no host, no query, no secrets). */
  readonly endpoint: string | undefined;
  constructor(
    message: string,
    options: BimmerErrorOptions & { status?: number | undefined; endpoint?: string | undefined } = {},
  ) {
    super(message, options);
    this.status = options.status;
    this.endpoint = options.endpoint;
  }
}

/** Something asked for does not exist: an unknown VIN, a vehicle not on this account. */
export class BimmerNotFoundError extends BimmerError {
  readonly code = 'not-found' as const;
}

/** A remote service ended in ERROR, timed out, or could not be started. */
export class BimmerRemoteServiceError extends BimmerError {
  readonly code = 'remote-service' as const;
  /** The event id BMW gave the command, when it got that far. */
  readonly eventId: string | undefined;
  /** The last execution state seen (e.g. ERROR, PENDING on a timeout). */
  readonly state: string | undefined;
  constructor(
    message: string,
    options: BimmerErrorOptions & { eventId?: string | undefined; state?: string | undefined } = {},
  ) {
    super(message, options);
    this.eventId = options.eventId;
    this.state = options.state;
  }
}

/**
 * True for a remote-service error after which the car may still have carried the command out: BMW
 * had taken it (a state other than ERROR was seen) but its end was not seen (no final status before
 * the deadline, the answer lost). Adapters report such a command as "outcome unknown", never as
 * failed. An error before BMW took the command (no state) or BMW's own ERROR is a failure.
 */
export function isRemoteOutcomeUnknown(error: unknown): boolean {
  if (!isBimmerError(error, 'remote-service')) return false;
  const state = (error as { readonly state?: unknown }).state;
  return typeof state === 'string' && state !== 'ERROR';
}

/** The vehicle or transport does not support what was asked (checked before any request is sent). */
export class BimmerUnsupportedError extends BimmerError {
  readonly code = 'unsupported' as const;
  /** The service or feature that is not supported. */
  readonly feature: string | undefined;
  constructor(message: string, options: BimmerErrorOptions & { feature?: string | undefined } = {}) {
    super(message, options);
    this.feature = options.feature;
  }
}

/** Input (ours or the server's) did not have the expected shape or range. */
export class BimmerValidationError extends BimmerError {
  readonly code = 'validation' as const;
  /** Dot paths of the offending fields, when known. */
  readonly paths: readonly string[];
  constructor(message: string, options: BimmerErrorOptions & { paths?: readonly string[] | undefined } = {}) {
    super(message, options);
    this.paths = options.paths ?? [];
  }
}
