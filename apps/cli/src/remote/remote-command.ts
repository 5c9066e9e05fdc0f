import type { MyBMWVehicle } from '@bimmer/mybmw';
import type { RemoteServiceResult, RemoteServices } from '@bimmer/remote';
import type {
  ArgumentDefinition,
  CommandDefinition,
  HelpExample,
  OptionDefinition,
} from '../commands/definition';
import { CREDENTIALS_USAGE } from '../commands/definition';
import type { CliContext } from '../context';
import { ExitCode } from '../exit-codes';
import { parseSeconds, parseVin } from '../util/parse-args';

/** Options every remote command accepts. */
export interface RemoteCommandOptions {
  readonly json?: boolean;
  readonly pollInterval?: string;
  readonly timeout?: string;
}

/** How one remote command is run, once its own arguments were checked. */
export interface RemoteServiceRun {
  /** What the progress line calls it, e.g. `Light flash`. */
  readonly label: string;
  /** The user's position (vehicle finder). */
  readonly observerPosition?: { readonly latitude: number; readonly longitude: number } | undefined;
  /** Sends the command. */
  invoke(services: RemoteServices, vehicle: MyBMWVehicle): Promise<RemoteServiceResult>;
}

/** The exit codes of every remote command. */
export const REMOTE_EXIT_CODES = [
  ExitCode.auth,
  ExitCode.captchaRequired,
  ExitCode.quota,
  ExitCode.blocked,
  ExitCode.remoteService,
  ExitCode.notFound,
  ExitCode.unsupported,
  ExitCode.files,
] as const;

const REMOTE_OPTIONS: readonly OptionDefinition[] = [
  { flags: '--json', description: 'print the result as JSON on stdout' },
  { flags: '--poll-interval <seconds>', description: 'how often to ask for the result', defaultValue: '3.5' },
  { flags: '--timeout <seconds>', description: 'give up after this long', defaultValue: '240' },
];

/** What a remote command declares; {@link remoteCommand} adds the VIN, the shared options and the run. */
export interface RemoteCommandSpec<Options> {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  /** Positionals after the VIN, for the usage line and help. */
  readonly arguments?: readonly ArgumentDefinition[];
  /** How many of those are required (they sit between the VIN and optional ones). */
  readonly requiredArguments?: number;
  readonly options?: readonly OptionDefinition[];
  readonly examples: readonly HelpExample[];
  /**
   * Checks the command's own positionals (after the VIN) and options and says how to run it. Runs
   * before the account is opened, so a bad value is a usage error with no request made to BMW (the
   * geocoder of `sendpoi_from_address` is asked here, after its arguments were checked).
   */
  prepare(
    context: CliContext,
    rest: readonly string[],
    options: Options & RemoteCommandOptions,
  ): RemoteServiceRun | Promise<RemoteServiceRun>;
}

/**
 * A remote command: `bimmer <name> [username password region] <vin> ...`. Every argument is checked
 * first (the VIN, the command's own, the polling times); then the account is opened, the vehicles
 * loaded, the command sent once, and its progress shown on stderr.
 */
export function remoteCommand<Options = Record<string, never>>(
  spec: RemoteCommandSpec<Options>,
): CommandDefinition<Options & RemoteCommandOptions> {
  const own = spec.arguments ?? [];
  return {
    name: spec.name,
    group: 'Remote services:',
    summary: spec.summary,
    description: `${spec.description}\n\nShows PENDING, DELIVERED and EXECUTED on stderr and exits 0 once EXECUTED.`,
    usage: `[options] ${CREDENTIALS_USAGE} <vin>${own.map((argument) => ` ${argument.name}`).join('')}`,
    credentialPositionals: true,
    arguments: [{ name: '<vin>', description: 'the vehicle' }, ...own],
    options: [...(spec.options ?? []), ...REMOTE_OPTIONS],
    examples: spec.examples,
    exitCodes: REMOTE_EXIT_CODES,
    async run(context: CliContext, positionals, options) {
      const { remotePositionals } = await import('./remote-positionals');
      const split = remotePositionals(positionals, spec.requiredArguments ?? 0);
      const vin = parseVin(split.vin);
      const timing = {
        pollIntervalMs: parseSeconds('--poll-interval', options.pollInterval ?? '3.5'),
        pollTimeoutMs: parseSeconds('--timeout', options.timeout ?? '240'),
      };
      const run = await spec.prepare(context, split.rest, options);
      const { runRemoteService } = await import('./run-remote-service');
      return runRemoteService(
        context,
        { credentials: split.credentials, vin },
        timing,
        options.json === true,
        run,
      );
    },
  };
}
