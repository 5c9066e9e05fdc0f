import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CarMessage, type CarState, pathsOf, playMessages } from '../../test/live-snapshots';
import type { VehicleSnapshot } from '../models/vehicle';
import { deriveVehicleEvents } from './derive-vehicle-events';
import { fieldTimeOf } from './freshness';
import type { VehicleEvent, VehicleEventSettings } from './vehicle-event';
import { readVehicleEventMemory } from './vehicle-event-memory';
import { VehicleEventTracker } from './vehicle-event-tracker';

/**
 * Properties of derived events over random message sequences (stream messages that each set a few
 * fields at one time, played by a careless transport that lets late messages overwrite newer ones).
 * Every property runs at least 1,000 cases.
 */

const T = Date.parse('2026-12-01T00:00:00Z');
const HOME = { latitude: 48.1, longitude: 11.5 };
const WORK = { latitude: 48.2, longitude: 11.6 };
const SETTINGS: VehicleEventSettings = {
  geofences: [
    { name: 'home', center: HOME, radiusMeters: 200 },
    { name: 'work', center: WORK, radiusMeters: 300 },
  ],
  batteryBelow: [20, 50],
  batteryAbove: [80],
};

const lidState = fc.constantFrom('CLOSED', 'OPEN', 'OPEN_TILT', 'INTERMEDIATE', 'UNKNOWN' as const);
const carState: fc.Arbitrary<CarState> = fc.record(
  {
    lock: fc.constantFrom('LOCKED', 'SECURED', 'UNLOCKED', 'SELECTIVE_LOCKED', 'UNKNOWN' as const),
    lids: fc.record(
      { leftFront: lidState, trunk: lidState, hood: lidState, sunRoof: lidState },
      { requiredKeys: [] },
    ),
    windows: fc.record({ leftFront: lidState, rightRear: lidState }, { requiredKeys: [] }),
    plugged: fc.boolean(),
    charging: fc.constantFrom(
      'CHARGING',
      'NOT_CHARGING',
      'COMPLETE',
      'FULLY_CHARGED',
      'WAITING_FOR_CHARGING',
      'ERROR',
      'UNKNOWN' as const,
    ),
    battery: fc.integer({ min: 0, max: 100 }),
    target: fc.constantFrom(80, 100),
    mileage: fc.integer({ min: 1000, max: 1006 }),
    position: fc.constantFrom(
      HOME,
      WORK,
      { latitude: 48.1005, longitude: 11.5 },
      { latitude: 48.15, longitude: 11.55 },
    ),
    moving: fc.boolean(),
    services: fc.record(
      {
        OIL: fc.constantFrom('OK', 'PENDING', 'OVERDUE' as const),
        BRAKE_FLUID: fc.constantFrom('OK', 'PENDING', 'OVERDUE' as const),
      },
      { requiredKeys: [] },
    ),
    messages: fc.record(
      {
        ENGINE_OIL: fc.constantFrom('LOW', 'MEDIUM', 'HIGH' as const),
        TIRE_PRESSURE: fc.constantFrom('LOW', 'CRITICAL' as const),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Messages with strictly increasing times (1 s to 30 min apart). */
const orderedMessages = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 1800 }), set: carState }), {
    minLength: 1,
    maxLength: 16,
  })
  .map((steps) => {
    let at = T;
    return steps.map(({ gap, set }): CarMessage => {
      at += gap * 1000;
      return { at, set };
    });
  });

function trackAll(tracker: VehicleEventTracker, snapshots: readonly VehicleSnapshot[]): VehicleEvent[] {
  return snapshots.flatMap((snapshot) => [...tracker.track(snapshot)]);
}

/** Keeps of `late` only the fields (and lids, windows) that `template` sets. */
function sameFields(late: CarState, template: CarState): CarState {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(template) as (keyof CarState)[]) {
    const value = late[key];
    if (value === undefined) continue;
    if (key === 'lids' || key === 'windows') {
      const names = Object.keys(template[key] ?? {});
      kept[key] = Object.fromEntries(Object.entries(value).filter(([name]) => names.includes(name)));
    } else {
      kept[key] = value;
    }
  }
  return kept as CarState;
}

