import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isResumable, storedSessionProblem } from './stored-session';
import type { MyBMWStoredTokens } from './token-store/stored-tokens';

const stored: MyBMWStoredTokens = {
  kind: 'mybmw',
  region: 'rest_of_world',
  username: 'Driver@Example.test',
  refreshToken: 'refresh-1',
};
const identity = { username: 'driver@example.test', region: 'row' };

describe('storedSessionProblem', () => {
  it('resumes a session of the same account and region, usernames compared trimmed and without case', () => {
    expect(storedSessionProblem(stored, identity)).toBeUndefined();
    expect(isResumable(stored, { username: '  DRIVER@example.TEST ', region: 'rest_of_world' })).toBe(true);
    const { username: _username, ...anyAccount } = stored;
    expect(isResumable(anyAccount, identity)).toBe(true);
    expect(isResumable({ kind: 'mybmw', region: 'rest_of_world', accessToken: 'a' }, identity)).toBe(true);
  });

  it('names each reason a stored session cannot be resumed', () => {
    expect(storedSessionProblem(undefined, identity)).toBe('none');
    expect(storedSessionProblem({ kind: 'cardata', refreshToken: 'r' }, identity)).toBe('other-kind');
    expect(storedSessionProblem({ ...stored, region: 'china' }, identity)).toBe('other-region');
    expect(storedSessionProblem({ ...stored, username: 'someone@else.test' }, identity)).toBe(
      'other-account',
    );
    expect(storedSessionProblem({ kind: 'mybmw', region: 'rest_of_world' }, identity)).toBe('no-tokens');
  });

  it('ignores only case and outer spaces of usernames', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const same = a.trim().toLowerCase() === b.trim().toLowerCase();
        expect(isResumable({ ...stored, username: a }, { username: b, region: 'row' })).toBe(same);
      }),
    );
  });
});
