import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SimulatorOptions } from '@bimmer/simulator';
import { CliUsageError } from '../exit-codes';
import { parseChoice, parseIntegerArgument, parseNumberArgument } from '../util/parse-args';

/** The help of `bimmer simulator`, the flags of `bimmer-simulator`. */
export const SIMULATOR_HELP = `Usage: bimmer simulator [flags]

Run the local BMW backend simulator until Ctrl-C. The first line on stdout is
"listening on http://127.0.0.1:<port>". Point bimmer at it with --base-url <url>.

Flags:
  --fingerprints <dir>      serve the vehicles of this fingerprint folder (repeatable;
                            default: the repository's fixtures/mybmw fleet)
  --account <user:password> an account that can log in, owning every vehicle (repeatable;
                            default: demo@bimmer.dev / bimmer-demo)
  --port <n>                port to listen on (default: 0, a free port)
  --host <host>             interface to listen on (default: 127.0.0.1)
  --latency <ms>            delay added to every response (default: 0)
  --fault <spec>            arm a fault (repeatable): KIND[@PATH_PREFIX][*COUNT][%PERCENT[~SEED]]
                            KIND: 429, quota, 401, blocked, 500, slow=MS, drop, malformed, truncated
  --token-lifetime <s>      access-token lifetime in seconds (default: 28799)
  --remote-outcome <o>      how remote commands end: EXECUTED (default), ERROR or STALL
  --remote-steps <n>        polls per PENDING and DELIVERED status (default: 1)
  --china-captcha <source>  recorded (default, when a loaded auth/ folder has one) or generated
  --captcha <policy>        hCaptcha tokens: reusable (default) or single-use, as at BMW
  -h, --help                show this help
`;

const REMOTE_OUTCOMES = ['EXECUTED', 'ERROR', 'STALL'] as const;
const CHINA_CAPTCHA_SOURCES = ['recorded', 'generated'] as const;
const CAPTCHA_POLICIES = ['reusable', 'single-use'] as const;

/** Parsed `bimmer simulator` flags: options for `startSimulator`, or a request for help. */
export type SimulatorArgs =
  | { readonly help: true }
  | { readonly help: false; readonly options: SimulatorOptions };

/**
 * Parses the flags of `bimmer-simulator` into `startSimulator` options (relative folders against
 * `cwd`).
 *
 * @throws CliUsageError for unknown flags or bad values.
 */
export function parseSimulatorArgs(args: readonly string[], cwd: string): SimulatorArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new CliUsageError(
      error instanceof Error ? error.message : String(error),
      'Run bimmer simulator --help.',
    );
  }
  if (values.help === true) return { help: true };
  const options: SimulatorOptions = {};
  if (values.fingerprints !== undefined)
    options.fingerprints = values.fingerprints.map((dir) => resolve(cwd, dir));
  if (values.account !== undefined) options.accounts = values.account.map(parseAccount);
  if (values.port !== undefined) {
    const port = parseIntegerArgument('--port', values.port);
    if (port < 0 || port > 65_535)
      throw new CliUsageError(`--port must be between 0 and 65535, got ${port}.`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values.latency !== undefined) {
    const latency = parseNumberArgument('--latency', values.latency);
    if (latency < 0) throw new CliUsageError(`--latency must not be negative, got ${latency}.`);
    options.latencyMs = latency;
  }
  if (values.fault !== undefined) options.faults = values.fault;
  const remote: NonNullable<SimulatorOptions['remoteServices']> = {};
  if (values['remote-outcome'] !== undefined) {
    remote.outcome = parseChoice('--remote-outcome', values['remote-outcome'], REMOTE_OUTCOMES);
  }
  if (values['remote-steps'] !== undefined) {
    const steps = parseIntegerArgument('--remote-steps', values['remote-steps']);
    if (steps < 0) throw new CliUsageError(`--remote-steps must not be negative, got ${steps}.`);
    remote.stepsPerStatus = steps;
  }
  if (remote.outcome !== undefined || remote.stepsPerStatus !== undefined) options.remoteServices = remote;
  if (values['china-captcha'] !== undefined) {
    options.chinaCaptcha = parseChoice('--china-captcha', values['china-captcha'], CHINA_CAPTCHA_SOURCES);
  }
  if (values.captcha !== undefined)
    options.captcha = parseChoice('--captcha', values.captcha, CAPTCHA_POLICIES);
  if (values['token-lifetime'] !== undefined) {
    const seconds = parseNumberArgument('--token-lifetime', values['token-lifetime']);
    if (seconds <= 0) throw new CliUsageError(`--token-lifetime must be positive, got ${seconds}.`);
    options.tokenLifetimeSeconds = seconds;
  }
  return { help: false, options };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      fingerprints: { type: 'string', multiple: true },
      account: { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'token-lifetime': { type: 'string' },
      'remote-outcome': { type: 'string' },
      'remote-steps': { type: 'string' },
      'china-captcha': { type: 'string' },
      captcha: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseAccount(value: string): { username: string; password: string } {
  const separator = value.indexOf(':');
  if (separator <= 0 || separator === value.length - 1) {
    throw new CliUsageError(`--account must be USER:PASSWORD, got "${value.replace(/:.*/, ':…')}".`);
  }
  return { username: value.slice(0, separator), password: value.slice(separator + 1) };
}
