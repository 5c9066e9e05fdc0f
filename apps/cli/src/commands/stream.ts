import { CliUsageError } from '../errors/cli-usage-error';
import { ExitCode } from '../exit-codes';
import { checkUrl } from '../util/check-url';
import { parseChoice, parseIntegerArgument, parseSeconds } from '../util/parse-args';
import { defineCommand, example } from './definition';

/** Options of `bimmer stream`. */
export interface StreamOptions {
  readonly json?: boolean;
  readonly events?: boolean;
  readonly geofence?: readonly string[];
  readonly batteryBelow?: readonly string[];
  readonly batteryAbove?: readonly string[];
  readonly restReads?: string;
  readonly transport?: string;
  readonly pollInterval?: string;
  readonly hub?: string;
}

const TRANSPORTS = ['cardata', 'mybmw'] as const;

/** The most automatic REST reads a day `--rest-reads` allows per vehicle: BMW's whole daily quota. */
const MAX_REST_READS = 50;

/**
 * `bimmer stream`: runs the live account of the login until Ctrl-C: CarData's stream (the default),
 * MyBMW by polling (`--transport mybmw`), or a running `bimmer hub` (`--hub URL`, no BMW login of its
 * own). At the start it prints each vehicle's restored state (what bimmer kept from earlier runs,
 * marked as restored, with the age of its values) and the REST budget, then every change as it
 * arrives (one line per field; `--json`: one JSON object per line), or with `--events` the derived
 * vehicle events (`charging-started`, `arrived`, ...), fed by `--geofence` and the battery
 * thresholds. The output is the same whatever the source. Connection states go to stderr. Ctrl-C
 * stops cleanly (the last values are kept) and exits 130. Every option is checked before anything
 * is sent.
 */
