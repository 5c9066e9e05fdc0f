import { BimmerApiError, type BimmerError } from '@bimmer/core';
import { isAccountWideError } from '@bimmer/mybmw/internal';

/**
 * `error` of a vehicle that is on the account as a failure to load it, naming the vehicle: never
 * "not found" or "not supported", since its list names it. Errors about the whole account (login,
 * quota, block, captcha: the SDK's `isAccountWideError`) keep their own message and code, which say
 * it all and pick the exit code.
 */
export function notLoadedError(vin: string, error: BimmerError): BimmerError {
  if (isAccountWideError(error)) return error;
  return new BimmerApiError(`${vin} could not be loaded: ${error.message}`, {
    cause: error,
    hint: error.hint,
    action: error.action,
  });
}
