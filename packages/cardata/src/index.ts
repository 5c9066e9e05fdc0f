export {
  type CachedMappings,
  type CachedVehicleMapping,
  cachedMappingsOf,
  unreadableReason,
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
export { type CarDataRemoteServices, carDataReadOnlyError } from './account/read-only-remote-services';
export {
  ContainerManager,
  type ContainerSpec,
  containerPurpose,
  descriptorSignature,
  MAX_CONTAINERS,
} from './containers/container-manager';
export {
  CARDATA_DESCRIPTORS,
  DEFAULT_CONTAINER_DESCRIPTORS,
  type DescriptorKind,
  type DescriptorName,
  descriptorKey,
  descriptorKind,
} from './descriptors';
export {
  CarDataApiError,
  CarDataAuthError,
  type CarDataErrorBody,
  type CarDataErrorDetails,
  CarDataNotFoundError,
  CarDataQuotaError,
  CarDataValidationError,
  carDataErrorFromResponse,
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
export { QuotaLedger, type QuotaLedgerOptions, type QuotaUsage } from './quota/quota-ledger';
export type { QuotaWindowKind } from './quota/quota-window';
export type * from './rest/dtos';
export { CARDATA_API_BASE_URL, CarDataRestClient, type CarDataRestClientOptions } from './rest/rest-client';
export type { CarDataTokenSource } from './rest/token-source';
export { summarizeTyreDiagnosis, type TyreDiagnosisSummary, type TyreSummary } from './rest/tyre-diagnosis';
export type {
  PairedLocation,
  TelemetrySource,
  TelemetryValue,
  VehicleTelemetryOptions,
} from './state/vehicle-telemetry';
export { VehicleTelemetry } from './state/vehicle-telemetry';
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
export { parseTelematicValue, type TelematicValue } from './telematic-value';