export const stream = defineCommand<StreamOptions>({
  name: 'stream',
  group: 'Vehicle data:',
  summary: 'print live changes or vehicle events until Ctrl-C',
  description:
    'Run the live account of the CarData login (or with --transport mybmw the MyBMW login, polled; or ' +
    'with --hub URL a running bimmer hub, which needs no login) until Ctrl-C: first each vehicle as bimmer last knew it ' +
    '(marked restored, with the age of its values) and the REST budget, then every change as it arrives, ' +
    'one line per field (with --json one JSON object per line). With --events, print what happens to the ' +
    'car instead (charging started, door opened, arrived at a geofence, battery below a threshold; with ' +
    '--json one {type, vin, at, detail} object per line). The stream costs no REST call; the lock state, ' +
    'services and check-control messages, which the stream never sends, are read over REST at most ' +
    '--rest-reads times a day per vehicle, keeping 10 calls for your own reads. MyBMW is polled every ' +
    '--poll-interval seconds. Through a hub the program costs the account neither a stream connection ' +
    "nor a call: any number of them share the hub's (BIMMER_HUB_API_KEY carries its API key). " +
    'Connection states go to stderr. Ctrl-C stops cleanly, keeps the last values for the next start ' +
    'and for bimmer status --transport cardata --cached, and exits 130. Needs bimmer login --cardata ' +
    '(or a MyBMW login with --transport mybmw).',
  options: [
    { flags: '-j, --json', description: 'one JSON object per line on stdout' },
    {
      flags: '--events',
      description:
        'print derived vehicle events (charging started, door opened, arrived, ...) instead of changes',
    },
    {
      flags: '--geofence <NAME:LAT,LON,RADIUS_M>',
      description: 'a named circle for arrived/left events, e.g. home:48.1772,11.5562,150 (repeatable)',
      repeatable: true,
    },
    {
      flags: '--battery-below <percent>',
      description: 'a battery-below event under this state of charge (repeatable, or a list: 20,10)',
      repeatable: true,
    },
    {
      flags: '--battery-above <percent>',
      description: 'a battery-above event at this state of charge (repeatable, or a list: 80,90)',
      repeatable: true,
    },
    {
      flags: '--rest-reads <count>',
      description: `CarData: automatic REST reads per vehicle per day, 0 to ${MAX_REST_READS}; 0: the stream only (default: 2)`,
    },
    {
      flags: '--transport <transport>',
      description: 'cardata (the BMW CarData stream) or mybmw (MyBMW, polled) (default: cardata)',
    },
    {
      flags: '--poll-interval <seconds>',
      description: 'MyBMW: seconds between polls (default: 300)',
    },
    {
      flags: '--hub <url>',
      description:
        'read through a running bimmer hub (its "hub http on" URL) instead of BMW: no login, no stream connection of its own',
    },
  ],
  examples: [
    example('stream', 'the restored state, then every change'),
    example('stream --json', 'one JSON line per changed field'),
    example('stream --events --battery-below 20,10', 'what happens to the car'),
    example('stream --events --geofence home:48.1772,11.5562,150', 'with arrived/left home'),
    example('stream --events --json', 'one {type, vin, at, detail} line per event'),
    example('stream --rest-reads 0', 'the stream only: no REST call at all'),
    example('stream --transport mybmw --poll-interval 600', 'MyBMW, polled every 10 minutes'),
    example('stream --hub http://127.0.0.1:8124 --events', "through bimmer hub: shares the hub's stream"),
  ],
  exitCodes: [ExitCode.auth, ExitCode.blocked, ExitCode.files],
  async run(context, _positionals, options) {
    const transport = parseChoice('--transport', options.transport ?? 'cardata', TRANSPORTS);
    const hub = options.hub === undefined ? undefined : checkUrl('--hub', options.hub, ['http:', 'https:']);
    if (hub !== undefined) {
      const ownSession = [
        ...(options.transport === undefined ? [] : ['--transport']),
        ...(options.restReads === undefined ? [] : ['--rest-reads']),
        ...(options.pollInterval === undefined ? [] : ['--poll-interval']),
      ];
      if (ownSession.length > 0) {
        throw new CliUsageError(
          `--hub reads through the hub's one BMW session: ${ownSession.join(', ')} would not be used.`,
          'The hub decides how it reads BMW: give these to bimmer hub instead.',
        );
      }
    }
    const pollIntervalMs =
      options.pollInterval === undefined ? undefined : parseSeconds('--poll-interval', options.pollInterval);
    if (pollIntervalMs !== undefined && transport !== 'mybmw') {
      throw new CliUsageError('--poll-interval applies to --transport mybmw only (CarData streams).');
    }
    const { parseEventOptions } = await import('../live/event-options');
    const eventSettings = parseEventOptions(options);
    if (eventSettings !== undefined && options.events !== true) {
      throw new CliUsageError(
        '--geofence, --battery-below and --battery-above shape the vehicle events: add --events to see them.',
      );
    }
    const restReadsPerDay =
      options.restReads === undefined ? undefined : parseIntegerArgument('--rest-reads', options.restReads);
    if (restReadsPerDay !== undefined && (restReadsPerDay < 0 || restReadsPerDay > MAX_REST_READS)) {
      throw new CliUsageError(`--rest-reads must be 0 to ${MAX_REST_READS}, got ${options.restReads}.`);
    }
    if (restReadsPerDay !== undefined && transport !== 'cardata') {
      throw new CliUsageError('--rest-reads applies to --transport cardata only.');
    }
    if (transport === 'cardata' && hub === undefined) {
      const { carDataStreamUrl } = await import('../account/open-cardata-account');
      if (context.options.baseUrl !== undefined && carDataStreamUrl(context) === undefined) {
        context.log.warn(
          "--base-url does not move the stream: without --stream-url (or BIMMER_STREAM_URL) bimmer connects to BMW's " +
            'broker. bimmer simulator prints its broker on its second line ("mqtt on mqtt://...").',
        );
      }
    }
    const { runStream } = await import('../live/run-stream');
    return runStream(context, {
      transport,
      json: options.json === true,
      events: options.events === true,
      eventSettings,
      restReadsPerDay,
      pollIntervalMs,
      hubUrl: hub?.href,
    });
  },
});
