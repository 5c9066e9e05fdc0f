import { join, resolve } from 'node:path';
import { FileTokenStore } from '@bimmer/auth';
import {
  type CarDataAccount,
  carDataStatePathFor,
  FileCarDataStateStore,
  openCarDataAccount,
  QuotaLedger,
} from '@bimmer/cardata';
import { BimmerAuthError } from '@bimmer/core';
import { compact } from '@bimmer/core/internal';
import type { CliContext } from '../context';
import { configDirectory } from '../files/config-directory';
import { checkTokenFileLocation } from '../files/token-file-preflight';
import { debugFetch } from '../output/debug-fetch';
import { nonEmpty } from '../util/non-empty';
import { FlushableTokenStore } from './flushable-token-store';

/** Where the CarData login lives: `--token-file`, else `<config>/tokens/cardata.json`. */
export function carDataTokenFile(context: CliContext): string {
  const { io, options } = context;
  return resolve(io.cwd, options.tokenFile ?? join(configDirectory(io), 'tokens', 'cardata.json'));
}

/** The stream broker: `--stream-url`, `BIMMER_STREAM_URL`, else BMW's. */
export function carDataStreamUrl(context: CliContext): string | undefined {
  return context.options.streamUrl ?? nonEmpty(context.io.env.BIMMER_STREAM_URL);
}

/** A CarData account opened from the stored device-code login, plus its token store to flush. */
export interface OpenedCarDataAccount {
  readonly account: CarDataAccount;
  readonly tokenFile: string;
  readonly store: FlushableTokenStore;
}

/**
 * Opens the CarData account of the stored login (`bimmer login --cardata`): tokens from the CarData
 * token file, the quota ledger and caches beside it, `--base-url` for the login and REST hosts (the
 * simulator serves both), `--stream-url` for MQTT. Costs no REST call.
 *
 * @throws BimmerAuthError when no CarData login is stored.
 * @throws BimmerValidationError (action `check-files`) when the token file's location cannot hold tokens.
 */
export async function openCarDataCliAccount(
  context: CliContext,
  options: {
    /** Where the account's warnings go; default stderr (`warning: …`). */
    readonly onWarning?: ((text: string) => void) | undefined;
  } = {},
): Promise<OpenedCarDataAccount> {
  const tokenFile = carDataTokenFile(context);
  context.log.debug(`CarData token file: ${tokenFile}`);
  // A refresh rotates the tokens: they must be writable before the first request.
  await checkTokenFileLocation(tokenFile);
  const store = new FlushableTokenStore(new FileTokenStore(tokenFile));
  context.cleanups.add(() => store.flush());
  const baseUrl = context.options.baseUrl;
  const account = await openCarDataAccount(
    compact({
      tokenStore: store,
      statePath: carDataStatePathFor(tokenFile),
      loginBaseUrl: baseUrl,
      apiBaseUrl: baseUrl,
      streamUrl: carDataStreamUrl(context),
      // Token refreshes and REST calls alike, with their status.
      fetch: debugFetch(context.options, (line) => context.log.debug(`CarData ${line}`)),
    }),
  );
  account.on('warning', options.onWarning ?? ((text) => context.log.warn(text)));
  return { account, tokenFile, store };
}

/**
 * The CarData quota ledger of the stored login, read without touching the network (no token refresh,
 * no REST call): the gcid comes from the token file, the calls from the state file beside it.
 *
 * @throws BimmerAuthError when no CarData login is stored.
 */
export async function carDataLedger(context: CliContext): Promise<QuotaLedger> {
  const tokenFile = carDataTokenFile(context);
  const tokens = await new FileTokenStore(tokenFile).load();
  if (tokens?.kind !== 'cardata' || tokens.gcid === undefined) {
    // The same error as the SDK's session: the CLI's hint table words the action.
    throw new BimmerAuthError('No CarData login is stored.', {
      hint: 'Log in with the CarData device code first (it needs the client ID from the CarData portal).',
      action: 'cardata-login',
    });
  }
  return new QuotaLedger({
    store: new FileCarDataStateStore(carDataStatePathFor(tokenFile)),
    gcid: tokens.gcid,
    baseUrl: context.options.baseUrl,
  });
}
