import { ExitCode } from './exit-codes';

/** One example of a command's help: the arguments after `bimmer`, and what they do. */
export interface HelpExample {
  readonly args: readonly string[];
  readonly comment: string;
}

/** The examples and exit codes at the end of one command's `--help`. */
export interface CommandHelp {
  readonly examples: readonly HelpExample[];
  /** The exit codes this command ends with besides 0, 1 (other error), 2 (usage) and 130 (Ctrl-C). */
  readonly exitCodes: readonly number[];
}

/** A VIN of the simulator's fleet, so every example also works against `bimmer simulator`. */
export const EXAMPLE_VIN = 'WBA00000BIMMER001';

const LOGIN_CODES = [ExitCode.auth, ExitCode.captchaRequired, ExitCode.quota, ExitCode.blocked];
const REMOTE_CODES = [...LOGIN_CODES, ExitCode.remoteService, ExitCode.notFound, ExitCode.unsupported];

const example = (args: string, comment: string): HelpExample => ({ args: args.split(' '), comment });

/** The help epilogue of every command but `simulator` (which prints the simulator's own flags). */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  login: {
    examples: [
      example('login --username me@example.com --captcha-token P1_eY...', 'the first MyBMW login'),
      example('login --cardata --client-id 3f1c2b7a-0d4e-4c55-9a51-6d0e8f2b1c90', 'BMW CarData'),
    ],
    exitCodes: LOGIN_CODES,
  },
  quota: { examples: [example('quota --json', 'the CarData budget as JSON')], exitCodes: [ExitCode.auth] },
  doctor: {
    examples: [
      example('doctor', 'a checklist on stdout'),
      example('doctor --stream', 'also try the CarData stream'),
    ],
    exitCodes: [],
  },
  status: {
    examples: [
      example('status', 'every vehicle, readable'),
      example(`status --json --vin ${EXAMPLE_VIN}`, 'one vehicle as JSON'),
      example('status --transport cardata', 'through BMW CarData'),
      example('status --transport cardata --refresh', 'after adding a car in the CarData portal'),
    ],
    exitCodes: [...LOGIN_CODES, ExitCode.notFound],
  },
  fingerprint: {
    examples: [example('fingerprint -o ./my_fingerprint', 'record into an empty folder')],
    exitCodes: LOGIN_CODES,
  },
  stream: {
    examples: [example('stream --json', 'one JSON line per change')],
    exitCodes: [ExitCode.auth],
  },
  image: {
    examples: [example(`image ${EXAMPLE_VIN} --view front rear_view -o ./images`, 'two views as PNG')],
    exitCodes: [...LOGIN_CODES, ExitCode.notFound],
  },
  lightflash: { examples: [example(`lightflash ${EXAMPLE_VIN}`, '')], exitCodes: REMOTE_CODES },
  horn: { examples: [example(`horn ${EXAMPLE_VIN}`, '')], exitCodes: REMOTE_CODES },
  lock: { examples: [example(`lock ${EXAMPLE_VIN} --json`, 'the result as JSON')], exitCodes: REMOTE_CODES },
  unlock: { examples: [example(`unlock ${EXAMPLE_VIN}`, '')], exitCodes: REMOTE_CODES },
  vehiclefinder: {
    examples: [example(`vehiclefinder ${EXAMPLE_VIN} 48.1771 11.5562`, 'with your own position')],
    exitCodes: REMOTE_CODES,
  },
  climate: { examples: [example(`climate ${EXAMPLE_VIN} start`, '')], exitCodes: REMOTE_CODES },
  charge: { examples: [example(`charge ${EXAMPLE_VIN} stop`, '')], exitCodes: REMOTE_CODES },
  chargingsettings: {
    examples: [example(`chargingsettings ${EXAMPLE_VIN} --target-soc 80 --ac-limit 16`, '')],
    exitCodes: REMOTE_CODES,
  },
  chargingprofile: {
    examples: [
      example(
        `chargingprofile ${EXAMPLE_VIN} --charging-mode DELAYED_CHARGING --precondition-climate true`,
        '',
      ),
    ],
    exitCodes: REMOTE_CODES,
  },
  sendpoi: {
    examples: [example(`sendpoi ${EXAMPLE_VIN} 48.1771 11.5562 --name BMW-Welt --city München`, '')],
    exitCodes: REMOTE_CODES,
  },
  sendpoi_from_address: {
    examples: [example(`sendpoi_from_address ${EXAMPLE_VIN} -a Am Olympiapark 1 München`, '')],
    exitCodes: REMOTE_CODES,
  },
  demo: { examples: [example('demo --latency 0', 'as fast as it goes')], exitCodes: [] },
};

/** Short names of the exit codes, for one line of a command's help. */
const SHORT_EXIT_CODE_NAMES: Readonly<Record<number, string>> = {
  [ExitCode.ok]: 'ok',
  [ExitCode.error]: 'other error',
  [ExitCode.usage]: 'usage',
  [ExitCode.auth]: 'login failed',
  [ExitCode.captchaRequired]: 'captcha needed',
  [ExitCode.quota]: 'quota or rate limit',
  [ExitCode.blocked]: 'blocked by BMW',
  [ExitCode.remoteService]: 'ERROR or no result in time',
  [ExitCode.notFound]: 'VIN not found',
  [ExitCode.unsupported]: 'not supported by the vehicle',
  [ExitCode.interrupted]: 'Ctrl-C',
};

/** The text `bimmer <command> --help` ends with: its examples and exit codes. */
export function commandHelpText(help: CommandHelp): string {
  const commands = help.examples.map(({ args }) => `  $ bimmer ${args.join(' ')}`);
  const column = Math.max(...commands.map((command) => command.length)) + 2;
  const lines = help.examples.map(({ comment }, index) => {
    const command = commands[index] ?? '';
    return comment === '' ? command : `${command.padEnd(column)}# ${comment}`;
  });
  const codes = [
    ...new Set([ExitCode.ok, ExitCode.error, ExitCode.usage, ...help.exitCodes, ExitCode.interrupted]),
  ]
    .sort((a, b) => a - b)
    .map((code) => `${code} ${SHORT_EXIT_CODE_NAMES[code] ?? ''}`.trim());
  const exitCodes = wrap(`Exit codes: ${codes.join(', ')} (bimmer --help explains them).`, HELP_WIDTH);
  return `\nExamples:\n${lines.join('\n')}\n\n${exitCodes.join('\n')}`;
}

const HELP_WIDTH = 80;

/** Breaks `text` into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
