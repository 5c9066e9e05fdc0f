import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  createLiveVehicle,
  deriveVehicleEvents,
  type ParseMyBMWVehicleOptions,
  parseMyBMWVehicle,
  type VehicleEventSettings,
  VehicleEventTracker,
  type VehicleSnapshot,
} from '../src/index';
import { type FixtureVehicle, loadFleet, OWN_FIXTURES, SHARED_FIXTURES } from './fixtures';

/**
 * Derived events and changed fields over real vehicle shapes: our own fleet (fixtures/mybmw) and,
 * when present beside the checkout, bimmer_connected's recordings. A vehicle compared with itself,
 * or fetched again with the same data, has nothing to tell.
 */

const FETCHED_AT = new Date('2026-11-30T12:00:00Z');
const AN_HOUR_LATER = new Date('2026-11-30T13:00:00Z');

/** Settings that exercise every rule (thresholds all over the scale, geofences around the world). */
const SETTINGS: VehicleEventSettings = {
  batteryBelow: [10, 20, 50, 80],
  batteryAbove: [20, 50, 80, 100],
  geofences: [
    { name: 'munich', center: { latitude: 48.177, longitude: 11.556 }, radiusMeters: 50_000 },
    { name: 'anywhere', center: { latitude: 0, longitude: 0 }, radiusMeters: 20_000_000 },
  ],
};

/** Instants MyBMW's parser computes as the fetch time plus minutes the API sends. */
const FROM_FETCH_TIME: ReadonlySet<string> = new Set([
  'fuelAndBattery.chargingEndTime',
  'climate.activityEndTime',
]);

function parse(vehicle: FixtureVehicle, fetchedAt: Date): VehicleSnapshot {
  const options: ParseMyBMWVehicleOptions = {
    profile: vehicle.profile,
    state: vehicle.state,
    chargingSettings: vehicle.chargingSettings,
    brand: vehicle.brand,
    fetchedAt,
    timeZone: 'UTC',
  };
  return parseMyBMWVehicle(options);
}

function checkFleet(fleet: readonly FixtureVehicle[]): void {
  it.each(fleet.map((vehicle) => [vehicle.dir, vehicle] as const))(
    '%s tells nothing about itself',
    (_, vehicle) => {
      const snapshot = parse(vehicle, FETCHED_AT);
      const first = deriveVehicleEvents(undefined, snapshot, SETTINGS);
      expect(first.events).toEqual([]);
      expect(deriveVehicleEvents(snapshot, snapshot, SETTINGS, first.memory).events).toEqual([]);
      expect(deriveVehicleEvents(snapshot, snapshot, SETTINGS).events).toEqual([]);
      expect(changedFields(snapshot, snapshot)).toEqual([]);

      // Polled again an hour later with the same data: newer readings, same values, no news.
      const again = parse(vehicle, AN_HOUR_LATER);
      const tracker = new VehicleEventTracker({ settings: SETTINGS });
      tracker.seed(snapshot, JSON.parse(JSON.stringify(first.memory)));
      expect(tracker.track(again)).toEqual([]);
      // MyBMW sends minutes remaining; the end times are computed from the fetch, so they move with it.
      const moved = changedFields(snapshot, again).map((change) => change.path);
      expect(moved.filter((path) => !FROM_FETCH_TIME.has(path))).toEqual([]);
    },
  );

  it.each(fleet.map((vehicle) => [vehicle.dir, vehicle] as const))(
    '%s has an age for every leaf it lists',
    (_, vehicle) => {
      const snapshot = parse(vehicle, FETCHED_AT);
      const live = createLiveVehicle(snapshot, {
        staleAfterMs: 3_600_000,
        now: () => AN_HOUR_LATER.getTime(),
      });
      const leaves = changedFields(undefined, snapshot);
      expect(leaves.length).toBeGreaterThan(5);
      for (const { path } of leaves) expect(live.ageOf(path), path).toBe(3_600_000);
    },
  );
}

describe('derived events over our fleet (fixtures/mybmw)', () => {
  const fleet = loadFleet(OWN_FIXTURES);
  it('has vehicles', () => {
    expect(fleet.length).toBeGreaterThanOrEqual(10);
  });
  checkFleet(fleet);
});

describe.skipIf(!existsSync(SHARED_FIXTURES))(
  "derived events over bimmer_connected's recordings (../shared/fixtures/mybmw, skipped when absent)",
  () => {
    checkFleet(loadFleet(SHARED_FIXTURES));
  },
);
