import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes every occurrence of every secret', () => {
    expect(redactSecrets('user pw=hunter22 again hunter22 tok', ['hunter22', undefined, 'tok1'])).toBe(
      `user pw=${REDACTED} again ${REDACTED} tok`,
    );
  });

  it('never leaves a secret of four or more characters behind', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 4 }), fc.string(), (before, secret, after) => {
        expect(redactSecrets(`${before}${secret}${after}`, [secret])).not.toContain(secret);
      }),
    );
  });
});
