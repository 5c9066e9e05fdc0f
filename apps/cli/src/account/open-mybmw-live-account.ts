import { basename, dirname, extname, join } from 'node:path';
import { DEFAULT_STALE_AFTER_MS } from '@bimmer/core';
import { openMyBMWLiveAccount } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import { credentialOptions } from '../credentials/credential-options';
import { defaultTokenFile } from '../files/config-directory';
import type { LiveAccountRequest, OpenedLiveAccount } from './open-live-account';
import { openMyBMWAccount } from './open-mybmw-account';

/**
 * The MyBMW live account's state file: beside the token file, named after it
 * (`mybmw-rest_of_world-<hash>.json` keeps its state in `mybmw-rest_of_world-<hash>.live.json`), so
 * each login has its own and a second account never restores another's vehicles. With
 * `--no-token-store` it sits where the default token file would.
 */
export function myBMWLiveStatePathFor(tokenFile: string): string {
  const extension = extname(tokenFile);
  return join(dirname(tokenFile), `${basename(tokenFile, extension)}.live.json`);
}

/**
 * Opens the live MyBMW account (polling) of the command line's MyBMW login: the same identity,
 * password rules and token file as every MyBMW command (a stored session needs no password), the
 * state file beside the token file, `--base-url` for every request. Sends nothing: the last known
 * state is restored from the state file, and polling starts only with `start()`.
 *
 * @throws CliUsageError when no password is at hand and no session is stored.
 * @throws CliFileError when the token file's location cannot hold tokens.
 */
export async function openMyBMWLiveCliAccount(
  context: CliContext,
  request: LiveAccountRequest,
): Promise<OpenedLiveAccount> {
  const opened = await openMyBMWAccount(context, credentialOptions(context, undefined));
  const tokenFile =
    opened.tokenFile ??
    defaultTokenFile(context.io, {
      transport: 'mybmw',
      region: opened.identity.region,
      username: opened.identity.username,
    });
  const statePath = myBMWLiveStatePathFor(tokenFile);
  context.log.debug(`MyBMW live state file: ${statePath}`);
  const account = await openMyBMWLiveAccount({
    authenticator: opened.authenticator,
    region: opened.identity.region,
    baseUrl: context.options.baseUrl,
    statePath,
    pollIntervalMs: request.pollIntervalMs,
    events: request.events,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    onResponse: (response) =>
      context.log.debug(`MyBMW ${response.method} ${response.path} ${response.status}`),
  });
  return {
    account,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    sourceName: 'MyBMW',
    // `run` waits for token writes still under way, whatever the work.
    flush: () => opened.run(async () => undefined),
  };
}
