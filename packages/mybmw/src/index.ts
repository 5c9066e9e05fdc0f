export { type RemoteServicePosition, VehicleViewDirection } from '@bimmer/core';
export {
  type AccountAuthenticator,
  AccountCore,
  type AccountCoreOptions,
  type AccountTransportOptions,
  type GetVehiclesOptions,
} from './account/account';
export { isAccountWideError } from './account/fatal-errors';
export { type GPSPosition, gpsPosition } from './account/gps-position';
export { asObject, type JsonObject, pick } from './account/json';
export type { LoadFailure, LoadReport } from './account/load-report';
export { MyBMWAccount, type MyBMWAccountOptions, Regions } from './account/mybmw-account';
export { MyBMWVehicle, type VehicleData, type VehicleStateData } from './account/vehicle';
export type { VehicleAccount } from './account/vehicle-account';
export { VehicleAttributes } from './account/vehicle-attributes';
export { MyBMWEndpoints } from './endpoints';
export { brandOfProfile, MY_BMW_BRANDS, type MyBMWBrand } from './http/brand';
export type { CapturedResponse } from './http/captured-response';
export { MyBMWClient, type MyBMWClientOptions, type MyBMWRequest, type MyBMWResponse } from './http/client';
export { createLimiter, type Limiter } from './http/concurrency';
export { errorFromResponse, type FailedResponse } from './http/error-mapping';
export { realSleep, type Sleep } from './http/sleep';
export type { MyBMWTokenSource } from './http/token-source';
