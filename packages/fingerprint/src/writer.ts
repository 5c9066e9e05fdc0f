import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CapturedResponse } from '@bimmer/core';
import { anonymize, anonymizeTextBody } from './anonymize/anonymize';
import { AnonymizationContext } from './anonymize/context';
import { fingerprintFileName } from './layout';

/** Options of `writeFingerprint`. */
export interface WriteFingerprintOptions {
  /**
   * The replacement map to use; pass your own to learn afterwards which VIN became which
   * placeholder (`context.vinReplacements`). A fresh one by default.
   */
  readonly vinMap?: AnonymizationContext;
}

/** One file `writeFingerprint` wrote. */
export interface WrittenFingerprintFile {
  /** The file name, e.g. `bmw-eadrax-vcs_v4_vehicles_state_WBA0FINGERPRINT01.json`. */
  readonly fileName: string;
  /** The absolute path of the file. */
  readonly path: string;
  /** The HTTP status of the response it holds. */
  readonly status: number;
  /** Its size in bytes. */
  readonly size: number;
}

/** Why a response was not written. */
export type SkipReason =
  /** Login and token responses: they are secrets through and through, and the simulator answers logins itself. */
  | 'authentication'
  /** A binary body that is not an image cannot be checked for personal data. */
  | 'binary';

/** A response `writeFingerprint` left out. */
export interface SkippedFingerprintResponse {
  /** The request path, anonymised. */
  readonly path: string;
  /** Why it was left out. */
  readonly reason: SkipReason;
}

/** What `writeFingerprint` did. */
export interface WrittenFingerprint {
  /** The absolute directory written to. */
  readonly directory: string;
  /** The files written, in the order their responses first arrived. */
  readonly files: readonly WrittenFingerprintFile[];
  /** The responses left out. */
  readonly skipped: readonly SkippedFingerprintResponse[];
}

/** Paths of the login flows (GCDM OAuth, China COAS, the OAuth settings). */
const AUTHENTICATION_PATH = /^\/(?:gcdm\/|eadrax-coas\/|eadrax-ucs\/v1\/presentation\/oauth\/)/;

/**
 * Anonymises recorded responses and writes them into `directory` (created when missing) in the
 * fingerprint layout: one file per response, named `<brand>-<path segments joined by _>[_<vin>].<ext>`
 * with VINs replaced in names and contents alike (one replacement map for the whole recording).
 * JSON bodies are written pretty-printed after `anonymize`, text bodies after text anonymisation,
 * images byte for byte. A later response from the same endpoint (same name up to the extension)
 * replaces an earlier one, so a retry after a 401 or 429 leaves only the successful answer. Login
 * responses and non-image binaries are skipped and listed in the result.
 */
export async function writeFingerprint(
  directory: string,
  responses: Iterable<CapturedResponse>,
  options: WriteFingerprintOptions = {},
): Promise<WrittenFingerprint> {
  const context = options.vinMap ?? new AnonymizationContext();
  const root = resolve(directory);
  // By file name without extension: a later answer from the same endpoint replaces an earlier one
  // even when its content type differs (a 401 text before the retry's JSON).
  const pending = new Map<string, { fileName: string; status: number; content: string | Uint8Array }>();
  const skipped: SkippedFingerprintResponse[] = [];

  for (const response of responses) {
    const path = anonymizeTextBody(response.path, { vinMap: context });
    if (AUTHENTICATION_PATH.test(response.path)) {
      skipped.push({ path, reason: 'authentication' });
      continue;
    }
    const content = anonymizedContent(response, context);
    if (content === undefined) {
      skipped.push({ path, reason: 'binary' });
      continue;
    }
    const fileName = fingerprintFileName({
      brand: response.brand,
      path,
      vin: response.vinHeader === undefined ? undefined : context.vin(response.vinHeader),
      contentType: response.contentType,
    });
    // Re-inserting moves nothing: a Map keeps the position of the first insertion.
    pending.set(stem(fileName), { fileName, status: response.status, content });
  }

  await mkdir(root, { recursive: true });
  const files: WrittenFingerprintFile[] = [];
  for (const { fileName, status, content } of pending.values()) {
    const path = join(root, fileName);
    await writeFile(path, content);
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    files.push({ fileName, path, status, size });
  }
  return { directory: root, files, skipped };
}

/** The anonymised file content of a response, or undefined when it cannot be anonymised. */
function anonymizedContent(
  response: CapturedResponse,
  context: AnonymizationContext,
): string | Uint8Array | undefined {
  const mediaType = response.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  let text: string;
  if (typeof response.body === 'string') text = response.body;
  else if (mediaType.startsWith('image/')) return response.body;
  else {
    const decoded = decodeUtf8(response.body);
    if (decoded === undefined) return undefined;
    text = decoded;
  }
  const json = parseJson(text, mediaType);
  if (json.parsed) return `${JSON.stringify(anonymize(json.value, { vinMap: context }), null, 2)}\n`;
  return anonymizeTextBody(text, { vinMap: context });
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? fileName : fileName.slice(0, dot);
}

function parseJson(text: string, mediaType: string): { parsed: true; value: unknown } | { parsed: false } {
  const trimmed = text.trimStart();
  const looksLikeJson = mediaType.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!looksLikeJson || trimmed === '') return { parsed: false };
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
