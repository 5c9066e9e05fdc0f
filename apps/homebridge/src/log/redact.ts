import { maskVin } from './mask-vin';

/**
 * A 17-character VIN standing alone: capitals and digits, at least one of each. Wider than ISO 3779
 * (which has no I, O, Q) on purpose: test and demo VINs use any letter, and masking too much is safe.
 */
const VIN = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{17}\b/g;
/** A JSON Web Token (three base64url parts, the first starting with `eyJ`). */
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
/** Bearer credentials in an echoed header. */
const BEARER = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
/** Token-like values after a key that names a secret (`"refresh_token":"…"`, `password=…`). */
const SECRET_FIELD =
  /((?:access|refresh|id)_?token|idToken|accessToken|refreshToken|device_?code|code_verifier|password|captcha_?token|api_?key)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;
/** A long opaque token (32+ token characters in one run), as OAuth servers issue them. */
const OPAQUE = /\b[\w.~+-]{32,}={0,2}/g;
/** A coordinate: up to three digits, a point, at least three decimals (a position to ~100 m). */
const COORDINATE = /-?\b\d{1,3}\.\d{3,}\b/g;

/** What replaces a secret or a position. */
export const REDACTED = '[redacted]';

/**
 * Removes from a log line what must never reach a log, debug included: tokens and passwords,
 * full VINs (masked to `WBA**********0001`) and positions. Applied to every line the plugin
 * writes, so a message from deep inside the SDK (which may name a VIN) is safe too.
 */
export function redactLogText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_FIELD, (_match, key: string, separator: string) => `${key}${separator}${REDACTED}`)
    .replace(OPAQUE, (match) => (/^[A-Z0-9]{17}$/.test(match) ? match : REDACTED))
    .replace(VIN, (vin) => maskVin(vin))
    .replace(COORDINATE, REDACTED);
}
