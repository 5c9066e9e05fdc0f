/**
 * `@bimmer/simulator`: a local BMW backend (MyBMW and CarData, HTTP and MQTT on 127.0.0.1) for the
 * demo, for development and for end-to-end tests.
 *
 * Deliberately not exported: the routes, the fleet and token stores, the CarData side's internals,
 * and the captcha renderer with the answer it expects (a client solves captchas with `@bimmer/auth`'s
 * `solveSliderCaptcha`). `src/index.test.ts` lists every runtime export, so a new one is a visible change.
 */

// Starting it, and the handle tests drive it with.
export type { SimulatorAccountOptions } from './accounts';
// Logins: the demo account, the clients BMW's config hands out, captcha policies, China's nonce.
export { CAPTCHA_POLICIES, type CaptchaPolicy, DEFAULT_CAPTCHA_POLICY } from './captcha-tokens';
// CarData scenarios: timelines of stream messages and REST data, played on the simulator clock.
export {
  parseScenario,
  readScenarioFile,
  type Scenario,
  type ScenarioMessage,
  type ScenarioStep,
  type ScenarioValue,
} from './cardata/scenario';
export type { ScenarioPlayback } from './cardata/scenario-player';
export { generateChinaLoginNonce, type NonceVerdict, verifyChinaLoginNonce } from './china-nonce';
export type { ChinaCaptchaSource } from './china-routes';

// The command line of `bimmer-simulator` (and of `bimmer simulator`, which takes the same flags).
export { type ParsedArguments, parseArguments, simulatorUsage, USAGE } from './cli-args';
// What the simulator answers with, for clients that must recognise it: BMW's 429 and quota texts,
// the places the geocoder knows.
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

// Faults: one grammar for options, flags, the handle and the admin endpoint.
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
  DEFAULT_SCENARIOS,
  type Simulator,
  type SimulatorClientClock,
  type SimulatorOptions,
  startSimulator,
} from './simulator';
export type { VehicleStateChange } from './state-change';