describe('derived events: properties', () => {
  it('replaying the same messages gives the same events, across restarts, and nothing the second time', () => {
    fc.assert(
      fc.property(orderedMessages, fc.nat(), (messages, cutSeed) => {
        const snapshots = playMessages(messages);
        const once = trackAll(new VehicleEventTracker({ settings: SETTINGS }), snapshots);
        const tracker = new VehicleEventTracker({ settings: SETTINGS });
        expect(trackAll(tracker, snapshots)).toEqual(once);
        // The whole sequence again (a replayed stream): every value is old news.
        expect(trackAll(tracker, playMessages(messages))).toEqual([]);
        // A restart anywhere, from the persisted snapshot and memory, tells the rest and only the rest.
        const cut = 1 + (cutSeed % snapshots.length);
        const before = new VehicleEventTracker({ settings: SETTINGS });
        const told = trackAll(before, snapshots.slice(0, cut));
        const vin = snapshots[0]?.vin ?? '';
        const restored = before.snapshotOf(vin);
        const after = new VehicleEventTracker({ settings: SETTINGS });
        if (restored !== undefined) {
          after.seed(restored, readVehicleEventMemory(JSON.parse(JSON.stringify(before.memoryOf(vin)))));
        }
        expect([...told, ...trackAll(after, snapshots.slice(cut))]).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('late messages shuffled into a sequence never add (or change) events', () => {
    const withLate = orderedMessages.chain((messages) =>
      fc.tuple(
        fc.constant(messages),
        fc.array(
          fc.record({
            position: fc.nat(),
            template: fc.nat(),
            olderBy: fc.integer({ min: 0, max: 3600 }),
            set: carState,
          }),
          { minLength: 1, maxLength: 6 },
        ),
      ),
    );
    fc.assert(
      fc.property(withLate, ([messages, lates]) => {
        const expected = trackAll(new VehicleEventTracker({ settings: SETTINGS }), playMessages(messages));
        const mixed: CarMessage[] = [...messages];
        for (const late of lates) {
          // Inserted after message `position`, as an older copy (other values) of a message before it.
          const position = 1 + (late.position % mixed.length);
          const template = mixed[late.template % position];
          if (template === undefined) continue;
          mixed.splice(position, 0, {
            at: template.at - 1000 - late.olderBy * 1000,
            set: sameFields(late.set, template.set),
          });
        }
        const events = trackAll(new VehicleEventTracker({ settings: SETTINGS }), playMessages(mixed));
        expect(events.length).toBeLessThanOrEqual(expected.length);
        expect(events).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('no event is dated before its cause field, nor by a value not newer than the one held', () => {
    const anyOrder = fc.array(fc.record({ at: fc.integer({ min: T, max: T + 86_400_000 }), set: carState }), {
      minLength: 1,
      maxLength: 16,
    });
    fc.assert(
      fc.property(anyOrder, (messages) => {
        const tracker = new VehicleEventTracker({ settings: SETTINGS });
        const newest = new Map<string, number>();
        for (const snapshot of playMessages(messages)) {
          for (const event of tracker.track(snapshot)) {
            const field = event.detail.field;
            expect(typeof field).toBe('string');
            const cause = (fieldTimeOf(snapshot, String(field))?.at ?? snapshot.fetchedAt).getTime();
            expect(event.at.getTime()).toBeGreaterThanOrEqual(cause);
            const held = newest.get(String(field));
            if (held !== undefined) expect(event.at.getTime()).toBeGreaterThan(held);
          }
          for (const path of Object.keys(snapshot.fieldTimes ?? {})) {
            const at = fieldTimeOf(snapshot, path)?.at.getTime() ?? 0;
            newest.set(path, Math.max(at, newest.get(path) ?? at));
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a battery threshold never fires twice without the value crossing back past the hysteresis', () => {
    const input = fc.record({
      readings: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 40 }),
      below: fc.integer({ min: 1, max: 99 }),
      above: fc.integer({ min: 1, max: 99 }),
      hysteresis: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(input, ({ readings, below, above, hysteresis }) => {
        const settings = { batteryBelow: [below], batteryAbove: [above], batteryHysteresis: hysteresis };
        const tracker = new VehicleEventTracker({ settings });
        const fired: { type: string; index: number }[] = [];
        for (const [index, battery] of readings.entries()) {
          const events = tracker.track(
            playMessages([{ at: T + index * 60_000, set: { battery } }])[0] as VehicleSnapshot,
          );
          for (const event of events) {
            fired.push({ type: event.type, index });
            if (event.type === 'battery-below') expect(battery).toBeLessThan(below);
            if (event.type === 'battery-above') expect(battery).toBeGreaterThanOrEqual(above);
          }
        }
        const check = (
          type: string,
          rearmed: (value: number) => boolean,
          crossed: (value: number) => boolean,
        ) => {
          const at = fired.filter((event) => event.type === type).map((event) => event.index);
          // Never twice without crossing back in between.
          for (let i = 1; i < at.length; i += 1) {
            const between = readings.slice((at[i - 1] ?? 0) + 1, at[i]);
            expect(between.some(rearmed)).toBe(true);
          }
          // And it does fire once the value crosses after having been re-armed.
          for (let i = 0; i < readings.length; i += 1) {
            if (!rearmed(readings[i] ?? 0)) continue;
            const next = readings.findIndex((value, j) => j > i && crossed(value));
            if (next >= 0) expect(at.some((index) => index > i && index <= next)).toBe(true);
          }
        };
        check(
          'battery-below',
          (value) => value >= below + hysteresis,
          (value) => value < below,
        );
        check(
          'battery-above',
          (value) => value < above - hysteresis,
          (value) => value >= above,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('deriving a snapshot against itself tells nothing, whatever it holds', () => {
    fc.assert(
      fc.property(carState, (state) => {
        const [snapshot] = playMessages([{ at: T, set: state }]);
        if (snapshot === undefined) return;
        const first = deriveVehicleEvents(undefined, snapshot, SETTINGS);
        expect(first.events).toEqual([]);
        expect(deriveVehicleEvents(snapshot, snapshot, SETTINGS, first.memory).events).toEqual([]);
        expect(deriveVehicleEvents(snapshot, snapshot, SETTINGS).events).toEqual([]);
        expect(pathsOf(state).every((path) => path in (snapshot.fieldTimes ?? {}))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
