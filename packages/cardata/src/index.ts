/**
 * `@bimmer/cardata`: BMW CarData for applications. What is exported here is the public API, and
 * `index.test.ts` keeps the list of runtime exports, so that a new export is a reviewed change.
 *
 * Deliberately not exported: the container manager, the CU-code table and the mapping of error
 * answers, the value parsers and the valibot schemas (helpers for bimmer's own packages, in the
 * unstable `@bimmer/cardata/internal` entry), and the backoff and rotation arithmetic of the
 * stream (tuned through `CarDataStreamOptions`).
 */

// Accounts and vehicles: open, load, stream.
export {
  type CachedMappings,
  type CachedVehicleMapping,
  cachedMappingsOf,
} from './account/cached-mappings';
export {
  CarDataAccount,
  type CarDataAccountEvents,
  type CarDataAccountOptions,
  type CarDataChangeEvent,
  type CarDataGetVehiclesOptions,
  type CarDataStreamHandle,
} from './account/cardata-account';
export { CarDataVehicle } from './account/cardata-vehicle';
export type { CarDataLoadReport, CarDataMissingData } from './account/load-report';
export {
  carDataRefreshLockPathFor,
  carDataStatePathFor,
  type OpenCarDataAccountOptions,
  openCarDataAccount,
} from './account/open-account';
export type { CarDataRemoteServices } from './account/read-only-remote-services';
// Descriptors and the mapping onto the core model.
export {
  CARDATA_DESCRIPTORS,
  DEFAULT_CONTAINER_DESCRIPTORS,
  type DescriptorKind,
  type DescriptorName,
  descriptorKey,
} from './descriptors';
// Errors: one class per core code, each with `cuCode`, `status` and `endpoint`.
export type { CarDataErrorDetails, CarDataErrorOptions } from './errors/cardata-error-details';
export {
  CarDataApiError,
  CarDataAuthError,
  type CarDataError,
  CarDataNotFoundError,
  CarDataQuotaError,
  CarDataValidationError,
} from './errors/cardata-errors';
// The live account: the live-account contract of @bimmer/core over the stream and a REST budget.
export {
  CarDataLiveAccount,
  type CarDataLiveBudget,
  type LastRefresh,
  type RawStreamMessage,
} from './live/cardata-live-account';
export type { CarDataLiveAccountOptions } from './live/live-account-options';
export { openCarDataLiveAccount } from './live/open-live-account';
export {
  type AutomaticReadReason,
  type PolicyAction,
  type PolicyDecision,
  type PolicyInput,
  type PolicyVehicle,
  type ReadHeldBy,
  type RestBudgetPlan,
  RestBudgetPolicy,
  type VehicleReadPlan,
} from './live/rest-budget-policy';
export {
  DEFAULT_REST_BUDGET,
  type RestBudgetOptions,
  type RestBudgetSettings,
  resolveRestBudgetSettings,
} from './live/rest-budget-settings';
export { isRestOnlyDescriptor, REST_ONLY_DESCRIPTORS } from './live/rest-only-descriptors';
export {
  type CarDataSnapshotInput,
  type CarDataVehicleSnapshot,
  toVehicleSnapshot,
} from './model/to-snapshot';
// The REST budget and the state file it lives in.
export { QuotaLedger, type QuotaLedgerOptions, type QuotaUsage } from './quota/quota-ledger';
export type { QuotaWindowKind } from './quota/quota-window';
// REST: the client and the checked shapes of BMW's answers.
export { CARDATA_API_BASE_URL, CarDataRestClient, type CarDataRestClientOptions } from './rest/rest-client';
export type {
  ChargingHistoryPageDto,
  ChargingSessionDto,
  ContainerDetailsDto,
  ContainerDto,
  CreateContainerRequest,
  LocationBasedChargingSettingDto,
  LocationBasedChargingSettingsPageDto,
  TelematicDataEntryDto,
  TelematicDataResponseDto,
  TyreDataDto,
  TyreDiagnosisDto,
  TyreSetDto,
  VehicleBasicDataDto,
  VehicleMappingDto,
} from './rest/schemas';
export type { CarDataTokenSource } from './rest/token-source';
export { summarizeTyreDiagnosis, type TyreDiagnosisSummary, type TyreSummary } from './rest/tyre-diagnosis';
export {
  type PairedLocation,
  type TelemetrySource,
  type TelemetryValue,
  VehicleTelemetry,
  type VehicleTelemetryOptions,
} from './state/vehicle-telemetry';
export { carDataAccountKey } from './store/account-key';
export { FileCarDataStateStore, type FileCarDataStateStoreOptions } from './store/file-state-store';
export {
  type CachedValue,
  type CarDataAccountState,
  type CarDataState,
  type CarDataStateStore,
  type LostLedger,
  MemoryCarDataStateStore,
} from './store/state-store';
// The stream: one connection per account, its messages, and the telemetry they build.
export type { ReconnectBackoffOptions } from './stream/reconnect-backoff';
export {
  CARDATA_STREAM_URL,
  CarDataStreamConnection,
  type CarDataStreamOptions,
  type StreamConnectionEvents,
  type StreamConnectionState,
  type StreamStateChange,
} from './stream/stream-connection';
export {
  parseStreamMessage,
  type StreamDataEntry,
  type StreamMessage,
  type StreamMessageResult,
} from './stream/stream-message';
export { acquireCarDataStream, type StreamLease } from './stream/stream-registry';
export type { TelematicValue } from './telematic-value';
