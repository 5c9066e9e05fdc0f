/**
 * The exit codes of `bimmer`, stable so scripts can branch on them. Documented in `bimmer --help`
 * and the README. This module imports nothing: `bimmer --help` loads it.
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
  /**
   * Only part of the account could be loaded: what loaded was printed, stderr says what is missing.
   * Never 0, so a script cannot mistake half a fleet for the whole.
   */
  partial: 10,
  /** A token, state or config file cannot be used (a folder, a bad path, no permission); the path is named. */
  files: 11,
  /**
   * `status --cached` found nothing bimmer knew yet (no value kept of any vehicle, or of the one asked
   * for): distinct from an empty success, so a script can fall back to a call that spends quota.
   */
  nothingCached: 12,
  /** Interrupted with Ctrl-C (SIGINT), as shells report it. */
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Each exit code with its meaning, as `bimmer --help` and the README list them. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<readonly [ExitCodeValue, string]> = [
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
  [ExitCode.partial, 'incomplete: only part of the account loaded (printed; stderr says what is missing)'],
  [ExitCode.files, 'a token, state or config file cannot be used (the message names the path)'],
  [ExitCode.nothingCached, 'nothing cached yet: status --cached knows no value (bimmer stream keeps them)'],
  [ExitCode.interrupted, 'interrupted (Ctrl-C; stream stops cleanly first); simulator stops with 0'],
];

/** Short names of the exit codes, for the one line at the end of a command's help. */
export const SHORT_EXIT_CODE_NAMES: Readonly<Record<ExitCodeValue, string>> = {
  [ExitCode.ok]: 'ok',
  [ExitCode.error]: 'other error',
  [ExitCode.usage]: 'usage',
  [ExitCode.auth]: 'login failed',
  [ExitCode.captchaRequired]: 'captcha needed',
  [ExitCode.quota]: 'quota or rate limit',
  [ExitCode.blocked]: 'blocked by BMW',
  [ExitCode.remoteService]: 'ERROR or no result in time',
  [ExitCode.notFound]: 'VIN not found',
  [ExitCode.unsupported]: 'not supported by the vehicle',
  [ExitCode.partial]: 'incomplete',
  [ExitCode.files]: 'file unusable',
  [ExitCode.nothingCached]: 'nothing cached',
  [ExitCode.interrupted]: 'Ctrl-C',
};

/** The exit-code table as `bimmer --help` prints it. */
export function exitCodeHelp(): string {
  return EXIT_CODE_MEANINGS.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`).join('\n');
}
