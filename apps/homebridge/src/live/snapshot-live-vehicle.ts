import { fieldAge, type LiveVehicle, staleSince, type VehicleSnapshot } from '@bimmer/core';

/**
 * A {@link LiveVehicle} over one snapshot, for the interim MyBMW adapter: ages and staleness come from
 * the snapshot's field times (core's freshness helpers) at the moment they are read.
 */
export function snapshotLiveVehicle(
  snapshot: VehicleSnapshot,
  restored: boolean,
  staleAfterMs: number,
  now: () => number = Date.now,
): LiveVehicle {
  return {
    vin: snapshot.vin,
    snapshot,
    restored,
    ageOf: (path) => fieldAge(snapshot, path, now()),
    get staleSince() {
      return staleSince(snapshot, staleAfterMs, now());
    },
  };
}
