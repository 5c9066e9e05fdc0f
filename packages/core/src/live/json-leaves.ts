import type { VehicleJSON } from '../json/types';
import { isJsonObject } from '../util/json-object';

/**
 * Parts of the JSON form that are not data of the car: bookkeeping (when bimmer fetched, what it
 * could not parse, when the car last reported anything, the account's region repeated in the
 * location block) and values derived from other leaves
 * (`allLidsClosed` follows from the lids). A change of the data they follow from is listed instead.
 */
const NOT_LEAVES: ReadonlySet<string> = new Set([
  'fetchedAt',
  'fieldTimes',
  'issues',
  'timestamp',
  'availableAttributes',
  'driveTrainAttributes',
  'hasCombustionDrivetrain',
  'hasElectricDrivetrain',
  'vehicleLocation.vehicleUpdateTimestamp',
  'vehicleLocation.accountRegion',
  'doorsAndWindows.openLids',
  'doorsAndWindows.openWindows',
  'doorsAndWindows.allLidsClosed',
  'doorsAndWindows.allWindowsClosed',
  'conditionBasedServices.isServiceRequired',
  'conditionBasedServices.nextServiceByDistance',
  'conditionBasedServices.nextServiceByTime',
  'checkControlMessages.hasCheckControlMessages',
  'checkControlMessages.urgentCheckControlMessages',
  'climate.isClimateOn',
]);

/** Lists whose items are addressed by their `name` (`doorsAndWindows.lids.trunk`), as `fieldTimes` does. */
const NAMED_LISTS: ReadonlySet<string> = new Set(['doorsAndWindows.lids', 'doorsAndWindows.windows']);

/** A value with a unit or a position is one value, not two. */
function isWhole(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return (
    (keys.length === 2 && 'value' in value && 'unit' in value) ||
    ('latitude' in value && 'longitude' in value)
  );
}

function collect(value: unknown, path: string, into: Map<string, unknown>): void {
  if (NOT_LEAVES.has(path)) return;
  if (NAMED_LISTS.has(path) && Array.isArray(value)) {
    for (const item of value) {
      if (isJsonObject(item) && typeof item.name === 'string') into.set(`${path}.${item.name}`, item.state);
    }
    return;
  }
  if (isJsonObject(value) && !isWhole(value)) {
    for (const [key, child] of Object.entries(value))
      collect(child, path === '' ? key : `${path}.${key}`, into);
    return;
  }
  if (path !== '') into.set(path, value);
}

/**
 * The data leaves of a vehicle's JSON form, keyed by dot path as `fieldTimes` keys them: objects
 * are walked, a value with a unit and a position are one leaf each, a lid or window is the leaf
 * `doorsAndWindows.lids.<name>` (its state), other lists are one leaf. Bookkeeping and derived
 * values are left out (see `NOT_LEAVES`).
 */
export function jsonLeaves(json: VehicleJSON): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  collect(json, '', leaves);
  return leaves;
}

/**
 * The value at a dot path of the JSON form, walking lids and windows by name; undefined when the
 * form has nothing there.
 */
export function jsonValueAt(json: VehicleJSON, path: string): unknown {
  let value: unknown = json;
  for (const segment of path.split('.')) {
    if (Array.isArray(value)) {
      value = value.find((item) => isJsonObject(item) && item.name === segment);
    } else if (isJsonObject(value) && Object.hasOwn(value, segment)) {
      value = value[segment];
    } else {
      return undefined;
    }
  }
  return value;
}
