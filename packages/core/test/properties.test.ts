import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isBimmerError,
  type ParseMyBMWVehicleOptions,
  parseMyBMWVehicle,
  type VehicleSnapshot,
  vehicleFromJSON,
  vehicleToJSON,
} from '../src/index';
import { PHYSICAL_RANGES, type PhysicalQuantity } from '../src/models/physical-ranges';
import { type FixtureVehicle, loadFleet, OWN_FIXTURES, SHARED_FIXTURES } from './fixtures';
import { syntheticOptions } from './synthetic';

/**
 * Property tests: whatever the responses look like, parsing throws nothing but typed errors, the
 * JSON form is plain JSON, a broken block never changes the other blocks, a number outside its
 * physical range never passes, and a value nested thousands of levels deep changes nothing else.
 */

/**
 * fast-check runs of each property, set explicitly: together at least 10,000 cases per CI run
 * (checked below). The cheap properties carry the bulk; those that parse whole fixture vehicles
 * twice per case run fewer, to keep the suite fast on two busy cores.
 */
const RUNS = {
  arbitraryResponses: 3_500,
  arbitraryInEnvelope: 2_500,
  mutatedFixtures: 1_000,
  brokenBlock: 2_000,
  unknownEnums: 600,
  outOfRange: 1_500,
  deepNesting: 400,
} as const;

/**
 * Each property takes a few seconds; the generous limit only keeps a machine shared by many jobs
 * (CI, parallel builds) from failing a property that is slow, not wrong.
 */
const PROPERTY_TIMEOUT_MS = 180_000;

const FETCHED_AT = new Date('2026-11-30T12:00:00Z');
const fleet: FixtureVehicle[] = [...loadFleet(OWN_FIXTURES), ...loadFleet(SHARED_FIXTURES)];
/** Said in a test's title when it is skipped: which recordings it needs. */
const WHY_SKIPPED =
  fleet.length === 0 ? ' (skipped: no recorded vehicles in fixtures/ or ../shared/fixtures/mybmw)' : '';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function options(
  v: Pick<FixtureVehicle, 'profile' | 'state' | 'chargingSettings' | 'brand'>,
): ParseMyBMWVehicleOptions {
  return {
    profile: v.profile,
    state: v.state,
    chargingSettings: v.chargingSettings,
    brand: v.brand,
    fetchedAt: FETCHED_AT,
    timeZone: 'UTC',
  };
}

/** True for plain JSON data: no undefined, no Dates or class instances, finite numbers, no -0. */
function isPlainJson(value: unknown): boolean {
  if (value === null) return false; // the JSON form never contains null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      if (Array.isArray(value)) return value.every(isPlainJson);
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      return Object.values(value as object).every(isPlainJson);
    default:
      return false;
  }
}

/** Parses and renders; returns the snapshot, or undefined for a typed error; rethrows anything else. */
function tryParse(o: ParseMyBMWVehicleOptions): VehicleSnapshot | undefined {
  let snapshot: VehicleSnapshot;
  try {
    snapshot = parseMyBMWVehicle(o);
  } catch (error) {
    if (isBimmerError(error)) return undefined;
    throw error;
  }
  const json = vehicleToJSON(snapshot);
  if (!isPlainJson(json)) expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  return snapshot;
}

/** Values that stress the parsers: wrong types, nulls, huge and odd numbers, unknown strings. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER * 1000,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'INVALID',
    'UNKNOWN',
    'NOT_A_KNOWN_VALUE',
    '2021-14-12T13:14:15Z',
    '9999-12-31T23:59:59Z',
    [],
    {},
    [null],
    { hour: 99, minute: -1 },
  ),
  fc.jsonValue(),
  fc.string(),
  fc.double(),
  fc.integer(),
);

type Mutation = { target: number; kind: 'delete' | 'replace' | 'null'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'null'),
  value: nasty,
});

/** Every (container, key) pair in a JSON tree, depth first. */
function slots(
  root: unknown,
  under: (string | number)[] = [],
): { parent: Json[] | Record<string, Json>; key: string | number; path: (string | number)[] }[] {
  const out: { parent: Json[] | Record<string, Json>; key: string | number; path: (string | number)[] }[] =
    [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        out.push({ parent: node, key: index, path: [...path, index] });
        walk(child, [...path, index]);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push({ parent: node as Record<string, Json>, key, path: [...path, key] });
        walk(child, [...path, key]);
      }
    }
  };
  walk(root, under);
  return out;
}

