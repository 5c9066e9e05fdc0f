import { parseObserverPosition } from '../credentials/observer-position';
import { CliUsageError } from '../errors/cli-usage-error';
import { IncompleteLoadError } from '../errors/incomplete-load-error';
import { ExitCode } from '../exit-codes';
import { renderFleetStatus, renderVehicleStatus } from '../render/status-text';
import { parseChoice, parseVin } from '../util/parse-args';
import { CREDENTIALS_USAGE, defineCommand, EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer status`. */
export interface StatusOptions {
  readonly json?: boolean;
  readonly vin?: string;
  readonly transport?: string;
  /** `--refresh`: CarData re-reads the vehicle list and basic data instead of using its cache. */
  readonly refresh?: boolean;
  /** `--cached`: CarData only; what bimmer last knew, with each value's age, without any call. */
  readonly cached?: boolean;
  /** `--hub URL`: what a running `bimmer hub` holds, with ages; no login, no call. */
  readonly hub?: string;
}

const TRANSPORTS = ['mybmw', 'cardata'] as const;

/**
 * `bimmer status`: loads every vehicle and prints a readable summary, or with `--json` the core JSON
 * form (an array, or one object with `--vin`) and nothing else on stdout. `--transport cardata` reads
 * through BMW CarData instead of the MyBMW app API; the output is the same. When only part of the
 * account loads, prints that part, says on stderr what is missing and exits 10. `--cached` (CarData)
 * prints what bimmer last knew, with each value's age, without sending anything (exit 12 when it
 * knows nothing yet).
 */
export const status = defineCommand<StatusOptions>({
  name: 'status',
  group: 'Vehicle data:',
  summary: 'print the status of every vehicle (or one)',
  description:
    'Print a readable summary of every vehicle: battery and fuel, ranges, mileage, lock, open doors and ' +
    'windows, position, charging, climate, services due and check-control messages. With --json, ' +
    'print the JSON form of the vehicles (an array, or one object with --vin) and nothing else. When ' +
    'part of the account cannot be loaded, the rest is printed, stderr says what is missing and the ' +
    'exit code is 10. With --transport cardata --cached, print what bimmer last knew (kept by bimmer ' +
    'stream beside the CarData tokens) with the age of every value, spending no call; --json then adds ' +
    'a "freshness" summary to each vehicle. Exit code 12 when nothing is cached yet.',
  usage: `[options] ${CREDENTIALS_USAGE} [lat lng]`,
  credentialPositionals: true,
  arguments: [
    { name: '[lat]', description: 'your latitude (sent with vehicle finder requests)' },
    { name: '[lng]', description: 'your longitude' },
  ],
  options: [
    { flags: '-j, --json', description: 'print JSON on stdout' },
    { flags: '-v, --vin <vin>', description: 'only this vehicle' },
    {
      flags: '--transport <transport>',
      description: 'mybmw (the MyBMW app API) or cardata (BMW CarData, read-only)',
      defaultValue: 'mybmw',
    },
    {
      flags: '--refresh',
      description:
        'with --transport cardata: read the vehicle list and basic data again instead of the cache (1 + N calls more)',
    },
    {
      flags: '--cached',
      description:
        'with --transport cardata: what bimmer last knew, with the age of each value; spends no call',
    },
    {
      flags: '--hub <url>',
      description:
        'what a running bimmer hub holds (its "hub http on" URL), with ages: no login, no call (API key: BIMMER_HUB_API_KEY)',
    },
  ],
  examples: [
    example('status', 'every vehicle, readable'),
    example(`status --json --vin ${EXAMPLE_VIN}`, 'one vehicle as JSON'),
    example('status --transport cardata', 'through BMW CarData'),
    example('status --transport cardata --refresh', 'after adding a car in the CarData portal'),
    example('status --transport cardata --cached', 'what bimmer last knew, no call spent'),
    example('status --transport cardata --cached --json', 'the same as JSON, with ages'),
    example('status --hub http://127.0.0.1:8124', 'through bimmer hub: no login, no call'),
  ],
  exitCodes: [
    ExitCode.auth,
    ExitCode.captchaRequired,
    ExitCode.quota,
    ExitCode.blocked,
    ExitCode.notFound,
    ExitCode.partial,
    ExitCode.files,
    ExitCode.nothingCached,
  ],
  async run(context, positionals, options) {
    const transport = parseChoice('--transport', options.transport ?? 'mybmw', TRANSPORTS);
    const vin = options.vin === undefined ? undefined : parseVin(options.vin);
    if (options.hub !== undefined) {
      const { hubStatusRequest, showHubStatus } = await import('../hub/hub-status');
      return showHubStatus(context, hubStatusRequest(options.hub, { ...options, vin }, positionals));
    }
    if (options.refresh === true && transport !== 'cardata') {
      throw new CliUsageError(
        '--refresh applies to --transport cardata only (MyBMW has no cache to refresh).',
      );
    }
    if (options.cached === true) {
      if (transport !== 'cardata') {
        throw new CliUsageError(
          '--cached applies to --transport cardata only: bimmer keeps the last values of CarData vehicles.',
          'Run bimmer status --transport cardata --cached.',
        );
      }
      if (options.refresh === true) {
        throw new CliUsageError('--cached spends no call and --refresh spends some: give one of them.');
      }
      if (positionals.length > 0) {
        throw new CliUsageError(
          '--cached takes no username, password, region or position: it reads what bimmer kept.',
        );
      }
      const { showCachedStatus } = await import('../live/cached-status');
      return showCachedStatus(context, { vin, json: options.json === true });
    }
    const { splitPositionals } = await import('../credentials/split-positionals');
    const { credentials, rest } = splitPositionals(positionals, 0);
    const observerPosition = parseObserverPosition(rest);
    const { loadFleet } = await import('../account/load-fleet');
    const fleet = await loadFleet(context, {
      transport,
      vin,
      credentials,
      observerPosition,
      refreshCache: options.refresh,
      quiet: options.json === true,
    });
    const { stdout } = context.io;
    if (options.json === true) {
      stdout.write(`${JSON.stringify(vin === undefined ? fleet.vehicles : fleet.vehicles[0], null, 2)}\n`);
    } else if (vin !== undefined) {
      const [vehicle] = fleet.vehicles;
      if (vehicle !== undefined) stdout.write(`${renderVehicleStatus(vehicle, context.stdoutColors)}\n`);
    } else {
      stdout.write(`${renderFleetStatus(fleet.vehicles, context.stdoutColors)}\n`);
    }
    if (!fleet.complete) {
      throw new IncompleteLoadError(
        fleet.missing,
        fleet.missing.some((part) => part.code === 'quota')
          ? 'The CarData quota did not allow the rest: bimmer quota shows when the next call is free, and ' +
              'bimmer status --transport cardata --cached shows what bimmer last knew, spending none.'
          : 'Run bimmer status again later; with --debug it shows each request and its status.',
      );
    }
    return undefined;
  },
});
