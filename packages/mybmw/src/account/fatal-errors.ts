import { isBimmerError } from '@bimmer/core';

/**
 * Errors that concern the whole account rather than one vehicle: a quota, a failed login, a captcha
 * that is needed, a blocked client. They always propagate; retrying other vehicles would only make
 * them worse.
 */
export function isAccountWideError(error: unknown): boolean {
  return (
    isBimmerError(error, 'quota') ||
    isBimmerError(error, 'auth') ||
    isBimmerError(error, 'blocked') ||
    isBimmerError(error, 'captcha-required')
  );
}
