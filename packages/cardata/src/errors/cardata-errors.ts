import {
  BimmerApiError,
  BimmerAuthError,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerValidationError,
} from '@bimmer/core';
import { compact } from '@bimmer/core/internal';
import { type CarDataErrorOptions, withCarDataDetails } from './cardata-error-details';

/** Token missing, expired, revoked or without the CarData scope (CU-100…103, invalid_token). */
export class CarDataAuthError extends withCarDataDetails(BimmerAuthError) {
  constructor(message: string, options: CarDataErrorOptions = {}) {
    super(message, compact(options));
  }
}

/** BMW's rate limit (HTTP 429 or CU-429), or our own ledger refusing a call before it is sent. */
export class CarDataQuotaError extends withCarDataDetails(BimmerQuotaError) {
  constructor(message: string, options: CarDataErrorOptions & { readonly retryAt?: Date | undefined } = {}) {
    super(message, compact(options));
  }
}

/** No data of that kind for the vehicle: no image (CU-126), no charging settings (CU-127), … */
export class CarDataNotFoundError extends withCarDataDetails(BimmerNotFoundError) {
  constructor(message: string, options: CarDataErrorOptions = {}) {
    super(message, compact(options));
  }
}

/** A malformed VIN, container id, parameter or descriptor (CU-120, CU-121, CU-400…402). */
export class CarDataValidationError extends withCarDataDetails(BimmerValidationError) {
  constructor(message: string, options: CarDataErrorOptions & { readonly paths?: readonly string[] } = {}) {
    super(message, compact(options));
  }
}

/**
 * Any other CarData failure: permissions, container limits, BMW server errors, an answer that is
 * not what BMW documents (malformed or cut off), no answer at all.
 */
export class CarDataApiError extends withCarDataDetails(BimmerApiError) {
  constructor(message: string, options: CarDataErrorOptions = {}) {
    super(message, compact(options));
  }
}

/** Any of the five CarData errors. */
export type CarDataError =
  | CarDataAuthError
  | CarDataQuotaError
  | CarDataNotFoundError
  | CarDataValidationError
  | CarDataApiError;
