import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPkce, createS256CodeChallenge, generateToken, TOKEN_ALPHABET } from './pkce';

describe('PKCE', () => {
  it('matches the reference challenge of a known verifier', () => {
    expect(createS256CodeChallenge('dBjftJeZ4CVP-mJ92K9qIgadlvxZpqvo')).toBe(
      'xkcMNpb-1-g95N87XefqGGA702xwESO1vlWVPsP39uM',
    );
  });

  it('derives the RFC 7636 S256 challenge (appendix B example)', () => {
    expect(createS256CodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('draws tokens of the asked length from the unreserved alphabet', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (length) => {
        const token = generateToken(length);
        expect(token).toHaveLength(length);
        for (const character of token) expect(TOKEN_ALPHABET).toContain(character);
      }),
    );
  });

  it('gives every verifier an unpadded base64url SHA-256 challenge', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/), (verifier) => {
        const challenge = createS256CodeChallenge(verifier);
        expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(challenge, 'base64url')).toEqual(createHash('sha256').update(verifier).digest());
      }),
    );
  });

  it('creates verifier, challenge, state and nonce with the app lengths, fresh each time', () => {
    const first = createPkce();
    const second = createPkce();
    expect(first.codeVerifier).toHaveLength(86);
    expect(first.state).toHaveLength(22);
    expect(first.nonce).toHaveLength(22);
    expect(first.codeChallenge).toBe(createS256CodeChallenge(first.codeVerifier));
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
    expect(second.state).not.toBe(first.state);
  });
});
