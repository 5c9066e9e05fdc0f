export {
  CARDATA_API_SCOPE,
  CARDATA_DEFAULT_SCOPE,
  CARDATA_LOGIN_BASE_URL,
  CARDATA_STREAMING_SCOPE,
} from './constants';
export {
  type CarDataDeviceLoginOptions,
  type CarDataPollEvent,
  type CarDataUserCodePrompt,
  loginWithCarDataDeviceCode,
} from './device-flow';
export { type CarDataPkcePair, createCarDataPkcePair } from './pkce';
export { type CarDataRefreshOptions, refreshCarDataTokens } from './refresh';
export { CARDATA_REQUIRED_SCOPES, type CarDataScopeRequirement, missingCarDataScopes } from './scopes';
export { CarDataSession, type CarDataSessionOptions, carDataRefreshLockPathOf } from './session';
export { type CarDataTokens, isCarDataTokens } from './tokens';
