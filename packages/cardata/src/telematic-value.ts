import { descriptorKind } from './descriptors';

/** A telematic value once typed: what the stream sends or a REST string turned back into its type. */
export type TelematicValue = number | boolean | string | unknown[] | Record<string, unknown>;

const TRUE_WORDS = new Set(['true', 'asn_istrue', 'open', 'opened']);
const FALSE_WORDS = new Set(['false', 'asn_isfalse', 'closed']);
/** Values that mean "no value": BMW's unknown markers and REST's "null". */
const UNKNOWN_WORDS = new Set(['asn_isunknown', 'unknown', 'invalid', '-na-', 'null', '']);
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Types a raw value (REST string or stream JSON value) for `descriptor`. Booleans accept `true`,
 * `ASN_isTrue`, `OPEN` and their opposites; `ASN_isUnknown`, `INVALID`, `UNKNOWN` and null become
 * undefined. Unknown descriptors get a cautious guess (numbers and booleans by their text).
 */
export function parseTelematicValue(descriptor: string, raw: unknown): TelematicValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  const kind = descriptorKind(descriptor);
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? (kind === 'boolean' ? raw !== 0 : raw) : undefined;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'object') return raw as unknown[] | Record<string, unknown>;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (UNKNOWN_WORDS.has(lower)) return undefined;
  switch (kind) {
    case 'number':
      return NUMBER.test(text) ? Number(text) : undefined;
    case 'boolean':
      return TRUE_WORDS.has(lower) ? true : FALSE_WORDS.has(lower) ? false : undefined;
    case 'json':
      return parseJson(text);
    case 'string':
      return text;
    default:
      if (NUMBER.test(text) && !/^-?0\d/.test(text)) return Number(text);
      if (lower === 'true' || lower === 'asn_istrue') return true;
      if (lower === 'false' || lower === 'asn_isfalse') return false;
      if (text.startsWith('[') || text.startsWith('{')) return parseJson(text) ?? text;
      return text;
  }
}

function parseJson(text: string): unknown[] | Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as unknown[] | Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
