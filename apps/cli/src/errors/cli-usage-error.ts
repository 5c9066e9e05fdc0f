/**
 * A mistake on the command line found after parsing (a bad number, a missing credential, a bad
 * choice): exit code 2, and nothing has been sent.
 */
export class CliUsageError extends Error {
  /** What to type instead, in one sentence. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'CliUsageError';
    this.hint = hint;
  }
}
