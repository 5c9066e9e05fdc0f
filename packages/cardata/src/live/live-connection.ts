import type { LiveConnection } from '@bimmer/core';
import type { StreamStateChange } from '../stream/stream-connection';

/** The reason of a `kicked` connection: what happened and the fix, in words a person understands. */
export const KICKED_LIVE_REASON =
  "another program connected to this account's CarData stream and BMW allows one connection per " +
  'account; bimmer backs off and retries. To use the stream in several programs at once, run ' +
  '`bimmer hub` for the account and connect the programs to the hub instead of to BMW.';

/** The reason of a `failed` connection whose login is gone. */
export const LOGIN_GONE_REASON =
  'the CarData login is no longer valid (the refresh token was revoked or expired after two weeks ' +
  'unused): log in again with the device code. The last known state stays available.';

/**
 * The live-account connection for a change of the stream connection's state, at `now` (epoch ms):
 * - `connecting`, `connected` as they are;
 * - `reconnecting` with `retryAt`, unless the token source failed with code `auth` (the login is
 *   gone): then `failed` with code `auth`; the stream keeps trying, so a new login written to the
 *   token store by another program brings it back;
 * - `kicked` with a reason that names `bimmer hub` as the fix;
 * - `closed` (our own `stop()`) is `stopped`.
 */
export function liveConnectionOf(change: StreamStateChange, now: number): LiveConnection {
  const since = new Date(now);
  const retryAt = change.retryInMs === undefined ? undefined : new Date(now + change.retryInMs);
  switch (change.state) {
    case 'idle':
      return { state: 'idle', since };
    case 'connecting':
      return { state: 'connecting', since, reason: change.reason };
    case 'connected':
      return { state: 'connected', since };
    case 'kicked':
      return { state: 'kicked', since, retryAt, reason: KICKED_LIVE_REASON, code: change.error?.code };
    case 'closed':
      return { state: 'stopped', since };
    case 'reconnecting':
      if (change.error?.code === 'auth') {
        return { state: 'failed', since, retryAt, reason: LOGIN_GONE_REASON, code: 'auth' };
      }
      return { state: 'reconnecting', since, retryAt, reason: change.reason };
  }
}
