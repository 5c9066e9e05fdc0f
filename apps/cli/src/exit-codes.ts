import { type BimmerErrorCode, isBimmerError } from '@bimmer/core';

/**
 * The exit codes of `bimmer`, stable so scripts can branch on them. Documented in `bimmer --help`
 * and the README.
 */
export const ExitCode = {
  /** The command did what was asked (a remote service reached EXECUTED). */
  ok: 0,
  /** Anything not covered below: an unexpected API answer, a bug, a network failure. */
  error: 1,
  /** The command line was wrong: unknown option, missing argument, invalid value. */
  usage: 2,
  /** Login failed or the session was refused (wrong password, revoked token). */
  auth: 3,
  /** A full login needs a captcha token (`--captcha-token`). */
  captchaRequired: 4,
  /** BMW's rate limit or quota was hit; try again later. */
  quota: 5,
  /** BMW blocked this client (HTTP 489); use CarData instead. */
  blocked: 6,
  /** A remote service ended in ERROR or did not finish in time. */
  remoteService: 7,
  /** The VIN (or other thing asked for) is not on the account. */
  notFound: 8,
  /** The vehicle does not support the service or setting. */
  unsupported: 9,
  /** Interrupted with Ctrl-C (SIGINT), as shells report it. */
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<BimmerErrorCode, ExitCodeValue>> = {
  auth: ExitCode.auth,
  'captcha-required': ExitCode.captchaRequired,
  quota: ExitCode.quota,
  blocked: ExitCode.blocked,
  'remote-service': ExitCode.remoteService,
  'not-found': ExitCode.notFound,
  unsupported: ExitCode.unsupported,
  validation: ExitCode.usage,
  api: ExitCode.error,
};

/** The exit code for an error that ended a command: by its bimmer `code`, otherwise {@link ExitCode.error}. */
export function exitCodeForError(error: unknown): ExitCodeValue {
  if (error instanceof CliUsageError) return ExitCode.usage;
  // Ctrl-C at a prompt arrives as a key press (the terminal is in raw mode), not as SIGINT.
  if (error instanceof Error && error.name === 'PromptCancelledError') return ExitCode.interrupted;
  if (isBimmerError(error)) return EXIT_CODE_BY_ERROR_CODE[error.code];
  return ExitCode.error;
}

/** A mistake on the command line found after parsing (a bad number, a missing credential, a bad choice). */
export class CliUsageError extends Error {
  /** What to type instead, in one sentence. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'CliUsageError';
    this.hint = hint;
  }
}

/** The exit-code table as `bimmer --help` and the README print it. */
export function exitCodeHelp(): string {
  const rows: ReadonlyArray<readonly [ExitCodeValue, string]> = [
    [ExitCode.ok, 'success (a remote service reached EXECUTED)'],
    [ExitCode.error, 'other error (unexpected API answer, network failure)'],
    [ExitCode.usage, 'usage error (bad option, argument or value)'],
    [ExitCode.auth, 'login failed (wrong username or password, revoked session)'],
    [ExitCode.captchaRequired, 'captcha token required for this login (--captcha-token)'],
    [ExitCode.quota, 'rate limit or quota reached; try again later'],
    [ExitCode.blocked, 'BMW blocked this client; use CarData'],
    [ExitCode.remoteService, 'remote service failed or timed out'],
    [ExitCode.notFound, 'VIN not found on the account'],
    [ExitCode.unsupported, 'the vehicle does not support this service'],
    [ExitCode.interrupted, 'interrupted (Ctrl-C); simulator and stream stop with 0'],
  ];
  return rows.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`).join('\n');
}
