import { type Region, requireRegion } from '@bimmer/core';
import type { MyBMWStoredTokens, StoredTokens } from './token-store/stored-tokens';

/** The account and region a stored MyBMW session must belong to, to be resumed. */
export interface MyBMWIdentity {
  /** The MyBMW account (e-mail address or, in China, phone number). */
  readonly username: string;
  /** The region, in any form `requireRegion` accepts. */
  readonly region: Region | string;
}

/**
 * Why a stored session cannot be resumed by a login of `identity`:
 * - `none`: nothing is stored;
 * - `other-kind`: the store holds CarData tokens, not a MyBMW login;
 * - `other-region`: a MyBMW login of another region;
 * - `other-account`: a MyBMW login of another account;
 * - `no-tokens`: this account's entry holds neither a refresh nor an access token.
 */
export type StoredSessionProblem = 'none' | 'other-kind' | 'other-region' | 'other-account' | 'no-tokens';

/** Usernames are e-mail addresses or phone numbers: compared without case and outer spaces. */
export function sameAccount(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The one rule that decides whether a stored login can be reused without a password: a MyBMW token
 * set of the same region and account (usernames compared trimmed and without case; a set without a
 * username, e.g. a pasted refresh token, belongs to any account) that holds a refresh or an access
 * token. Returns the problem, or undefined when the session can be resumed.
 */
export function storedSessionProblem(
  stored: StoredTokens | undefined,
  identity: MyBMWIdentity,
): StoredSessionProblem | undefined {
  if (stored === undefined) return 'none';
  if (stored.kind !== 'mybmw') return 'other-kind';
  if (stored.region !== requireRegion(identity.region)) return 'other-region';
  if (stored.username !== undefined && !sameAccount(stored.username, identity.username))
    return 'other-account';
  if (stored.refreshToken === undefined && stored.accessToken === undefined) return 'no-tokens';
  return undefined;
}

/** {@link storedSessionProblem} as a yes/no, narrowing `stored` to MyBMW tokens. */
export function isResumable(
  stored: StoredTokens | undefined,
  identity: MyBMWIdentity,
): stored is MyBMWStoredTokens {
  return storedSessionProblem(stored, identity) === undefined;
}
