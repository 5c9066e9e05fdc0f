/**
 * Helpers shared between bimmer's own packages (`@bimmer/core/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/core`.
 */
export {
  isWithinPhysicalRange,
  PHYSICAL_RANGES,
  type PhysicalQuantity,
  type PhysicalRange,
} from './models/physical-ranges';
export { compact, type Defined } from './util/compact';
export { isJsonObject, type JsonObject } from './util/json-object';
