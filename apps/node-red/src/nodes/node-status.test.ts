import { describe, expect, it } from 'vitest';
import type { AccountView } from '../runtime/shared-account';
import { statusOf } from './node-status';

const now = Date.parse('2026-12-01T18:30:00');
const budget = { limit: 50, used: 13, left: 37, reserve: 10, nextFreeAt: new Date(now) };
const view = (overrides: Partial<AccountView>): AccountView => ({
  phase: 'open',
  connection: { state: 'connected', since: new Date(now) },
  budget,
  lastUpdate: new Date('2026-12-01T18:02:00'),
  error: undefined,
  ...overrides,
});

describe('node status', () => {
  it('shows the connection, the last update and the budget', () => {
    expect(statusOf(view({}), now)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'connected · 18:02 · q 37/50',
    });
    expect(statusOf(view({ budget: undefined, lastUpdate: undefined }), now).text).toBe('connected');
    // The next automatic REST read the account plans, while it is ahead.
    const planned = { ...budget, nextRestReadAt: new Date('2026-12-02T06:00:00') };
    expect(statusOf(view({ budget: planned }), now).text).toBe('connected · 18:02 · q 37/50 → 06:00');
    const past = { ...budget, nextRestReadAt: new Date('2026-12-01T18:00:00') };
    expect(statusOf(view({ budget: past }), now).text).toBe('connected · 18:02 · q 37/50');
    expect(statusOf(view({ connection: { state: 'reconnecting', since: new Date(now) } }), now).text).toMatch(
      /^reconnecting/,
    );
    expect(statusOf(view({ connection: { state: 'kicked', since: new Date(now) } }), now)).toMatchObject({
      fill: 'yellow',
      text: expect.stringMatching(/^kicked/),
    });
  });

  it('says when a login is needed or the quota is used up', () => {
    expect(statusOf(view({ phase: 'login-needed' }), now)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'login needed',
    });
    expect(
      statusOf(view({ connection: { state: 'failed', code: 'auth', since: new Date(now) } }), now).text,
    ).toBe('login needed');
    const spent = { ...budget, used: 50, left: 0, nextFreeAt: new Date('2026-12-02T07:15:00') };
    expect(statusOf(view({ budget: spent }), now).text).toBe('quota exhausted until 07:15 · 18:02 · q 0/50');
    const blocked = { ...budget, blockedUntil: new Date('2026-12-01T23:00:00') };
    expect(statusOf(view({ budget: blocked }), now)).toMatchObject({
      fill: 'grey',
      text: expect.stringMatching(/^quota exhausted until 23:00/),
    });
  });

  it('says when BMW blocks the client, with the way on, and names other failures', () => {
    const failed = (code: 'blocked' | 'api') =>
      statusOf(view({ budget: undefined, connection: { state: 'failed', code, since: new Date(now) } }), now);
    expect(failed('blocked')).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'failed: blocked by BMW, use CarData · 18:02',
    });
    expect(failed('api').text).toBe('failed: api · 18:02');
  });

  it('names what failed without a secret', () => {
    const error = Object.assign(new Error('x'), { code: 'unsupported' });
    expect(statusOf(view({ phase: 'failed', error }), now).text).toBe('not supported');
    expect(statusOf(view({ phase: 'opening' }), now).text).toBe('starting');
  });
});