function apply(root: unknown, mutations: readonly Mutation[]): void {
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) return;
    const slot = all[m.target % all.length];
    if (slot === undefined) return;
    const { parent, key } = slot;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else {
      (parent as Record<string | number, unknown>)[key] = m.kind === 'null' ? null : structuredClone(m.value);
    }
  }
}

describe('properties', () => {
  it(
    'arbitrary JSON as any response never throws anything but typed errors',
    () => {
      fc.assert(
        fc.property(nasty, nasty, nasty, (profile, state, chargingSettings) => {
          tryParse({ profile, state, chargingSettings, fetchedAt: FETCHED_AT, timeZone: 'UTC' });
        }),
        { numRuns: RUNS.arbitraryResponses },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'arbitrary JSON inside a valid envelope never throws',
    () => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.string(), nasty),
          fc.dictionary(fc.string(), nasty),
          fc.dictionary(fc.string(), nasty),
          nasty,
          (state, capabilities, profile, chargingSettings) => {
            const snapshot = tryParse({
              profile: { ...profile, vin: 'WBA00000000PROP01' },
              state: { state, capabilities },
              chargingSettings,
              fetchedAt: FETCHED_AT,
              timeZone: 'UTC',
            });
            expect(snapshot).toBeDefined();
          },
        ),
        { numRuns: RUNS.arbitraryInEnvelope },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.skipIf(fleet.length === 0)(
    `mutated fixtures (keys dropped, types changed, nulls, huge numbers) parse${WHY_SKIPPED}`,
    () => {
      fc.assert(
        fc.property(
          fc.nat({ max: fleet.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          fc.constantFrom('profile', 'state', 'chargingSettings', 'any'),
          (index, mutations, where) => {
            const vehicle = structuredClone(fleet[index] as FixtureVehicle);
            const target = where === 'any' ? vehicle : (vehicle as unknown as Record<string, unknown>)[where];
            apply(target, mutations);
            const snapshot = tryParse(options(vehicle));
            // The JSON form round-trips.
            if (snapshot !== undefined) {
              const json = vehicleToJSON(snapshot);
              expect(vehicleToJSON(vehicleFromJSON(JSON.parse(JSON.stringify(json))))).toEqual(json);
            }
            // Only an unusable profile (no VIN) may be refused.
            if (snapshot === undefined) {
              const profile = vehicle.profile as { vin?: unknown } | null;
              expect(typeof profile?.vin === 'string' && profile.vin.trim() !== '').toBe(false);
            }
          },
        ),
        { numRuns: RUNS.mutatedFixtures },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  // Which blocks may change when something below state.<key> breaks.
  const AFFECTS: Record<string, readonly (keyof VehicleSnapshot)[]> = {
    location: ['vehicleLocation'],
    doorsState: ['doorsAndWindows'],
    windowsState: ['doorsAndWindows'],
    roofState: ['doorsAndWindows'],
    requiredServices: ['conditionBasedServices'],
    checkControlMessages: ['checkControlMessages'],
    climateControlState: ['climate'],
    tireState: ['tires'],
    electricChargingState: ['fuelAndBattery'],
    combustionFuelLevel: ['fuelAndBattery'],
    chargingProfile: ['chargingProfile', 'fuelAndBattery'],
    currentMileage: ['mileage'],
  };
  const BLOCKS: readonly (keyof VehicleSnapshot)[] = [
    'name',
    'brand',
    'driveTrain',
    'mileage',
    'timestamp',
    'lscType',
    'fuelAndBattery',
    'vehicleLocation',
    'doorsAndWindows',
    'conditionBasedServices',
    'checkControlMessages',
    'headunit',
    'climate',
    'chargingProfile',
    'tires',
    'availableAttributes',
    'isRemoteLockEnabled',
    'isChargingPlanSupported',
  ];

  it.skipIf(fleet.length === 0)(
    `a broken block leaves the other blocks intact${WHY_SKIPPED}`,
    () => {
      const withState = fleet.filter((v) => {
        const state = (v.state as { state?: Record<string, unknown> } | undefined)?.state ?? {};
        return Object.keys(AFFECTS).some((key) => key in state);
      });
      const baselines = withState.map((v) => parseMyBMWVehicle(options(v)));
      fc.assert(
        fc.property(
          fc.nat({ max: withState.length - 1 }),
          fc.nat(),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          (index, keyPick, mutations) => {
            const original = withState[index] as FixtureVehicle;
            const baseline = baselines[index] as VehicleSnapshot;
            const vehicle = structuredClone(original);
            const state = (vehicle.state as { state: Record<string, unknown> }).state;
            const keys = Object.keys(AFFECTS).filter((key) => key in state);
            const key = keys[keyPick % keys.length] as string;
            // Break something inside (or replace) state[key].
            const holder = { [key]: state[key] };
            apply(holder, mutations);
            if (key in holder) state[key] = holder[key];
            else delete state[key];
            const broken = tryParse(options(vehicle));
            expect(broken).toBeDefined();
            const affected = new Set<keyof VehicleSnapshot>(AFFECTS[key]);
            if (key === 'climateControlState') affected.add('isRemoteClimateStopEnabled');
            for (const block of BLOCKS) {
              if (affected.has(block)) continue;
              expect(broken?.[block], `${key} broke ${block}`).toEqual(baseline[block]);
            }
          },
        ),
        { numRuns: RUNS.brokenBlock },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.skipIf(fleet.length === 0)(
    `unknown enum strings become UNKNOWN with an issue, never a crash${WHY_SKIPPED}`,
    () => {
      const enumPaths = [
        ['state', 'doorsState', 'combinedSecurityState'],
        ['state', 'electricChargingState', 'chargingStatus'],
        ['state', 'climateControlState', 'activity'],
        ['state', 'chargingProfile', 'chargingMode'],
        ['state', 'chargingProfile', 'chargingPreference'],
        ['state', 'chargingProfile', 'chargingControlType'],
        ['capabilities', 'lastStateCallState'],
      ];
      const known = new Set([
        'LOCKED',
        'SECURED',
        'SELECTIVE_LOCKED',
        'PARTIALLY_LOCKED',
        'UNLOCKED',
        'UNKNOWN',
        'INVALID',
        'DEFAULT',
        'CHARGING',
        'ERROR',
        'COMPLETE',
        'FULLY_CHARGED',
        'FINISHED_FULLY_CHARGED',
        'FINISHED_NOT_FULL',
        'NOT_CHARGING',
        'PLUGGED_IN',
        'WAITING_FOR_CHARGING',
        'TARGET_REACHED',
        'COOLING',
        'HEATING',
        'VENTILATION',
        'INACTIVE',
        'STANDBY',
        'IMMEDIATE_CHARGING',
        'DELAYED_CHARGING',
        'NO_ACTION',
        'NO_PRESELECTION',
        'CHARGING_WINDOW',
        'WEEKLY_PLANNER',
        'TWO_TIMES_TIMER',
        'NOT_CAPABLE',
        'NOT_SUPPORTED',
        'ACTIVATED',
      ]);
      fc.assert(
        fc.property(
          fc.nat({ max: fleet.length - 1 }),
          fc.nat({ max: enumPaths.length - 1 }),
          fc.oneof(
            fc.string({ minLength: 1 }).filter((s) => !known.has(s.toUpperCase())),
            fc.constant('n3w_v4lue'),
          ),
          (index, pathIndex, raw) => {
            const vehicle = structuredClone(fleet[index] as FixtureVehicle);
            const [envelope, ...rest] = enumPaths[pathIndex] as string[];
            let node = (vehicle.state as Record<string, unknown> | undefined)?.[envelope as string] as
              | Record<string, unknown>
              | undefined;
            for (const key of rest.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
            if (node === undefined || node === null || typeof node !== 'object') return;
            // A marker prefix lets us check that the value never shows up in an issue.
            node[rest.at(-1) as string] = `zq-marker-${raw}`;
            const snapshot = tryParse(options(vehicle));
            expect(snapshot?.issues.some((i) => i.code === 'unknown-enum')).toBe(true);
            expect(JSON.stringify(snapshot?.issues)).not.toContain('zq-marker-');
          },
        ),
        { numRuns: RUNS.unknownEnums },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  /** Numeric wire fields with their physical quantity, where the snapshot shows them, and their block. */
  const RANGED: readonly {
    readonly path: readonly string[];
    readonly quantity: PhysicalQuantity;
    readonly read: (s: VehicleSnapshot) => unknown;
    readonly blocks: readonly (keyof VehicleSnapshot)[];
  }[] = [
    {
      path: ['state', 'electricChargingState', 'chargingLevelPercent'],
      quantity: 'percent',
      read: (s) => s.fuelAndBattery?.remainingBatteryPercent,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'electricChargingState', 'chargingTarget'],
      quantity: 'percent',
      read: (s) => s.fuelAndBattery?.chargingTarget,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'combustionFuelLevel', 'remainingFuelPercent'],
      quantity: 'percent',
      read: (s) => s.fuelAndBattery?.remainingFuelPercent,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'combustionFuelLevel', 'remainingFuelLiters'],
      quantity: 'fuelLiters',
      read: (s) => s.fuelAndBattery?.remainingFuel,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'electricChargingState', 'range'],
      quantity: 'rangeKm',
      read: (s) => s.fuelAndBattery?.remainingRangeElectric,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'electricChargingState', 'remainingChargingMinutes'],
      quantity: 'chargingMinutes',
      read: (s) => s.fuelAndBattery?.chargingEndTime,
      blocks: ['fuelAndBattery'],
    },
    {
      path: ['state', 'currentMileage'],
      quantity: 'odometerKm',
      read: (s) => s.mileage,
      blocks: ['mileage'],
    },
    {
      path: ['state', 'location', 'heading'],
      quantity: 'headingDegrees',
      read: (s) => s.vehicleLocation?.heading,
      blocks: ['vehicleLocation'],
    },
    {
      path: ['state', 'location', 'coordinates', 'latitude'],
      quantity: 'latitude',
      read: (s) => s.vehicleLocation?.location,
      blocks: ['vehicleLocation'],
    },
    {
      path: ['state', 'climateControlState', 'remainingSeconds'],
      quantity: 'climateSeconds',
      read: (s) => s.climate?.activityEndTime,
      blocks: ['climate'],
    },
    {
      path: ['state', 'tireState', 'frontLeft', 'status', 'currentPressure'],
      quantity: 'tyrePressureKpa',
      read: (s) => s.tires?.frontLeft?.currentPressure,
      blocks: ['tires'],
    },
    {
      path: ['state', 'requiredServices', '0', 'mileage'],
      quantity: 'serviceDistanceKm',
      read: (s) => s.conditionBasedServices?.messages[0]?.dueDistance,
      blocks: ['conditionBasedServices'],
    },
    {
      path: ['state', 'chargingProfile', 'chargingSettings', 'acCurrentLimit'],
      quantity: 'acCurrentAmpere',
      read: (s) => s.chargingProfile?.acCurrentLimit,
      blocks: ['chargingProfile'],
    },
    { path: ['profile', 'year'], quantity: 'modelYear', read: (s) => s.year, blocks: ['year', 'headunit'] },
  ];

  /** A plug-in hybrid with every ranged field set to a plausible value. */
  const plausible = () =>
    syntheticOptions({
      driveTrain: 'PLUGIN_HYBRID',
      profile: {
        year: 2024,
        hmiVersion: 'ID8',
        softwareVersionCurrent: { iStep: 300, puStep: { month: 7, year: 21 } },
      },
      capabilities: { lastStateCallState: 'ACTIVATED', lock: true },
      state: {
        isLscSupported: true,
        currentMileage: 12_345,
        combustionFuelLevel: { range: 600, remainingFuelLiters: 40, remainingFuelPercent: 70 },
        electricChargingState: {
          range: 80,
          chargingLevelPercent: 90,
          chargingTarget: 100,
          chargingStatus: 'CHARGING',
          remainingChargingMinutes: 30,
        },
        location: { coordinates: { latitude: 52.52, longitude: 13.405 }, heading: 270 },
        doorsState: { combinedSecurityState: 'LOCKED', hood: 'CLOSED' },
        requiredServices: [{ type: 'OIL', status: 'OK', mileage: 20_000 }],
        checkControlMessages: [{ type: 'ENGINE_OIL', severity: 'MEDIUM' }],
        climateControlState: { activity: 'HEATING', remainingSeconds: 600 },
        chargingProfile: { chargingMode: 'IMMEDIATE_CHARGING', chargingSettings: { acCurrentLimit: 16 } },
        tireState: { frontLeft: { status: { currentPressure: 250, targetPressure: 260 } } },
      },
    });

  /** Numbers outside the range of `quantity`: below, above, not finite, or (for whole numbers) fractional. */
  const outOfRange = (quantity: PhysicalQuantity): fc.Arbitrary<number> => {
    const range: { min: number; max: number; integer?: boolean } = PHYSICAL_RANGES[quantity];
    const options: fc.Arbitrary<number>[] = [
      fc.double({ max: range.min, maxExcluded: true, noNaN: true }),
      fc.double({ min: range.max, minExcluded: true, noNaN: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, -5, -1),
    ];
    if (range.integer === true) {
      options.push(
        fc.double({ min: range.min, max: range.max, noNaN: true }).filter((n) => !Number.isInteger(n)),
      );
    }
    return fc
      .oneof(...options)
      .filter(
        (n) =>
          Number.isNaN(n) ||
          n < range.min ||
          n > range.max ||
          (range.integer === true && !Number.isInteger(n)),
      );
  };

  it(
    'a number outside its physical range is dropped with an issue, never passed through',
    () => {
      const baseline = parseMyBMWVehicle(plausible());
      expect(baseline.issues).toEqual([]);
      const issueMessage =
        /^Invalid (type|value) \(expected (number|finite|integer|>=-?\d+|<=\d+)\); the value was dropped\.$/;
      fc.assert(
        fc.property(
          fc
            .nat({ max: RANGED.length - 1 })
            .chain((index) =>
              fc.tuple(fc.constant(index), outOfRange((RANGED[index] as (typeof RANGED)[number]).quantity)),
            ),
          ([index, value]) => {
            const field = RANGED[index] as (typeof RANGED)[number];
            const options = plausible();
            const [root, ...rest] = field.path;
            let node = (
              root === 'profile' ? options.profile : (options.state as { state: unknown }).state
            ) as Record<string, unknown>;
            for (const key of rest.slice(0, -1)) node = node[key] as Record<string, unknown>;
            node[rest.at(-1) as string] = value;
            const snapshot = tryParse(options) as VehicleSnapshot;
            expect(field.read(snapshot)).toBeUndefined();
            const path = field.path.join('.');
            const issue = snapshot.issues.find((i) => i.path === path);
            expect(issue?.code).toBe('invalid');
            expect(issue?.message).toMatch(issueMessage);
            // Nothing else changed: every block outside the field's own is the baseline's.
            for (const key of Object.keys(baseline) as (keyof VehicleSnapshot)[]) {
              if (key === 'issues' || field.blocks.includes(key)) continue;
              expect(snapshot[key], key).toEqual(baseline[key]);
            }
          },
        ),
        { numRuns: RUNS.outOfRange },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  /** `depth` levels of arrays or objects around `leaf`, built without recursion. */
  const nested = (depth: number, kind: 'array' | 'object', leaf: unknown): unknown => {
    let value = leaf;
    for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { next: value };
    return value;
  };
  const deepValue = fc
    .tuple(
      fc.integer({ min: 2_000, max: 6_000 }),
      fc.constantFrom('array' as const, 'object' as const),
      nasty,
    )
    .map(([depth, kind, leaf]) => nested(depth, kind, leaf));

  /** Plain objects of a response where a key nobody reads can be added (not the lid maps, whose keys are lids). */
  function openObjects(root: unknown): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const walk = (node: unknown, key: string) => {
      if (Array.isArray(node)) for (const child of node) walk(child, '');
      else if (node !== null && typeof node === 'object') {
        if (key !== 'doorsState' && key !== 'windowsState') out.push(node as Record<string, unknown>);
        for (const [childKey, child] of Object.entries(node)) walk(child, childKey);
      }
    };
    walk(root, '');
    return out;
  }

  it.skipIf(fleet.length === 0)(
    'a value nested thousands of levels deep anywhere changes nothing else, even while a block is repaired' +
      WHY_SKIPPED,
    () => {
      fc.assert(
        fc.property(
          fc.nat({ max: fleet.length - 1 }),
          fc.array(mutation, { maxLength: 3 }),
          fc.nat(),
          deepValue,
          (index, mutations, where, deep) => {
            const vehicle = structuredClone(fleet[index] as FixtureVehicle);
            apply(vehicle.state, mutations);
            const without = tryParse(options(vehicle));
            const targets = [vehicle.profile, vehicle.state, vehicle.chargingSettings].flatMap(openObjects);
            const target = targets[where % targets.length];
            if (target === undefined) return;
            target.zzUnreadDeepValue = deep;
            expect(tryParse(options(vehicle))).toEqual(without);
          },
        ),
        { numRuns: RUNS.deepNesting },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('the parser properties run at least 10,000 cases per run', () => {
    expect(Object.values(RUNS).reduce((sum, runs) => sum + runs, 0)).toBeGreaterThanOrEqual(10_000);
  });
});
