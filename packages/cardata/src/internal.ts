/**
 * Helpers shared between bimmer's own packages (`@bimmer/cardata/internal`): the hub relays the
 * stream and serves cached REST answers with them, the CLI reads state files. Not part of the
 * public API: they may change in any release without notice. Applications import from
 * `@bimmer/cardata`.
 */
export { unreadableReason } from './account/cached-mappings';
export { carDataReadOnlyError } from './account/read-only-remote-services';
export {
  ContainerManager,
  type ContainerSpec,
  containerPurpose,
  descriptorSignature,
  MAX_CONTAINERS,
} from './containers/container-manager';
export { descriptorKind } from './descriptors';
export { withCarDataDetails } from './errors/cardata-error-details';
export { CU_CODES, type CuCodeMeaning, type CuErrorKind } from './errors/cu-codes';
export {
  type CarDataErrorBody,
  CarDataErrorBodySchema,
  carDataErrorFromResponse,
  readCarDataErrorBody,
} from './errors/error-from-response';
export { normalizeApiBaseUrl } from './rest/api-base-url';
export { describeIssues, readAnswer } from './rest/read-answer';
export {
  ChargingHistoryPageSchema,
  ChargingSessionSchema,
  ContainerDetailsSchema,
  ContainerListSchema,
  ContainerSchema,
  LocationBasedChargingSettingSchema,
  LocationBasedChargingSettingsPageSchema,
  TelematicDataEntrySchema,
  TelematicDataResponseSchema,
  TyreDataSchema,
  TyreDiagnosisSchema,
  TyreSetSchema,
  VehicleBasicDataSchema,
  VehicleMappingSchema,
  VehicleMappingsSchema,
} from './rest/schemas';
export { CARDATA_STATE_VERSION, readStateFile, type StateFileReading } from './store/state-file-format';
export {
  RECONNECT_BACKOFF_DEFAULTS,
  ReconnectBackoff,
  type StreamDropKind,
} from './stream/reconnect-backoff';
export { rotationAt } from './stream/token-rotation';
export { parseTelematicValue } from './telematic-value';
