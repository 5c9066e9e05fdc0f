import { type Command, CommanderError } from 'commander';
import { Cleanups } from './cleanups';
import type { ActionResult, AnyCommandDefinition } from './commands/definition';
import { COMMANDS } from './commands/index';
import { ExitCode, type ExitCodeValue } from './exit-codes';
import type { CliIo } from './io';
import { buildProgram } from './program';

/**
 * Runs `bimmer` with `argv` (without the node and script paths) and returns the exit code. Never
 * calls `process.exit`: the bin does that. Parse errors print commander's message and exit 2.
 * `commands` defaults to every command; tests pass definitions with stub `run`s.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly AnyCommandDefinition[] = COMMANDS,
  cleanups: Cleanups = new Cleanups(),
): Promise<number> {
  let result: ActionResult;
  const program = buildProgram(io, commands, cleanups, (code) => {
    result = code;
  });
  const unknown = unknownCommandOf(program, argv);
  if (unknown !== undefined) {
    // Commander shows the global help for `bimmer nosuch --help` and exits 0; a typo is an error.
    io.stderr.write(`error: unknown command '${unknown}'\n(See 'bimmer --help' for the commands.)\n`);
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    // Loaded only on failure: the error path needs the SDK's error types and the colours.
    const [{ createContext }, { reportError }, { exitCodeForError }] = await Promise.all([
      import('./context'),
      import('./report-error'),
      import('./errors/exit-code-for-error'),
    ]);
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

/**
 * The first word of `argv` that is neither an option, nor the value of a global option that takes
 * one, when it names no command (nor `help`).
 */
function unknownCommandOf(program: Command, argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    program.options
      .filter((option) => option.required || option.optional)
      .flatMap((option) => [option.long, option.short]),
  );
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') return undefined;
    if (word.startsWith('-')) {
      if (takesValue.has(word)) i++;
      continue;
    }
    const known =
      word === 'help' ||
      program.commands.some((command) => command.name() === word || command.aliases().includes(word));
    return known ? undefined : word;
  }
  return undefined;
}

function commanderExitCode(error: CommanderError): ExitCodeValue {
  // `--help`, `help <command>` and `--version` end parsing through the same exception, with exit code 0.
  return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
}
