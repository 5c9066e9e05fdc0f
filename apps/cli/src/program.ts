import { Command, Option } from 'commander';
import type { Cleanups } from './cleanups';
import { COMMAND_HELP, commandHelpText, EXAMPLE_VIN } from './command-help';
import { type CliContext, createContext, type GlobalOptions } from './context';
import { CliUsageError, type ExitCodeValue, exitCodeHelp } from './exit-codes';
import type { CliIo } from './io';
import { nonEmpty } from './util/non-empty';
import { CLI_VERSION } from './version';

/** What an action returns: the exit code, or nothing for success. */
export type ActionResult = ExitCodeValue | undefined;

/**
 * One command's implementation: gets the context (io, global options, colours, progress) and the
 * command's own positionals (raw, credentials prefix included) and options.
 */
export type CommandHandler<Options> = (
  context: CliContext,
  positionals: readonly string[],
  options: Options,
) => Promise<ActionResult>;

/** The handlers the program dispatches to; injected so the program (and its help) is testable alone. */
export interface CommandHandlers {
  status: CommandHandler<StatusOptions>;
  fingerprint: CommandHandler<FingerprintOptions>;
  remote: CommandHandler<RemoteCommandOptions & { service: RemoteCommandName }>;
  chargingSettings: CommandHandler<RemoteCommandOptions & ChargingSettingsOptions>;
  chargingProfile: CommandHandler<RemoteCommandOptions & ChargingProfileOptions>;
  sendPoi: CommandHandler<RemoteCommandOptions & SendPoiOptions>;
  sendPoiFromAddress: CommandHandler<RemoteCommandOptions & SendPoiFromAddressOptions>;
  image: CommandHandler<ImageOptions>;
  simulator: CommandHandler<Record<string, never>>;
  demo: CommandHandler<DemoOptions>;
  login: CommandHandler<LoginOptions>;
  stream: CommandHandler<StreamOptions>;
  quota: CommandHandler<QuotaOptions>;
  doctor: CommandHandler<DoctorOptions>;
}

/** Options of `bimmer login`. */
export interface LoginOptions {
  readonly cardata?: boolean;
  readonly clientId?: string;
}

/** Options of `bimmer stream`. */
export interface StreamOptions {
  readonly json?: boolean;
}

/** Options of `bimmer quota`. */
export interface QuotaOptions {
  readonly json?: boolean;
}

/** Options of `bimmer doctor`. */
export interface DoctorOptions {
  /** `--stream`: also connect to the CarData stream once. */
  readonly stream?: boolean;
}

/** Options of `bimmer status`. */
export interface StatusOptions {
  readonly json?: boolean;
  readonly vin?: string;
  readonly transport?: string;
  /** `--refresh`: CarData re-reads the vehicle list and basic data instead of using its cache. */
  readonly refresh?: boolean;
}

/** Options of `bimmer fingerprint`. */
export interface FingerprintOptions {
  readonly output: string;
}

/** The remote commands that take only a VIN (plus `start|stop` for charge and climate). */
export type RemoteCommandName =
  | 'lightflash'
  | 'horn'
  | 'lock'
  | 'unlock'
  | 'vehiclefinder'
  | 'charge'
  | 'climate';

/** Options every remote command accepts. */
export interface RemoteCommandOptions {
  readonly json?: boolean;
  readonly pollInterval?: string;
  readonly timeout?: string;
}

/** Options of `bimmer chargingsettings`. */
export interface ChargingSettingsOptions {
  readonly targetSoc?: string;
  readonly acLimit?: string;
}

/** Options of `bimmer chargingprofile`. */
export interface ChargingProfileOptions {
  readonly chargingMode?: string;
  readonly preconditionClimate?: string;
}

/** Options of `bimmer sendpoi`. */
export interface SendPoiOptions {
  readonly name?: string;
  readonly street?: string;
  readonly city?: string;
  readonly postalcode?: string;
  readonly country?: string;
}

/** Options of `bimmer sendpoi_from_address`. */
export interface SendPoiFromAddressOptions {
  readonly name?: string;
  readonly address: readonly string[];
  readonly geocoderUrl?: string;
}

/** Options of `bimmer image`. */
export interface ImageOptions {
  readonly view?: readonly string[];
  readonly output: string;
}

/** Options of `bimmer demo`. */
export interface DemoOptions {
  readonly latency: string;
}

const CREDENTIALS_USAGE = '[username password region]';

