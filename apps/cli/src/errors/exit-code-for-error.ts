import { type BimmerErrorCode, isBimmerError } from '@bimmer/core';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import { CliFileError } from './cli-file-error';
import { CliUsageError } from './cli-usage-error';
import { IncompleteLoadError } from './incomplete-load-error';
import { NothingCachedError } from './nothing-cached-error';

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

/** The exit code for a typed error code of the SDK (a live account's `failed` connection carries one). */
export function exitCodeForErrorCode(code: BimmerErrorCode | undefined): ExitCodeValue {
  return code === undefined ? ExitCode.error : (EXIT_CODE_BY_ERROR_CODE[code] ?? ExitCode.error);
}

/**
 * The exit code for an error that ended a command: the CLI's own errors by class, bimmer errors by
 * their `code` (a file problem, action `check-files`, by that), anything else {@link ExitCode.error}.
 */
export function exitCodeForError(error: unknown): ExitCodeValue {
  if (error instanceof CliUsageError) return ExitCode.usage;
  if (error instanceof CliFileError) return ExitCode.files;
  if (error instanceof IncompleteLoadError) return ExitCode.partial;
  if (error instanceof NothingCachedError) return ExitCode.nothingCached;
  // Ctrl-C at a prompt arrives as a key press (the terminal is in raw mode), not as SIGINT.
  if (error instanceof Error && error.name === 'PromptCancelledError') return ExitCode.interrupted;
  if (isBimmerError(error)) {
    if (error.action === 'check-files') return ExitCode.files;
    return EXIT_CODE_BY_ERROR_CODE[error.code] ?? ExitCode.error;
  }
  return ExitCode.error;
}
