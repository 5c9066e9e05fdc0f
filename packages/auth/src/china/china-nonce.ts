import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { BimmerValidationError } from '@bimmer/core';

/** The alphabet whose mirror image derives the AES key from the random key. */
const MIRROR_ALPHABET = '01234abcdefghijklmnopqrstuvwxyz56789';

/** The app version string the nonce hash includes. */
const NONCE_VERSION = 'u3.6.1';

/** The shape of `Date.prototype.toUTCString()`, e.g. `Tue, 01 Dec 2026 07:11:46 GMT`. */
const UTC_STRING = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} -?\d{4,6} \d{2}:\d{2}:\d{2} GMT$/;

/** The random parts of a nonce; inject them to make a nonce reproducible. */
export interface ChinaNonceRandom {
  /** 16 lower-case hex characters. */
  readonly key: string;
  /** 16 lower-case hex characters. */
  readonly iv: string;
}

/** What {@link decodeChinaNonce} recovers from a nonce. */
export interface DecodedChinaNonce {
  /** The username (or, for a refresh, the gcid) the nonce was made for. */
  readonly username: string;
  /** The time inside it, as `Date.prototype.toUTCString()` renders it. */
  readonly time: string;
  /** The random key. */
  readonly key: string;
  /** The random IV. */
  readonly iv: string;
}

function mirror(character: string): string {
  const index = MIRROR_ALPHABET.indexOf(character);
  if (index === -1)
    throw new BimmerValidationError('A China nonce key must be lower-case hex.', { paths: ['key'] });
  return MIRROR_ALPHABET[MIRROR_ALPHABET.length - 1 - index] ?? character;
}

/** The AES-128 key: the random key with its characters 4 and 12 mirrored. */
function aesKey(key: string): Buffer {
  return Buffer.from(
    `${key.slice(0, 4)}${mirror(key[4] ?? '')}${key.slice(5, 12)}${mirror(key[12] ?? '')}${key.slice(13, 16)}`,
    'ascii',
  );
}

/** The last four characters (code points) of `text`, or all of it when shorter (Python's `text[-4:]`). */
function lastFour(text: string): string {
  return Array.from(text).slice(-4).join('');
}

function nonceHash(key: string, iv: string, username: string): string {
  const k1 = key.slice(0, 8);
  const k2 = key.slice(8, 16);
  const i1 = iv.slice(0, 8);
  const i2 = iv.slice(8, 16);
  return createHash('sha256')
    .update(`${k2}${i1}${NONCE_VERSION}${lastFour(username)}${k1}${i2}`, 'utf8')
    .digest('hex');
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/**
 * The `x-login-nonce` header of the China login and refresh, bit-exact to bimmer_connected
 * `generate_cn_nonce`: `k2 + i1 + sha_a + AES-128-CBC(username&time&k1) + k1 + i2 + sha_b`.
 *
 * @param username the phone number for the password login, the gcid for a refresh; `undefined` means "".
 * @param now the time to embed (epoch ms); defaults to now.
 * @param random the key and IV; fresh secure random hex by default.
 */
export function generateChinaNonce(
  username: string | undefined,
  now: number = Date.now(),
  random: ChinaNonceRandom = { key: randomHex(16), iv: randomHex(16) },
): string {
  const name = username ?? '';
  const { key, iv } = random;
  const hash = nonceHash(key, iv, name);
  const plaintext = `${name}&${new Date(now).toUTCString()}&${key.slice(0, 8)}`;
  const cipher = createCipheriv('aes-128-cbc', aesKey(key), Buffer.from(iv, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex');
  return `${key.slice(8, 16)}${iv.slice(0, 8)}${hash.slice(0, 32)}${ciphertext}${key.slice(0, 8)}${iv.slice(8, 16)}${hash.slice(32, 64)}`;
}

/**
 * Takes a China nonce apart and checks it, as BMW's server (and our simulator) does: splits the
 * layout, decrypts the middle, and verifies both hash halves against the username inside.
 *
 * @throws BimmerValidationError when the nonce does not have the layout or does not verify.
 */
export function decodeChinaNonce(nonce: string): DecodedChinaNonce {
  const invalid = (reason: string) =>
    new BimmerValidationError(`Not a valid China login nonce: ${reason}.`, { paths: ['x-login-nonce'] });
  if (!/^[0-9a-f]+$/.test(nonce) || nonce.length < 96 + 32 || (nonce.length - 96) % 32 !== 0) {
    throw invalid('wrong length or characters');
  }
  const k2 = nonce.slice(0, 8);
  const i1 = nonce.slice(8, 16);
  const shaA = nonce.slice(16, 48);
  const ciphertext = nonce.slice(48, -48);
  const k1 = nonce.slice(-48, -40);
  const i2 = nonce.slice(-40, -32);
  const shaB = nonce.slice(-32);
  const key = k1 + k2;
  const iv = i1 + i2;
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-128-cbc', aesKey(key), Buffer.from(iv, 'ascii'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'hex')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw invalid('the ciphertext does not decrypt');
  }
  const timeEnd = plaintext.lastIndexOf('&');
  const nameEnd = plaintext.lastIndexOf('&', timeEnd - 1);
  if (nameEnd < 0 || plaintext.slice(timeEnd + 1) !== k1)
    throw invalid('the plaintext does not end in the key');
  const username = plaintext.slice(0, nameEnd);
  const time = plaintext.slice(nameEnd + 1, timeEnd);
  if (nonceHash(key, iv, username) !== shaA + shaB) throw invalid('the hash does not match');
  // The hash does not cover the time, so check that it is one.
  if (!UTC_STRING.test(time) || Number.isNaN(Date.parse(time))) throw invalid('the time is not a UTC date');
  return { username, time, key, iv };
}
