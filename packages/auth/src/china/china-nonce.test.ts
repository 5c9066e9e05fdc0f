import { createDecipheriv, createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChinaNonce, generateChinaNonce } from './china-nonce';

const NOW = Date.UTC(2026, 11, 1, 7, 11, 46);
const RANDOM = { key: '0123456789abcdef', iv: 'fedcba9876543210' };
const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);

describe('China x-login-nonce', () => {
  it('has the reference layout, step by step', () => {
    const username = '8613800000000';
    const nonce = generateChinaNonce(username, NOW, RANDOM);
    const [k1, k2, i1, i2] = ['01234567', '89abcdef', 'fedcba98', '76543210'];
    const hash = createHash('sha256').update(`${k2}${i1}u3.6.1${'0000'}${k1}${i2}`).digest('hex');
    // Positions 4 and 12 of the key mirrored: '4' → '5', 'c' → 'x'.
    const aesKey = '0123556789abxdef';
    const plaintext = `${username}&Tue, 01 Dec 2026 07:11:46 GMT&${k1}`;
    expect(nonce.startsWith(`${k2}${i1}${hash.slice(0, 32)}`)).toBe(true);
    expect(nonce.endsWith(`${k1}${i2}${hash.slice(32)}`)).toBe(true);
    const ciphertext = nonce.slice(48, -48);
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(aesKey), Buffer.from(RANDOM.iv));
    const decrypted = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'hex')), decipher.final()]);
    expect(decrypted.toString('utf8')).toBe(plaintext);
    // 13 + 1 + 29 + 1 + 8 = 52 bytes, padded to 64: 96 + 128 characters.
    expect(nonce).toHaveLength(224);
  });

  it('treats a missing username as the empty string', () => {
    expect(decodeChinaNonce(generateChinaNonce(undefined, NOW, RANDOM)).username).toBe('');
  });

  it('decrypts back to the username, time and key for any username', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        hex16,
        hex16,
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }),
        (username, key, iv, date) => {
          const nonce = generateChinaNonce(username, date.getTime(), { key, iv });
          const plaintextBytes = Buffer.byteLength(`${username}&${date.toUTCString()}&${key.slice(0, 8)}`);
          expect(nonce).toMatch(/^[0-9a-f]+$/);
          expect(nonce).toHaveLength(96 + 2 * (Math.floor(plaintextBytes / 16) + 1) * 16);
          expect(decodeChinaNonce(nonce)).toEqual({ username, time: date.toUTCString(), key, iv });
        },
      ),
    );
  });

  it('uses fresh random hex for every nonce', () => {
    const first = decodeChinaNonce(generateChinaNonce('8613800000000'));
    const second = decodeChinaNonce(generateChinaNonce('8613800000000'));
    expect(first.key).toMatch(/^[0-9a-f]{16}$/);
    expect(first.key).not.toBe(second.key);
    expect(first.iv).not.toBe(second.iv);
  });

  it('rejects tampered nonces', () => {
    const nonce = generateChinaNonce('8613800000000', NOW, RANDOM);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: nonce.length - 1 }), (position) => {
        const flipped = nonce[position] === '0' ? '1' : '0';
        const tampered = nonce.slice(0, position) + flipped + nonce.slice(position + 1);
        expect(() => decodeChinaNonce(tampered)).toThrow('Not a valid China login nonce');
      }),
    );
    expect(() => decodeChinaNonce('abc')).toThrow('wrong length');
  });
});
