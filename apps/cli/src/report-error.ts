import { type BimmerErrorAction, isBimmerError } from '@bimmer/core';
import { CliUsageError } from './exit-codes';
import type { CliIo } from './io';
import type { Colors } from './output/colors';

/** The command-line words for SDK actions whose SDK hint cannot name an option. */
const CLI_ACTION_HINTS: Partial<Record<BimmerErrorAction, string>> = {
  'captcha-token': 'Pass the token with --captcha-token or BIMMER_CAPTCHA_TOKEN.',
};

/**
 * Writes an error for a person to stderr: `error: <message>` and, when there is one, what to do next.
 * Typed errors never carry secrets in their messages; for anything else only the message is shown
 * (the stack with `--debug`).
 */
export function reportError(
  io: CliIo,
  colors: Colors,
  error: unknown,
  options: { debug?: boolean } = {},
): void {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${colors.red('error:')} ${message}\n`);
  const hint = isBimmerError(error) || error instanceof CliUsageError ? error.hint : undefined;
  if (hint !== undefined && hint !== '') io.stderr.write(`${colors.dim('hint:')} ${hint}\n`);
  const cliHint =
    isBimmerError(error) && error.action !== undefined ? CLI_ACTION_HINTS[error.action] : undefined;
  if (cliHint !== undefined) io.stderr.write(`${colors.dim('hint:')} ${cliHint}\n`);
  if (options.debug === true && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${colors.dim(error.stack)}\n`);
  }
}
