import type { SimulatorAccountOptions } from './accounts';
import { CAPTCHA_POLICIES, type CaptchaPolicy } from './captcha-tokens';
import { parseFaultSpec } from './faults';
import type { RemoteOutcome } from './remote-events';
import type { SimulatorOptions } from './simulator';

/**
 * The help text of the simulator's command line, for the command as it is typed (`bimmer-simulator`,
 * or `bimmer simulator` for the CLI, which takes the same flags).
 */
export function simulatorUsage(command: string): string {
  return `Usage: ${command} [options]

A local BMW backend (MyBMW and CarData) on 127.0.0.1 that replays fingerprint directories.

Options:
  --fingerprints DIR       serve this fingerprint directory (repeatable; default: our own fleet)
  --account USER:PASSWORD  accept this account, owning every vehicle (repeatable;
                           default: demo@bimmer.dev:bimmer-demo)
  --cardata-vehicles DIR   the CarData vehicles (<VIN>.json files; default: our own)
  --no-cardata-vehicles    start the CarData side without vehicles
  --port N                 port to listen on (default 0: a free port)
  --host H                 interface to listen on (default 127.0.0.1)
  --latency MS             delay every response by MS milliseconds
  --fault SPEC             inject a fault (repeatable): KIND[@PATH_PREFIX][*COUNT][%PERCENT[~SEED]]
                           KIND: 429, quota, 401, blocked, 500, slow=MS, drop, malformed, truncated
  --token-lifetime SECONDS access-token lifetime (default 28799)
  --remote-outcome O       how remote commands end: EXECUTED (default), ERROR or STALL
  --remote-steps N         polls per PENDING and DELIVERED status (default 1)
  --china-captcha SOURCE   recorded (default, when a loaded auth/ has one) or generated
  --captcha POLICY         hCaptcha tokens: reusable (default: any non-empty token, again and again)
                           or single-use (a token presented once is refused afterwards, as at BMW)
  -h, --help               show this help

The first stdout line is "listening on http://<host>:<port>"; a second "mqtt on mqtt://..." follows
when the CarData broker runs. Stops on SIGINT or SIGTERM.`;
}

/** The `bimmer-simulator --help` text. */
export const USAGE: string = simulatorUsage('bimmer-simulator');

/** What the command line asks for: simulator options, or help. */
export type ParsedArguments = { help: true } | { help: false; options: SimulatorOptions };

function integer(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new TypeError(`${flag} needs an integer ${range}, got "${value}".`);
  }
  return number;
}

/**
 * Parses the simulator's command line (without `node` and the script) into `startSimulator` options.
 * Folders stay as given (relative ones are relative to the caller's working directory).
 *
 * @throws TypeError naming the bad flag (never echoing a password).
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const fingerprints: string[] = [];
  const accounts: SimulatorAccountOptions[] = [];
  const faults: string[] = [];
  const options: SimulatorOptions = {};
  const remote: { outcome?: RemoteOutcome; stepsPerStatus?: number } = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '-h' || argument === '--help') return { help: true };
    const [flag = '', inline] =
      argument.startsWith('--') && argument.includes('=') ? splitOnce(argument, '=') : [argument];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++index];
      if (next === undefined) throw new TypeError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--fingerprints':
        fingerprints.push(value());
        break;
      case '--account': {
        const text = value();
        const colon = text.indexOf(':');
        if (colon <= 0 || colon === text.length - 1) throw new TypeError('--account needs USER:PASSWORD.');
        accounts.push({ username: text.slice(0, colon), password: text.slice(colon + 1) });
        break;
      }
      case '--cardata-vehicles':
        options.cardataVehicles = value();
        break;
      case '--no-cardata-vehicles':
        if (inline !== undefined) throw new TypeError('--no-cardata-vehicles takes no value.');
        options.cardataVehicles = false;
        break;
      case '--port':
        options.port = integer(flag, value(), 0, 65_535);
        break;
      case '--host':
        options.host = value();
        break;
      case '--latency':
        options.latencyMs = integer(flag, value(), 0);
        break;
      case '--fault': {
        const spec = value();
        parseFaultSpec(spec);
        faults.push(spec);
        break;
      }
      case '--token-lifetime':
        options.tokenLifetimeSeconds = integer(flag, value(), 1);
        break;
      case '--remote-outcome': {
        const outcome = value().toUpperCase();
        if (outcome !== 'EXECUTED' && outcome !== 'ERROR' && outcome !== 'STALL') {
          throw new TypeError('--remote-outcome needs EXECUTED, ERROR or STALL.');
        }
        remote.outcome = outcome;
        break;
      }
      case '--remote-steps':
        remote.stepsPerStatus = integer(flag, value(), 0);
        break;
      case '--china-captcha': {
        const source = value();
        if (source !== 'recorded' && source !== 'generated')
          throw new TypeError('--china-captcha needs recorded or generated.');
        options.chinaCaptcha = source;
        break;
      }
      case '--captcha': {
        const policy = value();
        if (!(CAPTCHA_POLICIES as readonly string[]).includes(policy))
          throw new TypeError('--captcha needs single-use or reusable.');
        options.captcha = policy as CaptchaPolicy;
        break;
      }
      default:
        throw new TypeError(`Unknown option ${argument}; see --help.`);
    }
  }
  if (fingerprints.length > 0) options.fingerprints = fingerprints;
  if (accounts.length > 0) options.accounts = accounts;
  if (faults.length > 0) options.faults = faults;
  if (remote.outcome !== undefined || remote.stepsPerStatus !== undefined) options.remoteServices = remote;
  return { help: false, options };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}
