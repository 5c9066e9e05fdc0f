import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyNodeEventRules,
  distanceMeters,
  EMPTY_RULE_STATE,
  type NodeEventRules,
  type RuleInput,
} from './node-event-rules';

const home = { name: 'home', center: { latitude: 48.177, longitude: 11.556 }, radiusMeters: 200 };
const rules: NodeEventRules = { geofences: [home], batteryBelow: 20, hysteresis: 2 };

const reading = fc.record({
  minute: fc.integer({ min: 0, max: 10_000 }),
  inside: fc.boolean(),
  percent: fc.integer({ min: 0, max: 100 }),
});
type Reading = { minute: number; inside: boolean; percent: number };

function inputOf(value: Reading): RuleInput {
  const at = new Date(Date.UTC(2026, 11, 1) + value.minute * 60_000);
  const location = value.inside ? home.center : { latitude: 48.3, longitude: 11.9 };
  return { vin: 'WBA1', location: { value: location, at }, batteryPercent: { value: value.percent, at } };
}

function replay(readings: readonly Reading[]) {
  let state = EMPTY_RULE_STATE;
  const events = [];
  for (const value of readings) {
    const result = applyNodeEventRules(state, inputOf(value), rules);
    state = result.state;
    events.push(...result.events);
  }
  return events;
}

describe('the event node rules', () => {
  it('measures distances on the earth', () => {
    expect(
      distanceMeters({ latitude: 48.137, longitude: 11.575 }, { latitude: 52.52, longitude: 13.405 }),
    ).toBeCloseTo(504_000, -4);
  });

  it('replaying the same readings gives the same events', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 30 }), (readings) => {
        expect(replay(readings)).toEqual(replay(readings));
      }),
    );
  });

  it('a reading not newer than the held one never adds an event', () => {
    fc.assert(
      fc.property(
        fc.array(reading, { minLength: 1, maxLength: 30 }),
        reading,
        fc.nat(),
        (readings, late, position) => {
          const ordered = [...readings].sort((a, b) => a.minute - b.minute);
          const first = ordered[0] as Reading;
          const stale = { ...late, minute: Math.min(late.minute, first.minute) };
          const index = 1 + (position % ordered.length);
          const withLate = [...ordered.slice(0, index), stale, ...ordered.slice(index)];
          expect(replay(withLate)).toEqual(replay(ordered));
        },
      ),
    );
  });

  it('the first reading is a baseline, and battery-below fires once until the charge rose past the hysteresis', () => {
    const minute = (m: number, inside: boolean, percent: number) => ({ minute: m, inside, percent });
    expect(replay([minute(0, false, 10)])).toEqual([]);
    const events = replay([
      minute(0, true, 25),
      minute(1, false, 19),
      minute(2, false, 18),
      minute(3, false, 21),
      minute(4, false, 19),
      minute(5, false, 23),
      minute(6, true, 19),
    ]).map((event) => event.type);
    expect(events).toEqual(['left', 'battery-below', 'arrived', 'battery-below']);
  });
});
