import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier and its S256 challenge. */
export interface CarDataPkcePair {
  /** The secret kept by the client and sent with every token poll. */
  verifier: string;
  /** `base64url(sha256(verifier))` without padding, sent with the device-code request. */
  challenge: string;
}

/** Derives the S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Creates a fresh random verifier (43 characters, the RFC 7636 minimum entropy) and its challenge. */
export function createCarDataPkcePair(): CarDataPkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}
