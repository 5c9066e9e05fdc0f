import { Command, Option } from 'commander';
import type { Cleanups } from './cleanups';
import type { ActionResult, AnyCommandDefinition } from './commands/definition';
import type { GlobalOptions } from './context';
import { commandHelpText } from './help/command-help-text';
import { globalHelpText } from './help/global-help-text';
import type { CliIo } from './io';
import { checkUrl } from './util/check-url';
import { nonEmpty } from './util/non-empty';
import { CLI_VERSION } from './version';

/**
 * Builds the `bimmer` program: the global options, then every command of `commands` in order.
 * Parsing errors and help go through `io` (help to stdout, errors to stderr) and throw a
 * `CommanderError` instead of exiting. Loads nothing but commander: a command's `run` imports what it
 * needs, and the context (colours, spinners) is built only when a command runs.
 */
export function buildProgram(
  io: CliIo,
  commands: readonly AnyCommandDefinition[],
  cleanups: Cleanups,
  onResult: (code: ActionResult) => void,
): Command {
  const program = new Command('bimmer')
    .description(
      `Read and control BMW, MINI and Toyota Supra vehicles from the terminal.\n\nVersion: ${CLI_VERSION}`,
    )
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for bimmer or a command')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .optionsGroup('Account options:')
    .option('--username <email>', 'MyBMW account (default: BIMMER_USERNAME)')
    .option(
      '--region <region>',
      'rest_of_world, north_america or china (default: BIMMER_REGION or rest_of_world)',
    )
    .option(
      '--captcha-token <token>',
      'captcha token for the first login outside China (see docs/captcha.md)',
    )
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--token-file <path>', 'where tokens are kept between runs (default: in the config folder)')
    .option('--no-token-store', 'do not read or write stored tokens')
    .optionsGroup('Connection and output options:')
    .option(
      '--base-url <url>',
      'send every MyBMW, login and geocoder request to this origin (default: BIMMER_BASE_URL)',
    )
    .option('--stream-url <url>', "the CarData MQTT broker (default: BIMMER_STREAM_URL or BMW's)")
    .option('--debug', 'log every request and response status to stderr (never secrets)')
    .option('--no-color', 'no colours (also when NO_COLOR is set or output is not a terminal)')
    .optionsGroup('')
    .addHelpText('after', globalHelpText());

  for (const definition of commands) {
    const command = program
      .command(definition.name)
      .helpGroup(definition.group)
      .summary(definition.summary)
      .description(definition.description);
    if (definition.usage !== undefined) command.usage(definition.usage);
    for (const argument of definition.arguments ?? []) command.argument(argument.name, argument.description);
    for (const spec of definition.options ?? []) {
      const option = new Option(spec.flags, spec.description);
      if (spec.defaultValue !== undefined) option.default(spec.defaultValue, spec.defaultDescription);
      if (spec.required === true) option.makeOptionMandatory();
      if (spec.repeatable === true) {
        option.argParser((value: string, previous: unknown) => [
          ...(Array.isArray(previous) ? previous : []),
          value,
        ]);
      }
      command.addOption(option);
    }
    // bimmer_connected's `username password region` come before a command's own positionals.
    if (definition.credentialPositionals === true) command.allowExcessArguments();
    if (definition.passThrough === true) {
      command.helpOption(false).allowUnknownOption().allowExcessArguments();
    }
    if (definition.examples.length > 0) command.addHelpText('after', commandHelpText(definition));
    command.action(async (...args: unknown[]) => {
      const parsed = args.at(-1) as Command;
      const globals = withEnvironment(parsed.optsWithGlobals<GlobalOptions>(), io);
      const { createContext } = await import('./context');
      const context = createContext(io, globals, cleanups);
      onResult(await definition.run(context, parsed.args, parsed.opts() as never));
    });
  }
  return program;
}

/**
 * Fills global options from the environment where the command line left them out, and checks the
 * URLs, so a typo is a usage error rather than a network failure.
 */
function withEnvironment(options: GlobalOptions, io: CliIo): GlobalOptions {
  const baseUrl = options.baseUrl ?? nonEmpty(io.env.BIMMER_BASE_URL);
  if (baseUrl !== undefined) checkUrl('--base-url', baseUrl, ['http:', 'https:']);
  if (options.streamUrl !== undefined) checkUrl('--stream-url', options.streamUrl, ['mqtt:', 'mqtts:']);
  return { ...options, ...(baseUrl === undefined ? {} : { baseUrl: baseUrl.replace(/\/+$/, '') }) };
}
