import { randomBytes } from 'node:crypto';
import { createS256CodeChallenge } from '../oauth/pkce';

/** A PKCE verifier and its S256 challenge. */
export interface CarDataPkcePair {
  /** The secret kept by the client and sent with every token poll. */
  verifier: string;
  /** `base64url(sha256(verifier))` without padding, sent with the device-code request. */
  challenge: string;
}

/**
 * Creates a fresh random verifier for the CarData device-code login (43 characters, the RFC 7636
 * minimum, from 32 random bytes) and its challenge from the one S256 function.
 */
export function createCarDataPkcePair(): CarDataPkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createS256CodeChallenge(verifier) };
}
