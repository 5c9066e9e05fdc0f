/**
 * A VIN inside any text: 17 letters and digits, a plausible first character set (no I, O or Q in the
 * manufacturer code, as ISO 3779 wants), at least one digit (so 17-letter words are left alone), and
 * no letter or digit directly before or after (so a VIN inside a longer code is not half-replaced).
 * `_`, `-`, `/` and other punctuation count as boundaries, which file names and paths need.
 * Case-insensitive: a lower-case VIN is still a VIN.
 */
export const VIN_IN_TEXT =
  /(?<![A-Za-z0-9])(?=[A-Za-z0-9]{0,16}[0-9])[A-HJ-NPR-Z0-9]{3}[A-Z0-9]{14}(?![A-Za-z0-9])/gi;

const MARKER = '0FINGERPRINT';
/** VIN length; replacements keep it so the simulator and parsers still accept them. */
const VIN_LENGTH = 17;
const PREFIX_LENGTH = 3;
/** The sequence number never eats the marker below `0FINGERP`, so a real VIN is never mistaken for one. */
const MAX_DIGITS = 6;

/**
 * The replacement for the `sequence`-th VIN of a recording: the original's first three characters
 * (the manufacturer code, which tells BMW from MINI from Toyota), then `0FINGERPRINT`, then the
 * sequence number with at least two digits (`WBA0FINGERPRINT01`). Past 99 the marker gives up
 * letters so the result stays 17 characters long (`WBA0FINGERPRIN100`).
 */
export function vinPlaceholder(originalVin: string, sequence: number): string {
  const prefix = originalVin.toUpperCase().padEnd(PREFIX_LENGTH, '0').slice(0, PREFIX_LENGTH);
  const digits = String(sequence).padStart(2, '0');
  if (digits.length > MAX_DIGITS) throw new RangeError(`A recording cannot hold ${sequence} VINs.`);
  return prefix + MARKER.slice(0, VIN_LENGTH - PREFIX_LENGTH - digits.length) + digits;
}

/** True when `text` is already a VIN placeholder (any case), so anonymising again leaves it alone. */
export function isVinPlaceholder(text: string): boolean {
  if (text.length !== VIN_LENGTH) return false;
  const rest = text.toUpperCase().slice(PREFIX_LENGTH);
  for (let digits = 2; digits <= MAX_DIGITS; digits++) {
    const marker = MARKER.slice(0, rest.length - digits);
    if (rest.startsWith(marker) && /^[0-9]+$/.test(rest.slice(marker.length))) return true;
  }
  return false;
}
