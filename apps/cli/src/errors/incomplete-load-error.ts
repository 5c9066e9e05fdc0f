/** One thing a load could not fetch: a vehicle, a brand's vehicle list, a vehicle's state. */
export interface MissingPart {
  /** What is missing, for a person: `WBA… (state)`, `the MINI vehicle list`. */
  readonly what: string;
  /** Why, in one line (the error's message). */
  readonly reason: string;
  /** The typed error code behind it, when there is one (`quota`: the budget refused the call). */
  readonly code?: string | undefined;
}

/**
 * A load that got only part of the account. The command printed what it got; this error says on
 * stderr exactly what is missing and ends the run with exit code 10, never 0.
 */
export class IncompleteLoadError extends Error {
  /** Everything that is missing. */
  readonly missing: readonly MissingPart[];
  /** What to do about it, in one sentence. */
  readonly hint: string | undefined;

  /**
   * @param intro what the first line says before "; missing:" (default: the account loaded in part).
   */
  constructor(missing: readonly MissingPart[], hint?: string, intro = 'Only part of the account was loaded') {
    super(`${intro}; missing:\n${missing.map((part) => `  - ${part.what}: ${part.reason}`).join('\n')}`);
    this.name = 'IncompleteLoadError';
    this.missing = missing;
    this.hint = hint;
  }
}
