// "In use" and "At home" from derived events, with the snapshot telling until an event comes.
import type { VehicleEvent, VehicleEventType, VehicleSnapshot } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VehiclePresence } from './vehicle-presence';

const VIN = 'WBASIMCARDATA0001';
const event = (type: VehicleEventType, detail: Record<string, unknown> = {}): VehicleEvent => ({
  type,
  vin: VIN,
  at: new Date('2026-12-02T07:30:00Z'),
  detail,
});
const snapshot = (isMoving: boolean | undefined) => ({ vin: VIN, isMoving }) as unknown as VehicleSnapshot;

describe('VehiclePresence', () => {
  it('shows a trip from trip-started until trip-ended, the driving state before any trip event', () => {
    const presence = new VehiclePresence('home');
    expect(presence.inUse(snapshot(undefined))).toBe(false);
    expect(presence.inUse(snapshot(true))).toBe(true);
    expect(presence.take(event('trip-started', { inferred: true }))).toBe(true);
    expect(presence.inUse(snapshot(undefined))).toBe(true);
    expect(presence.take(event('trip-started'))).toBe(false);
    expect(presence.take(event('trip-ended'))).toBe(true);
    // After trip-ended the event rules, even over a stale driving state.
    expect(presence.inUse(snapshot(true))).toBe(false);
  });

  it("switches At home on arrived / left of the car's own home geofence only", () => {
    const presence = new VehiclePresence('home 2');
    expect(presence.atHome(1)).toBe(1);
    expect(presence.take(event('left', { geofence: 'home' }))).toBe(false);
    expect(presence.atHome(1)).toBe(1);
    expect(presence.take(event('left', { geofence: 'home 2' }))).toBe(true);
    expect(presence.atHome(1)).toBe(0);
    expect(presence.take(event('arrived', { geofence: 'home 2' }))).toBe(true);
    expect(presence.atHome(0)).toBe(1);
    // No position (or no home) means no tile, whatever came before.
    expect(presence.atHome(undefined)).toBeUndefined();
  });

  it('ignores geofence events without a home, and every other event', () => {
    const presence = new VehiclePresence(undefined);
    expect(presence.take(event('arrived', { geofence: 'home' }))).toBe(false);
    for (const type of ['door-opened', 'charging-started', 'battery-below', 'locked'] as const) {
      expect(presence.take(event(type))).toBe(false);
    }
    expect(presence.atHome(0)).toBe(0);
    expect(presence.inUse(snapshot(false))).toBe(false);
  });

  it('always shows the last trip and home event of a sequence (property)', () => {
    const types = fc.constantFrom<VehicleEventType>(
      'trip-started',
      'trip-ended',
      'arrived',
      'left',
      'locked',
    );
    fc.assert(
      fc.property(fc.array(types, { maxLength: 30 }), fc.boolean(), (sequence, moving) => {
        const presence = new VehiclePresence('home');
        for (const type of sequence) presence.take(event(type, { geofence: 'home' }));
        const lastTrip = sequence.findLast((type) => type === 'trip-started' || type === 'trip-ended');
        const lastHome = sequence.findLast((type) => type === 'arrived' || type === 'left');
        expect(presence.inUse(snapshot(moving))).toBe(
          lastTrip === undefined ? moving : lastTrip === 'trip-started',
        );
        expect(presence.atHome(1)).toBe(lastHome === undefined ? 1 : lastHome === 'arrived' ? 1 : 0);
      }),
    );
  });
});
