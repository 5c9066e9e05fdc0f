/**
 * `status --cached` found no value bimmer kept (of any vehicle, or of the one asked for): exit code 12,
 * distinct from an empty success, so a script can fall back to a read that spends quota. Nothing was
 * sent.
 */
export class NothingCachedError extends Error {
  /** What to do about it, in one sentence. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'NothingCachedError';
    this.hint = hint;
  }
}
