export type { Account, SimulatorAccountOptions } from './accounts';
export {
  CAPTCHA_HEIGHT,
  CAPTCHA_WIDTH,
  formatPosition,
  renderCaptcha,
  solveSliderCaptcha,
} from './captcha-image';
export {
  CAPTCHA_POLICIES,
  type CaptchaPolicy,
  DEFAULT_CAPTCHA_POLICY,
} from './captcha-tokens';
export { readCarDataVehicles } from './cardata/fixture-vehicles';
export type { CarDataSimulator, CarDataSimulatorContext, SimulatedVehicle } from './cardata/index';
export { generateChinaLoginNonce, type NonceVerdict, verifyChinaLoginNonce } from './china-nonce';
export { CAPTCHA_TOLERANCE, type ChinaCaptchaSource } from './china-routes';
export { type ParsedArguments, parseArguments, simulatorUsage, USAGE } from './cli-args';
export {
  DEFAULT_OAUTH_CLIENTS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  DEMO_ACCOUNT,
  type OAuthClient,
  OCP_APIM_KEYS,
  QUOTA_MESSAGE,
  RATE_LIMIT_MESSAGE,
  type RegionCode,
} from './constants';
export {
  type ActiveFault,
  FAULT_GRAMMAR,
  type FaultKind,
  type FaultSpec,
  formatFaultSpec,
  parseFaultSpec,
} from './faults';
export type { SentPoi } from './fleet';
export { KNOWN_PLACES } from './geocoding';
export type { FinderPosition } from './remote-effects';
export type { RemoteEvent, RemoteOutcome, RemoteServiceBehaviour } from './remote-events';
export { type LoggedRequest, MASK } from './request-log';
export {
  DEFAULT_CARDATA_VEHICLES,
  DEFAULT_FINGERPRINTS,
  type Simulator,
  type SimulatorClientClock,
  type SimulatorOptions,
  startSimulator,
} from './simulator';
