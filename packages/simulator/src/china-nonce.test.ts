import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateChinaLoginNonce, verifyChinaLoginNonce } from './china-nonce';

const NOW = Date.UTC(2026, 11, 1, 7, 11, 46);

describe('x-login-nonce', () => {
  it('verifies any nonce the app algorithm builds, for its username and time', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: -299, max: 299 }),
        (username, skewSeconds) => {
          const nonce = generateChinaLoginNonce(username, new Date(NOW + skewSeconds * 1000));
          expect(verifyChinaLoginNonce(nonce, username, NOW)).toBe('ok');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('verifies nonces for full-unicode usernames (astral characters included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (username) => {
        const nonce = generateChinaLoginNonce(username, new Date(NOW));
        expect(verifyChinaLoginNonce(nonce, username, NOW)).toBe('ok');
      }),
      { numRuns: 100 },
    );
  });

  it('hashes the last four code points of the username, as Python username[-4:] does', () => {
    const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), hex16, hex16, (username, key, iv) => {
        // The generator asks for the key first, then the IV.
        let calls = 0;
        const random = () => (calls++ === 0 ? key : iv);
        const nonce = generateChinaLoginNonce(username, new Date(NOW), random);
        const [k1, k2, i1, i2] = [key.slice(0, 8), key.slice(8), iv.slice(0, 8), iv.slice(8)];
        const lastFour = [...username].slice(-4).join('');
        const hash = createHash('sha256').update(`${k2}${i1}u3.6.1${lastFour}${k1}${i2}`).digest('hex');
        expect(`${nonce.slice(16, 48)}${nonce.slice(-32)}`).toBe(hash);
      }),
      { numRuns: 100 },
    );
    // Four emoji are eight UTF-16 units; the hash must still cover all four.
    const fixed = (length: number) => '0123456789abcdef'.slice(0, length);
    const emoji = generateChinaLoginNonce('👍🚗🔋⚡', new Date(NOW), fixed);
    const hash = createHash('sha256').update('89abcdef01234567u3.6.1👍🚗🔋⚡0123456789abcdef').digest('hex');
    expect(`${emoji.slice(16, 48)}${emoji.slice(-32)}`).toBe(hash);
  });

  it('has the documented length: 96 + 2 × the padded plaintext', () => {
    const nonce = generateChinaLoginNonce('8613800001111', new Date(NOW));
    // 13 + 1 + 29 + 1 + 8 = 52 bytes, padded to 64.
    expect(nonce).toHaveLength(96 + 128);
    expect(nonce).toMatch(/^[0-9a-f]+$/);
  });

  it('uses the fixed test vector of key/iv halves deterministically', () => {
    const fixed = (length: number) => '0123456789abcdef'.slice(0, length);
    const a = generateChinaLoginNonce('user', new Date(NOW), fixed);
    expect(generateChinaLoginNonce('user', new Date(NOW), fixed)).toBe(a);
    expect(a.slice(0, 8)).toBe('89abcdef');
    expect(a.slice(8, 16)).toBe('01234567');
  });

  it('refuses another username, an old time, tampering and garbage', () => {
    const nonce = generateChinaLoginNonce('8613800001111', new Date(NOW));
    expect(verifyChinaLoginNonce(nonce, '8613800002222', NOW)).toBe('hash');
    expect(verifyChinaLoginNonce(nonce, '8613800001111', NOW + 301_000)).toBe('time');
    const tampered = `${nonce.slice(0, 60)}${nonce[60] === '0' ? '1' : '0'}${nonce.slice(61)}`;
    expect(verifyChinaLoginNonce(tampered, '8613800001111', NOW)).not.toBe('ok');
    expect(verifyChinaLoginNonce('not a nonce', '8613800001111', NOW)).toBe('malformed');
  });

  it('refuses a nonce whose plaintext names someone else with the same last four digits', () => {
    const nonce = generateChinaLoginNonce('8613800001111', new Date(NOW));
    expect(verifyChinaLoginNonce(nonce, '8699999991111', NOW)).toBe('username');
  });
});
