import type { CliIo, CliOutputStream } from '../io';

/** How rich the output to a stream may be: colours, spinners, prompts. */
export interface TerminalCapabilities {
  /** ANSI colours are allowed. */
  readonly color: boolean;
  /** Animated output (spinners that rewrite a line) is allowed. */
  readonly animate: boolean;
}

/**
 * Decides what a stream may show. Colours follow the no-color.org and FORCE_COLOR conventions and are
 * off on non-terminals, under CI and for `TERM=dumb`; animation needs a terminal and no CI.
 */
export function terminalCapabilities(
  stream: CliOutputStream,
  env: CliIo['env'],
  options: { noColor?: boolean } = {},
): TerminalCapabilities {
  const isTerminal = stream.isTTY === true && env.TERM !== 'dumb';
  const inCi = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const disabled = options.noColor === true || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  return {
    color: !disabled && (forced || (isTerminal && !inCi)),
    animate: isTerminal && !inCi,
  };
}
