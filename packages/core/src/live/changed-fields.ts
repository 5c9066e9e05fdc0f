import { vehicleToJSON } from '../json/to-json';
import type { VehicleSnapshot } from '../models/vehicle';
import { fieldTimeOf } from './freshness';
import { jsonLeaves } from './json-leaves';
import type { LiveFieldChange } from './live-account';

/**
 * The fields that differ between two snapshots of a vehicle, as the `change` event of a live
 * account lists them: the dot paths (JSON form, as `fieldTimes` keys them: `mileage`,
 * `fuelAndBattery.remainingBatteryPercent`, `doorsAndWindows.lids.trunk`) of every data leaf whose
 * value changed, appeared or disappeared, each with the time and channel of its value in `next`
 * (its `fieldTimes` entry, else `fetchedAt` and the snapshot's source). Sorted by path.
 *
 * Bookkeeping (`fetchedAt`, `fieldTimes`, `issues`, the last-report `timestamp`s) and values derived
 * from other leaves (`openLids`, `allLidsClosed`, `isServiceRequired`, ...) are never listed, so a
 * snapshot fetched again with the same data lists nothing. Without `previous`, every leaf is listed.
 */
export function changedFields(
  previous: VehicleSnapshot | undefined,
  next: VehicleSnapshot,
): LiveFieldChange[] {
  const before = previous === undefined ? new Map<string, unknown>() : jsonLeaves(vehicleToJSON(previous));
  const after = jsonLeaves(vehicleToJSON(next));
  const paths = new Set([...before.keys(), ...after.keys()]);
  const changes: LiveFieldChange[] = [];
  for (const path of [...paths].sort()) {
    if (
      before.has(path) &&
      after.has(path) &&
      JSON.stringify(before.get(path)) === JSON.stringify(after.get(path))
    ) {
      continue;
    }
    changes.push({
      path,
      time: fieldTimeOf(next, path) ?? { at: next.fetchedAt, source: next.source },
    });
  }
  return changes;
}
