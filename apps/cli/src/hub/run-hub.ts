import type { OpenedLiveAccount } from '../account/open-live-account';
import type { ActionResult } from '../commands/definition';
import type { CliContext } from '../context';
import { checkTokenFileLocation } from '../files/token-file-preflight';
import type { HubCommandLineOptions } from './hub-command-line';

/** How a hub run ended: a signal (the way a hub is meant to stop), or its account failing to start. */
type Ending = { readonly kind: 'signal' } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Runs `bimmer hub` until SIGINT or SIGTERM: starts the hub, prints its two lines on stdout (exactly
 * `hubStartupLines`), tells progress, the device code of a first login and warnings on stderr, and on
 * the signal stops it (`offline` published, state saved; `stop()` finishes within 5 s) and ends with
 * 0. A signal that arrives while the hub is still starting stops it as soon as it runs. When the
 * account cannot start (a login refused, a device code that expired), the hub is stopped and the
 * error ends the command with its exit code and hint. With `transport: 'mybmw'` it first opens the
 * MyBMW live account of the CLI's MyBMW login (sending nothing yet) and hands it to the hub, which
 * starts and stops it.
 */
export async function runHub(context: CliContext, commandLine: HubCommandLineOptions): Promise<ActionResult> {
  const { log } = context;
  const { pollIntervalMs, ...options } = commandLine;
  let myBMW: OpenedLiveAccount | undefined;
  if (options.transport === 'mybmw') {
    const { openLiveAccount } = await import('../account/open-live-account');
    myBMW = await openLiveAccount(context, { transport: 'mybmw', pollIntervalMs });
  }
  if (options.tokenFile !== undefined) {
    log.debug(`CarData token file: ${options.tokenFile}`);
    // A refresh rotates the tokens and a first login writes them: the file must be writable first.
    await checkTokenFileLocation(options.tokenFile);
  }
  if (options.transport === 'cardata' && options.baseUrl !== undefined && options.streamUrl === undefined) {
    log.warn(
      "--base-url does not move the stream: without --stream-url (or BIMMER_STREAM_URL) the hub connects to BMW's " +
        'broker. bimmer simulator prints its broker on its second line ("mqtt on mqtt://...").',
    );
  }

  let ended: (ending: Ending) => void = () => undefined;
  const ending = new Promise<Ending>((resolve) => {
    ended = resolve;
  });
  // Taken over before starting, so Ctrl-C during the start still ends in a clean stop.
  const release = context.cleanups.takeOverSignals(() => ended({ kind: 'signal' }));
  try {
    const { hubStartupLines, startHub } = await import('@bimmer/hub');
    const hub = await startHub({
      ...options,
      ...(myBMW === undefined ? {} : { account: myBMW.account, transport: undefined }),
      log: { info: log.info, warn: log.warn },
    });
    try {
      for (const line of hubStartupLines(hub)) context.io.stdout.write(`${line}\n`);
      log.info('The hub runs; press Ctrl-C to stop it.');
      // Once it runs, the hub tells the BMW stream's states itself; a failure to start ends the command.
      hub.ready.catch((error: unknown) => ended({ kind: 'failed', error }));
      const result = await ending;
      if (result.kind === 'failed') throw result.error;
    } finally {
      log.info('Stopping the hub…');
      await hub.stop();
      await myBMW?.flush();
    }
    log.info('Hub stopped: offline published, state saved.');
    return undefined;
  } finally {
    release();
  }
}
