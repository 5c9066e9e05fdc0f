import { createHash, randomInt } from 'node:crypto';

/** The characters of PKCE verifiers, states and nonces (RFC 7636 "unreserved"). */
export const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/**
 * A random string of `length` characters drawn uniformly from {@link TOKEN_ALPHABET} with a
 * cryptographically secure generator (bimmer_connected `generate_token`).
 */
export function generateToken(length = 30): string {
  let token = '';
  for (let index = 0; index < length; index++) token += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  return token;
}

/**
 * The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)) without `=` padding (RFC
 * 7636). The one implementation for every login that uses PKCE: MyBMW's GCDM login and CarData's
 * device-code login. Verifiers are ASCII by definition, so the bytes hashed are the characters.
 */
export function createS256CodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The PKCE and anti-CSRF values of one login. */
export interface PkceValues {
  /** The secret the token exchange proves possession of (86 characters). */
  readonly codeVerifier: string;
  /** {@link createS256CodeChallenge} of the verifier. */
  readonly codeChallenge: string;
  /** The OAuth `state` (22 characters). */
  readonly state: string;
  /** The OpenID `nonce` (22 characters). */
  readonly nonce: string;
}

/** Fresh PKCE values with the lengths the MyBMW app uses. */
export function createPkce(): PkceValues {
  const codeVerifier = generateToken(86);
  return {
    codeVerifier,
    codeChallenge: createS256CodeChallenge(codeVerifier),
    state: generateToken(22),
    nonce: generateToken(22),
  };
}
