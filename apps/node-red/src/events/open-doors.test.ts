import type { VehicleEvent } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOpening, NO_OPEN_DOORS, type OpenDoors, openingOf, openSince } from './open-doors';

const T = Date.parse('2026-12-01T17:00:00Z');

function event(type: VehicleEvent['type'], detail: Record<string, unknown>, minute = 0): VehicleEvent {
  return { type, vin: 'WBASIMCARDATA0001', at: new Date(T + minute * 60_000), detail };
}

describe('open doors from door and lid events', () => {
  it('follows doors and lids, keeping the time each was first seen open', () => {
    let doors: OpenDoors = NO_OPEN_DOORS;
    doors = applyOpening(doors, event('door-opened', { door: 'leftFront' }, 0));
    doors = applyOpening(doors, event('lid-opened', { lid: 'trunk', name: 'trunk' }, 2));
    doors = applyOpening(doors, event('door-opened', { door: 'leftFront' }, 3));
    expect([...doors.keys()]).toEqual(['leftFront', 'trunk']);
    expect(openSince(doors)).toEqual(new Date(T));
    doors = applyOpening(doors, event('door-closed', { door: 'leftFront' }, 4));
    expect(openSince(doors)).toEqual(new Date(T + 2 * 60_000));
    doors = applyOpening(doors, event('lid-closed', { lid: 'trunk', name: 'trunk' }, 5));
    expect(doors.size).toBe(0);
    expect(openSince(doors)).toBeUndefined();
  });

  it('ignores every other event', () => {
    expect(openingOf(event('locked', { state: 'LOCKED' }))).toBeUndefined();
    expect(openingOf(event('window-opened', { window: 'leftFront' }))).toBeUndefined();
    expect(applyOpening(NO_OPEN_DOORS, event('charging-started', {}))).toBe(NO_OPEN_DOORS);
  });

  it('holds exactly the doors whose last event opened them (property)', () => {
    const names = ['leftFront', 'rightFront', 'trunk', 'hood'] as const;
    const step = fc.record({ name: fc.constantFrom(...names), open: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let doors: OpenDoors = NO_OPEN_DOORS;
        const last = new Map<string, boolean>();
        for (const [index, { name, open }] of steps.entries()) {
          const isLid = name === 'trunk' || name === 'hood';
          const type = `${isLid ? 'lid' : 'door'}-${open ? 'opened' : 'closed'}` as VehicleEvent['type'];
          doors = applyOpening(doors, event(type, isLid ? { lid: name, name } : { door: name }, index));
          last.set(name, open);
        }
        const expected = [...last].filter(([, open]) => open).map(([name]) => name);
        expect(new Set(doors.keys())).toEqual(new Set(expected));
      }),
    );
  });
});
