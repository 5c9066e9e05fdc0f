import { describe, expect, it } from 'vitest';
import { readBudget, readConnection } from './hub-payloads';

describe('reading what the hub publishes', () => {
  it('reads a budget with its instants, and nothing that is not one', () => {
    expect(
      readBudget({
        used: 3,
        left: 47,
        limit: 50,
        reserve: 10,
        nextFreeAt: '2026-12-01T10:00:00Z',
        nextRestReadAt: '2026-12-01T18:00:00Z',
        summary: 'Next automatic REST read at 18:00',
      }),
    ).toEqual({
      used: 3,
      left: 47,
      limit: 50,
      reserve: 10,
      nextFreeAt: new Date('2026-12-01T10:00:00Z'),
      nextRestReadAt: new Date('2026-12-01T18:00:00Z'),
      summary: 'Next automatic REST read at 18:00',
    });
    expect(readBudget({ used: 'x' })).toBeUndefined();
    expect(readBudget(null)).toBeUndefined();
  });

  it('reads a connection, refusing unknown states', () => {
    expect(
      readConnection({
        state: 'kicked',
        since: '2026-12-01T10:00:00Z',
        reason: 'another program',
        code: 'api',
      }),
    ).toEqual({
      state: 'kicked',
      since: new Date('2026-12-01T10:00:00Z'),
      reason: 'another program',
      code: 'api',
    });
    expect(readConnection({ state: 'sleeping', since: '2026-12-01T10:00:00Z' })).toBeUndefined();
  });
});
