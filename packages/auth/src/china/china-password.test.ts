import { describe, expect, it } from 'vitest';
import { createTestRsaKeys } from '../../test/rsa-test-key';
import { encryptChinaPassword } from './china-password';

describe('China password encryption', () => {
  it('encrypts with RSA PKCS#1 v1.5 to standard base64, randomised per call', () => {
    const keys = createTestRsaKeys();
    const first = encryptChinaPassword(keys.publicKeyPem, 'pässword 1');
    const second = encryptChinaPassword(keys.publicKeyPem, 'pässword 1');
    expect(first).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(first, 'base64')).toHaveLength(128);
    expect(first).not.toBe(second);
    expect(keys.decrypt(first)).toBe('pässword 1');
    expect(keys.decrypt(second)).toBe('pässword 1');
  });
});
