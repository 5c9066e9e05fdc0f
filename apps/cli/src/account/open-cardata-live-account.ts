import { FileTokenStore } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import { DEFAULT_STALE_AFTER_MS } from '@bimmer/core';
import type { CliContext } from '../context';
import { checkTokenFileLocation } from '../files/token-file-preflight';
import { debugFetch } from '../output/debug-fetch';
import { FlushableTokenStore } from './flushable-token-store';
import { carDataStreamUrl, carDataTokenFile } from './open-cardata-account';
import type { LiveAccountRequest, OpenedLiveAccount } from './open-live-account';

/**
 * Opens the live CarData account of the stored login (`bimmer login --cardata`): tokens from the
 * CarData token file, the state file beside it (quota ledger, caches and the last known values),
 * `--base-url` for the login and REST hosts, `--stream-url` for MQTT. Sends nothing: the last known
 * state is restored from the state file, and the stream and the REST budget policy run only after
 * `start()`.
 *
 * @throws BimmerAuthError when no CarData login is stored.
 * @throws BimmerValidationError (action `check-files`) when the token file's location cannot hold tokens (not for `readOnly`).
 */
export async function openCarDataLiveCliAccount(
  context: CliContext,
  request: LiveAccountRequest,
): Promise<OpenedLiveAccount> {
  const tokenFile = carDataTokenFile(context);
  context.log.debug(`CarData token file: ${tokenFile}`);
  // A refresh rotates the tokens: they must be writable before the stream asks for one.
  if (request.readOnly !== true) await checkTokenFileLocation(tokenFile);
  const store = new FlushableTokenStore(new FileTokenStore(tokenFile));
  context.cleanups.add(() => store.flush());
  const baseUrl = context.options.baseUrl;
  const account = await openCarDataLiveAccount({
    tokenStore: store,
    statePath: carDataStatePathFor(tokenFile),
    loginBaseUrl: baseUrl,
    apiBaseUrl: baseUrl,
    streamUrl: carDataStreamUrl(context),
    events: request.events,
    budget:
      request.restReadsPerDay === undefined ? undefined : { readsPerVehiclePerDay: request.restReadsPerDay },
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    // Token refreshes and REST calls alike, with their status.
    fetch: debugFetch(context.options, (line) => context.log.debug(`CarData ${line}`)),
  });
  return {
    account,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    sourceName: 'the CarData stream',
    flush: () => store.flush(),
  };
}
