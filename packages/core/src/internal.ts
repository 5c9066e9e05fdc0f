/**
 * Helpers shared between bimmer's own packages (`@bimmer/core/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/core`.
 */

// Plain data: the one "is a plain object" check, and dropping undefined keys where a key must be absent.

export { compact, type Defined } from './util/compact';
export { isJsonObject, type JsonObject } from './util/json-object';

// Values: the physical ranges a parser checks numbers against, and enum lookup without a fallback.

export { lookupEnum } from './models/enums';
export {
  isWithinPhysicalRange,
  PHYSICAL_RANGES,
  type PhysicalQuantity,
  type PhysicalRange,
} from './models/physical-ranges';

// Positions, times and names as MyBMW sends them.

export { formatInstant } from './json/to-json';
export { toCamelCase } from './models/derive';
export { gcj02ToWgs84, isValidGpsPosition, wgs84ToGcj02 } from './models/gps';
export { isValidTimeZone, systemTimeZone } from './models/time';
export { checkVin, VIN_PATTERN } from './models/vin';

// Wording of remote services for messages ("This vehicle does not support sounding the horn remotely.").

export { REMOTE_SERVICE_ACTIVITY, unsupportedRemoteServiceMessage } from './models/remote-service-activity';

// Live accounts: the listener registry every implementation shares, and event-settings checks.

export { distanceMeters } from './live/distance';
export { jsonLeaves, jsonValueAt } from './live/json-leaves';
export { ListenerRegistry, type ListenerRegistryOptions } from './live/listener-registry';
export { LiveLifecycle, type LiveLifecycleSteps } from './live/live-lifecycle';
export { type CheckedEventSettings, checkVehicleEventSettings } from './live/vehicle-event-settings';
