import { BimmerAuthError } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { streamKickedError } from '../stream/stream-kicked';
import { liveConnectionOf } from './live-connection';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('liveConnectionOf', () => {
  it('maps the stream states onto the contract, with the time of the next attempt', () => {
    expect(liveConnectionOf({ state: 'connected' }, NOW)).toEqual({
      state: 'connected',
      since: new Date(NOW),
    });
    expect(
      liveConnectionOf({ state: 'reconnecting', reason: 'the ID token expired', retryInMs: 2_000 }, NOW),
    ).toEqual({
      state: 'reconnecting',
      since: new Date(NOW),
      retryAt: new Date(NOW + 2_000),
      reason: 'the ID token expired',
    });
    expect(liveConnectionOf({ state: 'closed' }, NOW).state).toBe('stopped');
  });

  it('names bimmer hub as the fix when another program took the stream', () => {
    const kicked = liveConnectionOf(
      { state: 'kicked', reason: 'another program', retryInMs: 60_000, error: streamKickedError() },
      NOW,
    );
    expect(kicked).toMatchObject({ state: 'kicked', retryAt: new Date(NOW + 60_000), code: 'api' });
    expect(kicked.reason).toContain('`bimmer hub`');
  });

  it('fails with code auth when the login is gone (the stream still retries in case of a new login)', () => {
    const failed = liveConnectionOf(
      {
        state: 'reconnecting',
        reason: 'no valid ID token',
        retryInMs: 30_000,
        error: new BimmerAuthError('BMW no longer accepts the CarData refresh token.'),
      },
      NOW,
    );
    expect(failed).toMatchObject({ state: 'failed', code: 'auth', retryAt: new Date(NOW + 30_000) });
    expect(failed.reason).toMatch(/log in again/);
  });
});
