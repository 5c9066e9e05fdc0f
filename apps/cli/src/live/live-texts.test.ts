import type { LiveBudget, VehicleEvent } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { createColors } from '../output/colors';
import { eventWords, vehicleEventJSON, vehicleEventText } from '../render/event-text';
import { budgetText } from './budget-text';
import { connectionMessage } from './connection-text';

const at = new Date('2026-12-01T07:30:05Z');
const event = (type: VehicleEvent['type'], detail: Record<string, unknown>): VehicleEvent => ({
  type,
  vin: 'WBA00000EVENTS001',
  at,
  detail,
});

describe('events in words', () => {
  it('tell what happened with the details that matter', () => {
    expect(eventWords(event('arrived', { geofence: 'home' }))).toBe('arrived at home');
    expect(eventWords(event('left', { geofence: 'work' }))).toBe('left work');
    expect(eventWords(event('battery-below', { percent: 18, threshold: 20 }))).toBe(
      'battery below 20 % (18 %)',
    );
    expect(eventWords(event('lid-opened', { lid: 'trunk', name: 'trunk', state: 'OPEN' }))).toBe(
      'trunk opened',
    );
    expect(eventWords(event('door-closed', { door: 'leftFront', state: 'CLOSED' }))).toBe(
      'left front door closed',
    );
    expect(eventWords(event('charging-stopped', { state: 'NOT_CHARGING', percent: 64 }))).toBe(
      'charging stopped (64 %, not charging)',
    );
    expect(
      eventWords(event('trip-ended', { distanceKm: 12.3, durationSeconds: 1500, inferred: false })),
    ).toBe('trip ended (12.3 km, 25 min)');
    expect(eventWords(event('plugged-in', {}))).toBe('plugged in');
  });

  it('as a line and as the documented JSON shape', () => {
    const opened = event('lid-opened', { lid: 'trunk' });
    expect(vehicleEventText(opened, createColors(false))).toBe(
      '2026-12-01 07:30:05 UTC  WBA00000EVENTS001  trunk opened',
    );
    expect(vehicleEventJSON(opened)).toEqual({
      type: 'lid-opened',
      vin: 'WBA00000EVENTS001',
      at: '2026-12-01T07:30:05Z',
      detail: { lid: 'trunk' },
    });
  });
});

describe('connection states in words', () => {
  const source = { kind: 'cardata' as const, sourceName: 'the CarData stream' };
  const since = at;
  const retryAt = new Date('2026-12-01T07:31:00Z');

  it('name the state, why, and the next try', () => {
    expect(
      connectionMessage({ state: 'connected', since }, { ...source, connectedBefore: false })?.text,
    ).toContain('Press Ctrl-C to stop');
    expect(connectionMessage({ state: 'connected', since }, { ...source, connectedBefore: true })?.text).toBe(
      'Connected to the CarData stream again.',
    );
    expect(
      connectionMessage(
        { state: 'reconnecting', since, retryAt, reason: 'the connection dropped (ECONNRESET)' },
        { ...source, connectedBefore: true },
      ),
    ).toEqual({
      level: 'warn',
      text: 'Not connected to the CarData stream: the connection dropped (ECONNRESET). Next try at 2026-12-01 07:31:00 UTC.',
    });
    expect(
      connectionMessage(
        { state: 'kicked', since, retryAt, reason: 'x' },
        { ...source, connectedBefore: true },
      )?.text,
    ).toBe(
      'Kicked off the CarData stream by another program using this account. Next try at 2026-12-01 07:31:00 UTC.',
    );
    const failed = connectionMessage(
      { state: 'failed', since, code: 'auth', reason: 'the CarData login is no longer valid' },
      { ...source, connectedBefore: true },
    );
    expect(failed).toMatchObject({
      level: 'error',
      text: 'The CarData stream failed: the CarData login is no longer valid.',
    });
    expect(failed?.hint).toContain('bimmer login --cardata --client-id ID');
    expect(
      connectionMessage({ state: 'stopped', since }, { ...source, connectedBefore: true }),
    ).toBeUndefined();
  });
});

describe('the REST budget in one line', () => {
  const budget: LiveBudget = {
    limit: 50,
    used: 13,
    left: 37,
    reserve: 10,
    nextFreeAt: at,
    nextRestReadAt: new Date('2026-12-01T18:00:00Z'),
  };

  it('says the calls left, the reserve and the next automatic read', () => {
    expect(budgetText(budget, at.getTime())).toBe(
      'REST budget: 37 of 50 calls left (10 kept for your own reads); next automatic read at 2026-12-01 18:00 UTC.',
    );
    expect(budgetText({ ...budget, nextRestReadAt: undefined }, at.getTime())).toContain(
      'no automatic read planned',
    );
    expect(
      budgetText(
        { ...budget, left: 0, used: 50, nextFreeAt: new Date('2026-12-02T06:00:00Z') },
        at.getTime(),
      ),
    ).toContain(
      '0 of 50 calls left; next automatic read at 2026-12-01 18:00 UTC; the next call is free at 2026-12-02 06:00 UTC.',
    );
  });
});
