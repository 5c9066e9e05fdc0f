import { ExitCode } from '../exit-codes';
import { formatTime } from '../render/format';
import { renderVehicleStatus } from '../render/status-text';
import { defineCommand, example } from './definition';

/** Options of `bimmer stream`. */
export interface StreamOptions {
  readonly json?: boolean;
}

/** How long to wait for the first connection to the broker. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * `bimmer stream [--json]`: connects to the CarData MQTT stream and prints every change as it arrives
 * (with `--json`, one JSON object per line: `{ at, vin, descriptors, vehicle }`), until Ctrl-C, which
 * ends it cleanly with exit 0. Streaming costs no REST call.
 */
export const stream = defineCommand<StreamOptions>({
  name: 'stream',
  group: 'Vehicle data:',
  summary: 'print live CarData updates until Ctrl-C',
  description:
    'Connect to the BMW CarData stream (MQTT) and print every change as it arrives, until Ctrl-C. With ' +
    '--json, one JSON object per line: { at, vin, descriptors, vehicle }. Needs bimmer login --cardata; costs no REST call.',
  options: [{ flags: '--json', description: 'one JSON object per change on stdout' }],
  examples: [example('stream --json', 'one JSON line per change')],
  exitCodes: [ExitCode.auth, ExitCode.files],
  async run(context, _positionals, options) {
    const [{ vehicleToJSON }, { carDataStreamUrl, openCarDataCliAccount }] = await Promise.all([
      import('@bimmer/core'),
      import('../account/open-cardata-account'),
    ]);
    if (context.options.baseUrl !== undefined && carDataStreamUrl(context) === undefined) {
      context.log.warn(
        "--base-url does not move the stream: without --stream-url (or BIMMER_STREAM_URL) bimmer connects to BMW's " +
          'broker. bimmer simulator prints its broker on its second line ("mqtt on mqtt://...").',
      );
    }
    const { account, store } = await openCarDataCliAccount(context);
    const { stdout } = context.io;
    account.on('connection', (change) => {
      const reason = change.reason === undefined ? '' : ` (${change.reason})`;
      const retry =
        change.retryInMs === undefined ? '' : `; retrying in ${Math.round(change.retryInMs / 1000)} s`;
      context.log.info(`stream ${change.state}${reason}${retry}`);
    });
    account.on('change', (event) => {
      const vehicle = vehicleToJSON(event.snapshot);
      const at = new Date();
      if (options.json === true) {
        const line = { at: at.toISOString(), vin: event.vin, descriptors: event.descriptors, vehicle };
        stdout.write(`${JSON.stringify(line)}\n`);
        return;
      }
      const header = context.stdoutColors.dim(`${formatTime(at)} · ${event.descriptors.join(', ')}`);
      stdout.write(`${header}\n${renderVehicleStatus(vehicle, context.stdoutColors)}\n\n`);
    });

    // Ctrl-C is how a stream is meant to end: stop cleanly and exit 0.
    let stopRequested: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stopRequested = resolve;
    });
    const release = context.cleanups.takeOverSignals(() => stopRequested());
    const handle = await account.stream();
    try {
      const first = await Promise.race([
        handle.connected(CONNECT_TIMEOUT_MS).then(() => 'connected' as const),
        stopped.then(() => 'stopped' as const),
      ]);
      // Ctrl-C before the first connection ends it quietly, without claiming a connection.
      if (first === 'connected') {
        context.log.info('Connected to the CarData stream; waiting for data. Press Ctrl-C to stop.');
        await stopped;
      }
    } finally {
      release();
      await handle.stop();
      await store.flush();
    }
    context.log.info('Stream stopped.');
    return undefined;
  },
});