const ENVIRONMENT_HELP = `
Credentials:
  Give the account with --username/--region or BIMMER_USERNAME/BIMMER_REGION. The password comes from
  BIMMER_PASSWORD, --password-stdin, or a prompt on a terminal (nothing is echoed); it is never needed
  on the command line. bimmer_connected's positional form "<command> username password region ..."
  is accepted too. The first login outside China needs --captcha-token (see docs/captcha.md); the
  tokens are then kept, so later runs need neither captcha nor password.

Environment:
  BIMMER_USERNAME, BIMMER_PASSWORD, BIMMER_REGION, BIMMER_CAPTCHA_TOKEN   credentials
  BIMMER_BASE_URL           send every MyBMW and login request to this origin (a simulator or proxy)
  BIMMER_STREAM_URL         the CarData MQTT broker (bimmer stream)
  BIMMER_CARDATA_CLIENT_ID  the CarData client ID (bimmer login --cardata)
  BIMMER_GEOCODER_URL       the geocoder of sendpoi_from_address
  BIMMER_CONFIG_DIR         where tokens are kept (default: the platform's config folder)
  NO_COLOR                  no colours; colours and spinners are also off when not on a terminal

Exit codes:
${exitCodeHelp()}

Examples:
  $ bimmer demo                                  try everything against a built-in simulator
  $ bimmer status --username me@example.com --captcha-token P1_eY...
  $ bimmer status --json --vin ${EXAMPLE_VIN} | jq .fuelAndBattery
  $ bimmer lightflash ${EXAMPLE_VIN}
  $ bimmer charge ${EXAMPLE_VIN} start`;

/**
 * Builds the `bimmer` program: global options, every command with its options and help. Parsing
 * errors and help output go through `io` (help to stdout, errors to stderr) and throw a
 * `CommanderError` instead of exiting.
 */
