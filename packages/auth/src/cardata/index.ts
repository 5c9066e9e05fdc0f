export { CARDATA_DEFAULT_SCOPE, CARDATA_LOGIN_BASE_URL } from './constants';
export {
  type CarDataDeviceLoginOptions,
  type CarDataPollEvent,
  type CarDataUserCodePrompt,
  loginWithCarDataDeviceCode,
} from './device-flow';
export { type CarDataPkcePair, createCarDataPkcePair } from './pkce';
export { type CarDataRefreshOptions, refreshCarDataTokens } from './refresh';
export { CarDataSession, type CarDataSessionOptions, carDataRefreshLockPathOf } from './session';
export { type CarDataTokens, isCarDataTokens } from './tokens';
