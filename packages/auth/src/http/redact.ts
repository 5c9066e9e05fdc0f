/** What replaces a secret in text. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret in `text` (server messages can echo what was sent). Empty
 * and very short values are skipped because they would match innocent text.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
