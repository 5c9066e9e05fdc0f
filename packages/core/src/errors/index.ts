export {
  BimmerError,
  type BimmerErrorAction,
  type BimmerErrorCode,
  type BimmerErrorOptions,
  isBimmerError,
} from './bimmer-error';
export {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerRemoteServiceError,
  BimmerUnsupportedError,
  BimmerValidationError,
  isRemoteOutcomeUnknown,
} from './errors';
