/** A UUID-shaped id (gcid, usid, event ids) inside any text, any case, not part of a longer hex run. */
export const UUID_IN_TEXT =
  /(?<![0-9A-Fa-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Fa-f])/gi;

const PLACEHOLDER_PREFIX = '00000000-0000-4000-8000-';
const PLACEHOLDER = /^00000000-0000-4000-8000-[0-9]{12}$/;

/**
 * The replacement for the `sequence`-th id of a recording: still a valid (version 4) UUID, so code
 * that validates ids keeps working, and obviously fake (`00000000-0000-4000-8000-000000000001`).
 */
export function idPlaceholder(sequence: number): string {
  return PLACEHOLDER_PREFIX + String(sequence).padStart(12, '0');
}

/** True when `text` is already an id placeholder, so anonymising again leaves it alone. */
export function isIdPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}
