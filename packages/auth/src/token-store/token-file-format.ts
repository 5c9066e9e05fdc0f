import { BimmerValidationError, REGIONS } from '@bimmer/core';
import type { StoredTokens } from './stored-tokens';

/** The version of the token file layout; bumped whenever the layout changes incompatibly. */
export const TOKEN_FILE_SCHEMA_VERSION = 1;

const STRING_FIELDS = {
  mybmw: ['username', 'accessToken', 'refreshToken', 'gcid', 'sessionId'],
  cardata: ['clientId', 'accessToken', 'idToken', 'refreshToken', 'gcid', 'scope'],
} as const;

const TIME_FIELDS = {
  mybmw: ['accessTokenExpiresAt', 'sessionIdCreatedAt'],
  cardata: ['expiresAt', 'refreshExpiresAt'],
} as const;

/** The JSON text of a token file: the schema version followed by the token fields. */
export function serializeTokenFile(tokens: StoredTokens): string {
  return `${JSON.stringify({ schemaVersion: TOKEN_FILE_SCHEMA_VERSION, ...tokens }, null, 2)}\n`;
}

/** A token file whose content is damaged: named as such, with the field when one is at fault. */
function corrupt(path: string, reason: string, field?: string): BimmerValidationError {
  return new BimmerValidationError(`The token file ${path} is damaged: ${reason}.`, {
    paths: field === undefined ? [] : [field],
    hint: 'Log in again with the password: the file is replaced only after the new login succeeds. Or move it away to start over.',
    action: 'check-files',
  });
}

/** A token file written by another version of bimmer: not damaged, just not readable by this one. */
function otherVersion(path: string, version: number): BimmerValidationError {
  return new BimmerValidationError(
    `The token file ${path} was written by another version of bimmer (token file schema version ${version}; this version reads ${TOKEN_FILE_SCHEMA_VERSION}).`,
    {
      paths: ['schemaVersion'],
      hint: 'Use the bimmer version that wrote it, or log in again with the password to replace it.',
      action: 'check-files',
    },
  );
}

/**
 * Parses and checks the text of a token file. Unknown fields are dropped; a wrong type, an unknown
 * `kind` or another schema version is an error, so a damaged file is never half-trusted.
 *
 * @param path the file's path, only used in error messages.
 * @throws BimmerValidationError when the text is not a valid token file.
 */
export function parseTokenFile(text: string, path: string): StoredTokens {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw corrupt(path, 'it is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw corrupt(path, 'it is not a JSON object');
  }
  const record = data as Record<string, unknown>;
  const version = record.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version !== TOKEN_FILE_SCHEMA_VERSION) {
    throw otherVersion(path, version);
  }
  if (version !== TOKEN_FILE_SCHEMA_VERSION)
    throw corrupt(path, 'it has no valid schemaVersion', 'schemaVersion');
  const kind = record.kind;
  if (kind !== 'mybmw' && kind !== 'cardata') {
    throw corrupt(path, 'its kind is neither "mybmw" nor "cardata"', 'kind');
  }
  const result: Record<string, unknown> = { kind };
  if (kind === 'mybmw') {
    if (!(REGIONS as readonly unknown[]).includes(record.region))
      throw corrupt(path, 'region is not a MyBMW region', 'region');
    result.region = record.region;
  }
  for (const field of STRING_FIELDS[kind]) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw corrupt(path, `${field} is not a string`, field);
    result[field] = value;
  }
  for (const field of TIME_FIELDS[kind]) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw corrupt(path, `${field} is not a time in epoch milliseconds`, field);
    }
    result[field] = value;
  }
  return result as unknown as StoredTokens;
}
