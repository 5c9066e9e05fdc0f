import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCarDataPkcePair } from './pkce';

describe('createCarDataPkcePair', () => {
  it('creates fresh unpadded base64url verifiers whose challenge is sha256 of the verifier', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const pair = createCarDataPkcePair();
        expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
      }),
      { numRuns: 50 },
    );
    expect(createCarDataPkcePair().verifier).not.toBe(createCarDataPkcePair().verifier);
  });
});
