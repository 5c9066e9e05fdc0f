/**
 * Helpers shared between bimmer's own packages (`@bimmer/mybmw/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/mybmw`.
 */
export { isAccountWideError } from './account/fatal-errors';
export { MyBMWEndpoints } from './endpoints';
export { isUnknownOutcome } from './http/unknown-outcome';
