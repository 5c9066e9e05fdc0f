// The account and its vehicles (bimmer_connected's `MyBMWAccount` and `MyBMWVehicle`, camelCase).
export { type RemoteServicePosition, VehicleViewDirection } from '@bimmer/core';
export type {
  AccountAuthenticator,
  AccountTransportOptions,
  GetVehiclesOptions,
} from './account/account';
export { type GPSPosition, gpsPosition } from './account/gps-position';
export type { LoadFailure, LoadReport } from './account/load-report';
export { MyBMWAccount, type MyBMWAccountOptions, Regions } from './account/mybmw-account';
export { MyBMWVehicle, type VehicleData } from './account/vehicle';
export type { VehicleAccount } from './account/vehicle-account';
export { VehicleStateData } from './account/vehicle-state-data';

// The HTTP client every request of an account goes through (`account.client`, used by @bimmer/remote).
export {
  MyBMWClient,
  type MyBMWClientOptions,
  type MyBMWRequest,
  type MyBMWResponse,
  type Sleep,
} from './http/client';
export type { MyBMWTokenSource } from './http/token-source';

// The live account: the live-account contract of @bimmer/core by polling (Node-RED, Homebridge, `bimmer stream`).
export {
  MYBMW_LIVE_DEFAULTS,
  type MyBMWLiveAccountLogin,
  type MyBMWLiveAccountOptions,
  type MyBMWLiveCredentials,
  type MyBMWLiveSettings,
  type ResolvedLiveSettings,
} from './live/live-account-options';
export { MyBMWLiveAccount } from './live/mybmw-live-account';
export { openMyBMWLiveAccount } from './live/open-live-account';
export type { QuietHours } from './live/quiet-hours';

// Deliberately not exported: endpoint paths, the error mapping and the concurrency limiter (sibling
// packages get what they share from `@bimmer/mybmw/internal`). Regions and brands are @bimmer/core's
// `Region` and `CarBrand`; the captured-response type is @bimmer/core's `CapturedResponse`.
