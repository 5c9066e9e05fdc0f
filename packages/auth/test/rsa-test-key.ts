import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';

/** A fresh 1024-bit RSA key pair (the size BMW's China login uses), generated per test run. */
export function createTestRsaKeys(): { publicKeyPem: string; decrypt: (base64: string) => string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString().replaceAll('\n', '\r\n');
  return {
    publicKeyPem,
    // Decrypt without padding and check the PKCS#1 v1.5 type-2 block by hand: proves the padding is v1.5, not OAEP.
    decrypt: (base64) => {
      const block = privateDecrypt(
        { key: privateKey, padding: constants.RSA_NO_PADDING },
        Buffer.from(base64, 'base64'),
      );
      const separator = block.indexOf(0, 2);
      if (block[0] !== 0 || block[1] !== 2 || separator < 10) throw new Error('not PKCS#1 v1.5 padding');
      return block.subarray(separator + 1).toString('utf8');
    },
  };
}
