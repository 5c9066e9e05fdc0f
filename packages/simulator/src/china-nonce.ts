/**
 * The `x-login-nonce` of China logins: an AES-128-CBC encrypted
 * `<username>&<time>&<k1>` wrapped in key/iv halves and a SHA-256 over them. The simulator decrypts
 * it to check the username, the time (within 5 minutes) and the hashes.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const MIRROR_ALPHABET = '01234abcdefghijklmnopqrstuvwxyz56789';
/** How far the nonce's time may be from the simulator clock. */
export const NONCE_MAX_SKEW_MS = 5 * 60 * 1000;

function mirror(character: string): string {
  const index = MIRROR_ALPHABET.indexOf(character);
  return index < 0 ? character : (MIRROR_ALPHABET[35 - index] ?? character);
}

function aesKey(key: string): string {
  return `${key.slice(0, 4)}${mirror(key[4] ?? '')}${key.slice(5, 12)}${mirror(key[12] ?? '')}${key.slice(13, 16)}`;
}

/** The last four code points of `text` (all of it when shorter), as Python's `text[-4:]` counts. */
function lastFour(text: string): string {
  return Array.from(text).slice(-4).join('');
}

function hashOf(k1: string, k2: string, i1: string, i2: string, username: string): string {
  return createHash('sha256')
    .update(`${k2}${i1}u3.6.1${lastFour(username)}${k1}${i2}`, 'utf8')
    .digest('hex');
}

function randomHex(length: number): string {
  return randomBytes(length).toString('hex').slice(0, length);
}

/**
 * Builds a nonce the way the MyBMW app does (used by tests and tools that talk to the simulator).
 *
 * @param username the phone number (password login) or gcid (refresh) the nonce is for.
 * @param now the time to embed; the simulator accepts it within {@link NONCE_MAX_SKEW_MS} of its clock.
 * @param random returns `length` lower-case hex characters; secure random by default.
 */
export function generateChinaLoginNonce(
  username: string,
  now: Date,
  random: (length: number) => string = randomHex,
): string {
  const key = random(16);
  const iv = random(16);
  const [k1, k2, i1, i2] = [key.slice(0, 8), key.slice(8), iv.slice(0, 8), iv.slice(8)];
  const hash = hashOf(k1, k2, i1, i2, username);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(aesKey(key), 'ascii'), Buffer.from(iv, 'ascii'));
  const plaintext = `${username}&${now.toUTCString()}&${k1}`;
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex');
  return `${k2}${i1}${hash.slice(0, 32)}${encrypted}${k1}${i2}${hash.slice(32)}`;
}

/** Why a nonce was refused, or `ok`. */
export type NonceVerdict = 'ok' | 'malformed' | 'hash' | 'decrypt' | 'username' | 'time';

/**
 * Checks a nonce against the expected username (the phone number for password logins, the gcid
 * for refreshes) and the clock.
 */
export function verifyChinaLoginNonce(nonce: string, username: string, nowMs: number): NonceVerdict {
  if (!/^[0-9a-f]+$/.test(nonce) || nonce.length < 96 + 32 || (nonce.length - 96) % 32 !== 0)
    return 'malformed';
  const k2 = nonce.slice(0, 8);
  const i1 = nonce.slice(8, 16);
  const shaA = nonce.slice(16, 48);
  const shaB = nonce.slice(-32);
  const i2 = nonce.slice(-40, -32);
  const k1 = nonce.slice(-48, -40);
  const encrypted = nonce.slice(48, -48);
  if (hashOf(k1, k2, i1, i2, username) !== `${shaA}${shaB}`) return 'hash';
  let plaintext: string;
  try {
    const decipher = createDecipheriv(
      'aes-128-cbc',
      Buffer.from(aesKey(`${k1}${k2}`), 'ascii'),
      Buffer.from(`${i1}${i2}`, 'ascii'),
    );
    plaintext = Buffer.concat([decipher.update(Buffer.from(encrypted, 'hex')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return 'decrypt';
  }
  const firstAmp = plaintext.lastIndexOf('&', plaintext.lastIndexOf('&') - 1);
  const name = plaintext.slice(0, firstAmp);
  const [time = '', suffix = ''] = plaintext.slice(firstAmp + 1).split('&');
  if (name !== username || suffix !== k1) return 'username';
  const sent = Date.parse(time);
  if (Number.isNaN(sent) || Math.abs(nowMs - sent) > NONCE_MAX_SKEW_MS) return 'time';
  return 'ok';
}
