/**
 * Helpers shared between bimmer's own packages (`@bimmer/core/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/core`.
 */

export { distanceMeters } from './live/distance';
export { jsonLeaves, jsonValueAt } from './live/json-leaves';
export { ListenerRegistry, type ListenerRegistryOptions } from './live/listener-registry';
export { type CheckedEventSettings, checkVehicleEventSettings } from './live/vehicle-event-settings';
export { compact, type Defined } from './util/compact';
export { isJsonObject, type JsonObject } from './util/json-object';
