import { constants, publicEncrypt } from 'node:crypto';

/**
 * Encrypts the password for the China login: RSAES-PKCS1-v1_5 (not OAEP) with the server's public key,
 * as standard base64.
 *
 * @param publicKeyPem the `-----BEGIN PUBLIC KEY-----` block from `/eadrax-coas/v1/cop/publickey`.
 */
export function encryptChinaPassword(publicKeyPem: string, password: string): string {
  return publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(password, 'utf8'),
  ).toString('base64');
}