export function buildProgram(
  io: CliIo,
  handlers: CommandHandlers,
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
      'send every MyBMW and login request to this origin (default: BIMMER_BASE_URL)',
    )
    .option('--stream-url <url>', "the CarData MQTT broker (default: BIMMER_STREAM_URL or BMW's)")
    .option('--debug', 'log every request and response status to stderr (never secrets)')
    .option('--no-color', 'no colours (also when NO_COLOR is set or output is not a terminal)')
    .optionsGroup('')
    .addHelpText('after', ENVIRONMENT_HELP);

  const run =
    <Options>(handler: CommandHandler<Options>, extra: Partial<Options> = {}) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const globals = command.optsWithGlobals<GlobalOptions & Options>();
      const context = createContext(io, withEnvironment(globals, io), cleanups);
      onResult(await handler(context, command.args, { ...(command.opts() as Options), ...extra }));
    };

  program.commandsGroup('Account:');
  program
    .command('login')
    .summary('log in once and keep the tokens (MyBMW, or CarData with --cardata)')
    .description(
      'Log in and store the tokens, so later commands need neither password nor captcha. With --cardata, ' +
        "run BMW CarData's device-code login: bimmer shows a code and the page to enter it on, waits for " +
        'your approval and keeps the CarData tokens (for status --transport cardata, stream and quota).',
    )
    .usage(`[options] ${CREDENTIALS_USAGE}`)
    .option('--cardata', 'log in to BMW CarData instead of MyBMW')
    .option(
      '--client-id <id>',
      'your CarData client ID from the MyBMW portal (default: BIMMER_CARDATA_CLIENT_ID)',
    )
    .allowExcessArguments()
    .action(run(handlers.login));
  program
    .command('quota')
    .summary('show how many CarData calls are left today')
    .description(
      'Show how many of the 50 daily CarData REST calls are used and when the next one is free. Costs no call.',
    )
    .option('--json', 'print the usage as JSON')
    .action(run(handlers.quota));
  program
    .command('doctor')
    .summary('check the set-up: Node.js, config folder, logins, CarData scopes, vehicles, quota')
    .description(
      'Check what bimmer needs: the Node.js version, the config folder, the stored MyBMW and CarData logins ' +
        '(never printing a token), the CarData scopes, vehicles (PRIMARY or not), container and quota, and, ' +
        'with --base-url, whether that server answers. Each problem comes with its fix. Costs no CarData call.',
    )
    .option(
      '--stream',
      'also connect to the CarData stream once (knocks another client of the account off for a moment)',
    )
    .action(run(handlers.doctor));

  program.commandsGroup('Vehicle data:');
  program
    .command('status')
    .summary('print the status of every vehicle (or one)')
    .description(
      'Print a readable summary of every vehicle: battery and fuel, ranges, mileage, lock, open doors and ' +
        'windows, position, charging, climate, services due and check-control messages. With --json, ' +
        'print the JSON form of the vehicles (an array, or one object with --vin) and nothing else.',
    )
    .usage(`[options] ${CREDENTIALS_USAGE} [lat lng]`)
    .argument('[lat]', 'your latitude (sent with vehicle finder requests)')
    .argument('[lng]', 'your longitude')
    .option('-j, --json', 'print JSON on stdout')
    .option('-v, --vin <vin>', 'only this vehicle')
    .addOption(
      new Option(
        '--transport <transport>',
        'mybmw (the MyBMW app API) or cardata (BMW CarData, read-only)',
      ).default('mybmw'),
    )
    .option(
      '--refresh',
      'with --transport cardata: read the vehicle list and basic data again instead of the cache (1 + N calls more)',
    )
    .allowExcessArguments()
    .action(run(handlers.status));

  program
    .command('fingerprint')
    .summary('record an anonymised fingerprint of your vehicles')
    .description(
      'Record every API response of your vehicles, anonymise it (VINs, positions, names, addresses, ' +
        'tokens) and write it to a folder you can attach to a bug report. Check the files before sharing.',
    )
    .usage(`[options] ${CREDENTIALS_USAGE}`)
    .addOption(
      new Option('-o, --output <dir>', 'where to write the recording').default(
        'vehicle_fingerprint',
        './vehicle_fingerprint',
      ),
    )
    .argument('[lat]', 'ignored (bimmer_connected compatibility)')
    .argument('[lng]', 'ignored (bimmer_connected compatibility)')
    .allowExcessArguments()
    .action(run(handlers.fingerprint));

  program
    .command('stream')
    .summary('print live CarData updates until Ctrl-C')
    .description(
      'Connect to the BMW CarData stream (MQTT) and print every change as it arrives, until Ctrl-C. With ' +
        '--json, one JSON object per line: { at, vin, descriptors, vehicle }. Needs bimmer login --cardata; costs no REST call.',
    )
    .option('--json', 'one JSON object per change on stdout')
    .action(run(handlers.stream));

  program
    .command('image')
    .summary('save renders of a vehicle as PNG files')
    .description(
      'Save the renders of a vehicle as PNG files, one per view (all views unless --view is given).',
    )
    .usage(`[options] ${CREDENTIALS_USAGE} <vin>`)
    .argument('<vin>', 'the vehicle')
    .option('--view <view...>', 'views to save, e.g. front side rear_view (default: all)')
    .addOption(
      new Option('-o, --output <dir>', 'folder for the PNG files').default('.', 'the current folder'),
    )
    .allowExcessArguments()
    .action(run(handlers.image));

  program.commandsGroup('Remote services:');
  const remote = (name: string, summary: string, description: string, extraUsage = '') => {
    const command = program
      .command(name)
      .summary(summary)
      .description(
        `${description}\n\nShows PENDING, DELIVERED and EXECUTED on stderr and exits 0 once EXECUTED.`,
      )
      .usage(`[options] ${CREDENTIALS_USAGE} <vin>${extraUsage}`)
      .argument('<vin>', 'the vehicle');
    return command;
  };
  const remoteOptions = (command: Command) =>
    command
      .option('--json', 'print the result as JSON on stdout')
      .addOption(
        new Option('--poll-interval <seconds>', 'how often to ask for the result').default('3.5', '3.5'),
      )
      .addOption(new Option('--timeout <seconds>', 'give up after this long').default('240', '240'))
      .allowExcessArguments();

  for (const [name, summary, description] of [
    ['lightflash', 'flash the lights', 'Flash the lights of a vehicle.'],
    ['horn', 'sound the horn', 'Sound the horn of a vehicle. Mind the neighbours.'],
    ['lock', 'lock the doors', 'Lock the doors of a vehicle.'],
    ['unlock', 'unlock the doors', 'Unlock the doors of a vehicle.'],
  ] as const) {
    remoteOptions(remote(name, summary, description)).action(run(handlers.remote, { service: name }));
  }
  remoteOptions(
    remote(
      'vehiclefinder',
      'find where a vehicle is',
      'Ask a vehicle where it is and print its position. BMW sends the coordinates only to a client ' +
        'that says where it is itself, so give your own latitude and longitude.',
      ' [lat lng]',
    )
      .argument('[lat]', 'your latitude')
      .argument('[lng]', 'your longitude'),
  ).action(run(handlers.remote, { service: 'vehiclefinder' }));
  remoteOptions(
    remote(
      'climate',
      'start or stop climate control',
      'Start or stop the climate control of a vehicle.',
      ' <start|stop>',
    ).argument('<start|stop>', 'start or stop'),
  ).action(run(handlers.remote, { service: 'climate' }));
  remoteOptions(
    remote(
      'charge',
      'start or stop charging',
      'Start or stop charging an electric vehicle.',
      ' <start|stop>',
    ).argument('<start|stop>', 'start or stop'),
  ).action(run(handlers.remote, { service: 'charge' }));
  remoteOptions(
    remote(
      'chargingsettings',
      'set the target state of charge or AC limit',
      'Set the charging target (20 to 100 %, in steps of 5) and/or the AC current limit (one of the ' +
        'values the vehicle offers; `bimmer status --json` lists them under chargingProfile).',
    )
      .option('--target-soc <percent>', 'charge up to this state of charge')
      .option('--ac-limit <ampere>', 'limit the AC charging current'),
  ).action(run(handlers.chargingSettings));
  remoteOptions(
    remote(
      'chargingprofile',
      'set the charging mode or climate preconditioning',
      'Set how the vehicle charges and whether it preconditions the cabin for departure.',
    )
      .option(
        '--charging-mode <mode>',
        'IMMEDIATE_CHARGING (charge now) or DELAYED_CHARGING (in the charging window)',
      )
      .option('--precondition-climate <true|false>', 'precondition the cabin before departure'),
  ).action(run(handlers.chargingProfile));
  remoteOptions(
    remote(
      'sendpoi',
      'send a destination to the navigation',
      'Send a point of interest to the vehicle navigation.',
      ' <latitude> <longitude>',
    )
      .argument('<latitude>', 'latitude of the destination')
      .argument('<longitude>', 'longitude of the destination')
      .option('--name <name>', 'name shown in the vehicle')
      .option('--street <street>', 'street and number')
      .option('--city <city>', 'city')
      .option('--postalcode <code>', 'postal code')
      .option('--country <country>', 'country'),
  ).action(run(handlers.sendPoi));
  remoteOptions(
    remote(
      'sendpoi_from_address',
      'look up an address and send it to the navigation',
      'Look up an address with a Nominatim geocoder (OpenStreetMap by default) and send it to the ' +
        'vehicle navigation.',
      ' -a <address...>',
    )
      .requiredOption('-a, --address <words...>', 'the address, e.g. -a Petuelring 130 München')
      .option('-n, --name <name>', 'name shown in the vehicle (default: the address)')
      .option(
        '--geocoder-url <url>',
        'a Nominatim-compatible search URL (default: BIMMER_GEOCODER_URL or https://nominatim.openstreetmap.org/search)',
      ),
  ).action(run(handlers.sendPoiFromAddress));

  program.commandsGroup('Try it out:');
  program
    .command('demo')
    .summary('see bimmer at work, without a BMW account or internet')
    .description(
      'Start a simulated BMW backend in this process, log in with the demo account, print the status of ' +
        'every vehicle and flash the lights of one, showing each step. Needs no account and no network.',
    )
    .addOption(new Option('--latency <ms>', 'simulated network latency per request').default('40', '40'))
    .action(run(handlers.demo));
  program
    .command('simulator')
    .summary('run the local BMW backend simulator')
    .description(
      'Run @bimmer/simulator in the foreground until Ctrl-C. Its first line on stdout is ' +
        '"listening on http://127.0.0.1:<port>"; point bimmer at it with --base-url or BIMMER_BASE_URL. ' +
        'Takes the flags of bimmer-simulator (--fingerprints, --account, --cardata-vehicles, --no-cardata-vehicles, ' +
        '--port, --host, --latency, ' +
        '--fault, --token-lifetime, --remote-outcome, --remote-steps, --china-captcha, --captcha); ' +
        'run "bimmer simulator --help" for them.',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'flags of bimmer-simulator')
    .action(run(handlers.simulator));

  for (const command of program.commands) {
    const help = COMMAND_HELP[command.name()];
    if (help !== undefined) command.addHelpText('after', commandHelpText(help));
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

function checkUrl(name: string, value: string, protocols: readonly string[]): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !protocols.includes(url.protocol)) {
    throw new CliUsageError(`${name} must be a ${protocols.join(' or ')} URL, got "${value}".`);
  }
}
