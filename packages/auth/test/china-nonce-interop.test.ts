import { generateChinaLoginNonce, verifyChinaLoginNonce } from '@bimmer/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChinaNonce, generateChinaNonce } from '../src/china/china-nonce';

const NOW = Date.UTC(2026, 11, 1, 7, 11, 46);
/** Any code point, astral ones included: the hash covers the last four code points, not UTF-16 units. */
const unicodeUsername = fc.string({ unit: 'binary', maxLength: 16 });

describe('China nonce: client and simulator agree', () => {
  it('the simulator accepts our nonce for any full-unicode username', () => {
    fc.assert(
      fc.property(unicodeUsername, (username) => {
        expect(verifyChinaLoginNonce(generateChinaNonce(username, NOW), username, NOW)).toBe('ok');
      }),
    );
  });

  it('we decode the simulator nonce for any full-unicode username', () => {
    fc.assert(
      fc.property(unicodeUsername, (username) => {
        const decoded = decodeChinaNonce(generateChinaLoginNonce(username, new Date(NOW)));
        expect(decoded.username).toBe(username);
        expect(decoded.time).toBe(new Date(NOW).toUTCString());
      }),
    );
  });

  it('agrees on a username whose last four characters are astral', () => {
    const username = '86138🚗🔋⚡👍';
    expect(verifyChinaLoginNonce(generateChinaNonce(username, NOW), username, NOW)).toBe('ok');
    expect(verifyChinaLoginNonce(generateChinaNonce(username, NOW), '86139🚗🔋⚡👍', NOW)).toBe('username');
  });
});
