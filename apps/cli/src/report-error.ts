import { isBimmerError } from '@bimmer/core';
import { cliHintFor } from './errors/cli-hints';
import type { CliIo } from './io';
import type { Colors } from './output/colors';

/**
 * Writes an error for a person to stderr: `error: <message>` and, when there is one, what to do next:
 * for a bimmer error with an action, the CLI's own advice (naming our commands); otherwise the error's
 * hint. Typed errors never carry secrets in their messages; for anything else only the message is
 * shown (the stack with `--debug`).
 */
export function reportError(
  io: CliIo,
  colors: Colors,
  error: unknown,
  options: { debug?: boolean } = {},
): void {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${colors.red('error:')} ${message}\n`);
  const hint = hintOf(error);
  if (hint !== undefined && hint !== '') io.stderr.write(`${colors.dim('hint:')} ${hint}\n`);
  if (options.debug === true && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${colors.dim(error.stack)}\n`);
  }
}

function hintOf(error: unknown): string | undefined {
  if (isBimmerError(error)) return cliHintFor(error.code, error.action)?.text ?? error.hint;
  if (error instanceof Error && 'hint' in error && typeof error.hint === 'string') return error.hint;
  return undefined;
}
