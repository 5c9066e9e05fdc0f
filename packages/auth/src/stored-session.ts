import {
  BimmerAuthError,
  type BimmerError,
  BimmerValidationError,
  type Region,
  requireRegion,
} from '@bimmer/core';
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

/** The end of every "log in again" hint. */
const AGAIN = '(and, outside China, a captcha token) to replace it.';

/**
 * The typed error that names why the stored session cannot be resumed by a login of `identity`, for
 * an adapter (or the authenticator) that has no password to log in again: CarData tokens where a
 * MyBMW login belongs (`validation`, action `check-files`: the file is not overwritten), or a MyBMW
 * login of another region or account, or without tokens (`auth`, action `mybmw-login`). Undefined
 * when it can be resumed or nothing is stored (then "a password is needed" is the whole story).
 *
 * @param where what holds the tokens, e.g. `The token file /home/me/.config/bimmer/mybmw.json`.
 */
export function unusableSessionError(
  stored: StoredTokens | undefined,
  identity: MyBMWIdentity,
  where = 'The token store',
): BimmerError | undefined {
  const problem = storedSessionProblem(stored, identity);
  const relogin = `Log in again with the password ${AGAIN}`;
  switch (problem) {
    case undefined:
    case 'none':
      return undefined;
    case 'other-kind':
      return new BimmerValidationError(`${where} holds BMW CarData tokens, not a MyBMW login.`, {
        paths: ['tokenStore'],
        hint: 'Keep MyBMW and CarData tokens in separate files; this one is left as it is.',
        action: 'check-files',
      });
    case 'other-region':
      return new BimmerAuthError(
        `${where} holds a MyBMW login for ${stored?.kind === 'mybmw' ? stored.region : 'another region'}, not for ${requireRegion(identity.region)}.`,
        {
          hint: `Use the token file of that region, or log in again with the password ${AGAIN}`,
          action: 'mybmw-login',
        },
      );
    case 'other-account':
      return new BimmerAuthError(`${where} holds the MyBMW login of another account.`, {
        hint: `Use that account's token file, or log in again with the password ${AGAIN}`,
        action: 'mybmw-login',
      });
    case 'no-tokens':
      return new BimmerAuthError(`${where} holds no refresh or access token for this MyBMW account.`, {
        hint: relogin,
        action: 'mybmw-login',
      });
  }
}
