import type { AnonymizationContext } from './context';
import { UUID_IN_TEXT } from './identifier';
import { PLACEHOLDERS } from './placeholders';
import { VIN_IN_TEXT } from './vin';

const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Query or fragment parameters of OAuth redirects and the like whose value is a secret. */
const SECRET_URL_PARAMETER =
  /([?&#](?:access_token|refresh_token|id_token|token|code|authorization|state|nonce|code_verifier|code_challenge|password|username|hcaptchatoken|captcha_token)=)[^&#\s"']*/gi;
/**
 * E-mail addresses are found as whole runs between delimiters that contain `x@y.z`; the whole run is
 * replaced, so addresses glued to each other or to other text cannot leave a fragment behind.
 */
const DELIMITED_RUN = /[^\s"<>()[\]\\,;:]+/g;
/** `password=…`, `"client_secret": "…"` and the like in text that is not JSON. */
const SECRET_ASSIGNMENT =
  /\b(password|passwd|pwd|client_secret|clientSecret)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;
const EMAIL = /[^@]@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
/** International numbers only: without the `+` a digit run is as likely a date or a mileage. */
const PHONE = /\+[0-9][0-9 ()/.-]{6,18}[0-9]/g;
/** A `latitude,longitude` pair as maps links and formatted positions write it. */
const COORDINATE_PAIR = /(?<![0-9.])-?[0-9]{1,3}\.[0-9]{3,}\s*,\s*-?[0-9]{1,3}\.[0-9]{3,}(?![0-9.])/g;
/** Base64 payloads (captcha backgrounds, inline images): VIN-like runs inside them are noise. */
const BASE64_BLOB = /^(?:data:[a-z]+\/[a-z0-9.+-]+;base64,)?[A-Za-z0-9+/]{200,}={0,2}$/;

/** Two passes settle every case the property tests find; the cap only guards against a loop. */
const MAX_PASSES = 5;

/**
 * Replaces everything identifying that can be recognised in free text, wherever it appears in
 * `text`: tokens (JWTs, bearer values, secret URL parameters), e-mail addresses, UUID-shaped ids
 * and VINs (consistently, through `context`), international phone numbers and coordinate pairs.
 * Names, plates and addresses cannot be recognised in free text; `anonymize` replaces them by key.
 */
export function anonymizeText(text: string, context: AnonymizationContext): string {
  if (BASE64_BLOB.test(text)) return text;
  // A placeholder next to other text can complete a new match (`+` before an id placeholder reads
  // as a phone number), so repeat until nothing changes: anonymising anonymised text is a no-op.
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = replaceOnce(current, context);
    if (next === current) break;
    current = next;
  }
  return current;
}

function replaceOnce(text: string, context: AnonymizationContext): string {
  return text
    .replace(JWT, PLACEHOLDERS.token)
    .replace(BEARER, `$1${PLACEHOLDERS.token}`)
    .replace(SECRET_URL_PARAMETER, `$1${PLACEHOLDERS.token}`)
    .replace(SECRET_ASSIGNMENT, `$1$2${PLACEHOLDERS.secret}`)
    .replace(DELIMITED_RUN, (run) => (EMAIL.test(run) ? PLACEHOLDERS.email : run))
    .replace(PHONE, PLACEHOLDERS.phone)
    .replace(COORDINATE_PAIR, PLACEHOLDERS.coordinatePair)
    .replace(UUID_IN_TEXT, (id) => context.id(id))
    .replace(VIN_IN_TEXT, (vin) => context.vin(vin));
}

/**
 * Replaces only VINs and ids in `text`: for object keys, where the other replacements could make two
 * keys equal. VINs and ids map one-to-one, so keys stay distinct.
 */
export function anonymizeIdentifiers(text: string, context: AnonymizationContext): string {
  return text.replace(UUID_IN_TEXT, (id) => context.id(id)).replace(VIN_IN_TEXT, (vin) => context.vin(vin));
}

/** Tells `context` about the placeholders already in `text`, so new values do not reuse them. */
export function reservePlaceholders(text: string, context: AnonymizationContext): void {
  for (const [match] of text.matchAll(VIN_IN_TEXT)) context.reserve(match);
  for (const [match] of text.matchAll(UUID_IN_TEXT)) context.reserve(match);
}
