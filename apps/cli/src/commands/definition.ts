import type { CliContext } from '../context';
import type { ExitCodeValue } from '../exit-codes';

/** What a command's `run` returns: the exit code, or nothing for success. */
export type ActionResult = ExitCodeValue | undefined;

/** The headings `bimmer --help` groups the commands under, in this order. */
export type CommandGroup = 'Account:' | 'Vehicle data:' | 'Remote services:' | 'Try it out:';

/** One positional argument, as `--help` shows it. */
export interface ArgumentDefinition {
  /** `<vin>` (required) or `[lat]` (optional), commander's notation. */
  readonly name: string;
  readonly description: string;
}

/** One option of a command. */
export interface OptionDefinition {
  /** Commander's flags, e.g. `-o, --output <dir>` or `--json`. */
  readonly flags: string;
  readonly description: string;
  /** The value when the option is not given (commander passes it to `run`). */
  readonly defaultValue?: string;
  /** How `--help` shows the default, when not the value itself. */
  readonly defaultDescription?: string;
  /** The option must be given (commander reports a usage error otherwise). */
  readonly required?: boolean;
  /** The option may be given several times; `run` gets every value, in order, as an array. */
  readonly repeatable?: boolean;
}

/** One example at the end of a command's `--help`: the arguments after `bimmer`, and what they do. */
export interface HelpExample {
  readonly args: readonly string[];
  readonly comment: string;
}

/**
 * Everything about one command: what `--help` shows, how the command line is parsed, and `run`.
 * A definition must be cheap to load (`bimmer --help` loads all of them): `run` imports what it needs
 * (the SDK, the account helpers) with `await import()`, never at the top of the module.
 */
export interface CommandDefinition<Options = Record<string, unknown>> {
  /** The command name, as typed after `bimmer`. */
  readonly name: string;
  readonly group: CommandGroup;
  /** One line for the command list of `bimmer --help`. */
  readonly summary: string;
  /** The paragraph of `bimmer <name> --help`. */
  readonly description: string;
  /** The usage line after `bimmer <name>`, when commander's own would not show the credential positionals. */
  readonly usage?: string;
  readonly arguments?: readonly ArgumentDefinition[];
  readonly options?: readonly OptionDefinition[];
  /** Examples at the end of `--help`; every one must parse (a test runs them). Empty: no epilogue. */
  readonly examples: readonly HelpExample[];
  /** The exit codes this command ends with besides 0, 1 (other error), 2 (usage) and 130 (Ctrl-C). */
  readonly exitCodes: readonly ExitCodeValue[];
  /**
   * Accepts bimmer_connected's `username password region` before the command's own positionals
   * (`run` gets them all and splits them off).
   */
  readonly credentialPositionals?: boolean;
  /**
   * Hands every argument after the name to `run` untouched, `--help` included (the simulator parses
   * its own flags).
   */
  readonly passThrough?: boolean;
  /**
   * Runs the command with the context (io, global options, colours, progress), the raw positionals
   * (the bimmer_connected credential prefix included) and the parsed options.
   */
  run(context: CliContext, positionals: readonly string[], options: Options): Promise<ActionResult>;
}

/**
 * A definition of any command, as the registry holds them: `run` is a method, so a definition with
 * its own option type fits; the program hands `run` what commander parsed for that command.
 */
export type AnyCommandDefinition = CommandDefinition<never>;

/** Declares a command; the identity, for the option type's inference and one place to document. */
export function defineCommand<Options>(definition: CommandDefinition<Options>): CommandDefinition<Options> {
  return definition;
}

/** An example line: `bimmer <args>`, split at spaces, and its comment (may be empty). */
export function example(args: string, comment = ''): HelpExample {
  return { args: args.split(' '), comment };
}

/** A VIN of the simulator's fleet, so every example also works against `bimmer simulator`. */
export const EXAMPLE_VIN = 'WBA00000BIMMER001';

/** The usage of the bimmer_connected-compatible credential positionals every account command accepts. */
export const CREDENTIALS_USAGE = '[username password region]';
