/**
 * A token, state or config file that cannot be used where it is (a folder in its place, a file where
 * a folder should be, a name too long, no permission, no usable home folder): exit code 11. Found
 * before any login request, so a login is never spent on tokens that could not be kept.
 */
export class CliFileError extends Error {
  /** The path that cannot be used. */
  readonly path: string;
  /** What to do about it, in one sentence. */
  readonly hint: string | undefined;

  constructor(message: string, options: { path: string; hint?: string | undefined; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliFileError';
    this.path = options.path;
    this.hint = options.hint;
  }
}
