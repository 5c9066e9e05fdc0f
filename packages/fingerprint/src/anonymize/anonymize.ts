import { isJsonObject } from '@bimmer/core/internal';
import { AnonymizationContext } from './context';
import { type KeyRule, ruleForKey } from './key-rules';
import { anonymizeIdentifiers, anonymizeText, reservePlaceholders } from './text';

/** Options of `anonymize`. */
export interface AnonymizeOptions {
  /**
   * The recording's replacement map. Pass the same one for every response of a recording so a VIN
   * (or gcid) gets the same placeholder in all of them; without it each call starts afresh.
   */
  readonly vinMap?: AnonymizationContext;
}

/**
 * Returns an anonymised copy of a parsed JSON value (the input is not changed). Replaced:
 *
 * - VINs anywhere in strings and object keys, consistently through `vinMap` (`WBA0FINGERPRINT01`);
 * - UUID-shaped ids (gcid, usid, event ids), consistently (`00000000-0000-4000-8000-000000000001`);
 * - tokens: JWTs, bearer values, secret URL parameters and every `…token` key;
 * - e-mail addresses, international phone numbers and `lat,lon` pairs in any string;
 * - by key: positions (`lat`/`latitude`, `lon`/`longitude`, `heading`), passwords and secrets, names,
 *   plates, phone numbers, addresses (street, number, city, postal code, formatted) and whole dealer
 *   blocks.
 *
 * Strings inside arrays are treated like any other string. Types are kept (a latitude stays a
 * number), so parsers accept the result; the function is deterministic for a given `vinMap` and
 * idempotent: anonymising anonymised data changes nothing.
 */
export function anonymize<T>(value: T, options: AnonymizeOptions = {}): T {
  const context = options.vinMap ?? new AnonymizationContext();
  reserveAll(value, context);
  return walk(value, undefined, context) as T;
}

/** Anonymises a text body that is not JSON (an error page, a plain-text message). */
export function anonymizeTextBody(text: string, options: AnonymizeOptions = {}): string {
  const context = options.vinMap ?? new AnonymizationContext();
  reservePlaceholders(text, context);
  return anonymizeText(text, context);
}

function walk(value: unknown, inherited: KeyRule | undefined, context: AnonymizationContext): unknown {
  if (typeof value === 'string') {
    return inherited === undefined ? anonymizeText(value, context) : inherited.string(value, context);
  }
  if (typeof value === 'number') return inherited?.number === undefined ? value : inherited.number(value);
  // Array elements stand where their array stands: strings in `vins: [...]` are VINs.
  if (Array.isArray(value)) return value.map((item) => walk(item, inherited, context));
  if (isJsonObject(value)) {
    // fromEntries defines properties, so a `__proto__` key stays data instead of becoming a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        anonymizeIdentifiers(key, context),
        walk(item, ruleForKey(key) ?? inherited, context),
      ]),
    );
  }
  return value;
}

function reserveAll(value: unknown, context: AnonymizationContext): void {
  if (typeof value === 'string') reservePlaceholders(value, context);
  else if (Array.isArray(value)) for (const item of value) reserveAll(item, context);
  else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      reservePlaceholders(key, context);
      reserveAll(item, context);
    }
  }
}
