/**
 * Helpers shared between bimmer's own packages (`@bimmer/core/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/core`.
 * Only what another of our packages imports is here; the export snapshot in `index.test.ts` keeps it so.
 */

// Plain data: the one "is a plain object" check, and dropping undefined keys where a key must be absent.

export { compact } from './util/compact';
export { isJsonObject, type JsonObject } from './util/json-object';

// Positions, times, names and VINs.

export { formatInstant } from './json/to-json';
export { toCamelCase } from './models/derive';
export { gcj02ToWgs84 } from './models/gps';
export { isValidTimeZone, systemTimeZone } from './models/time';
export { checkVin, VIN_PATTERN } from './models/vin';

// Live accounts: what every implementation and adapter shares.

export { distanceMeters } from './live/distance';
export { jsonLeaves } from './live/json-leaves';
export { ListenerRegistry, type ListenerRegistryOptions } from './live/listener-registry';
export { LiveLifecycle, type LiveLifecycleSteps } from './live/live-lifecycle';
