import { CommanderError } from 'commander';
import { Cleanups } from './cleanups';
import { createContext } from './context';
import { ExitCode, type ExitCodeValue, exitCodeForError } from './exit-codes';
import type { CliIo } from './io';
import { type ActionResult, buildProgram, type CommandHandlers } from './program';
import { reportError } from './report-error';

/**
 * Runs `bimmer` with `argv` (without the node and script paths) and returns the exit code. Never
 * calls `process.exit`: the bin does that. Parse errors print commander's message and exit 2.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  handlers: CommandHandlers,
  cleanups: Cleanups = new Cleanups(),
): Promise<number> {
  let result: ActionResult;
  const program = buildProgram(io, handlers, cleanups, (code) => {
    result = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    const debug = argv.includes('--debug');
    const context = createContext(
      io,
      { tokenStore: true, color: !argv.includes('--no-color'), debug },
      cleanups,
    );
    reportError(io, context.stderrColors, error, { debug });
    return exitCodeForError(error);
  }
}

function commanderExitCode(error: CommanderError): ExitCodeValue {
  // `--help`, `help <command>` and `--version` end parsing through the same exception, with exit code 0.
  return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
}
