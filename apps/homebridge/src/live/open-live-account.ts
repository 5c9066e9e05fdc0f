import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LiveAccount } from '@bimmer/core';
import { defaultTokenFile } from '../config/parse-platform-config';
import type { PlatformSettings } from '../config/platform-config';
import { STORAGE_FOLDER } from '../settings';
import { openDemoLiveAccount } from './demo-live-account';
import { InterimCarDataLiveAccount } from './interim-cardata-live-account';
import { InterimMyBMWLiveAccount } from './interim-mybmw-live-account';
import type { VehicleCommands } from './vehicle-commands';

/** A live account with what the transport can do beyond reading. */
export interface OpenedLiveAccount {
  readonly account: LiveAccount;
  /** Lock and climate commands (MyBMW); undefined on read-only transports. */
  readonly commands: VehicleCommands | undefined;
}

/** What opening an account needs besides the settings. */
export interface OpenLiveAccountContext {
  /** Homebridge's storage path; every file of the plugin stays inside it. */
  readonly storagePath: string;
  /** Observes CarData REST calls (debug log). */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
  /** MyBMW remote-command status polling interval (tests). */
  readonly commandPollIntervalMs?: number | undefined;
}

/**
 * The one place that turns a configured transport into a {@link LiveAccount}; everything else in
 * the plugin depends on the contract only.
 *
 * SWAP POINT for the integrator: `cardata` uses the interim adapter until @bimmer/cardata's live
 * account lands (then: that account over the same token file and storage folder); `mybmw` the
 * interim poller until @bimmer/mybmw's; `hub` needs `openHubAccount({ url, apiKey })` from
 * @bimmer/hub; `demo` wraps the cardata one.
 *
 * @throws Error for a transport this build cannot open (hub).
 */
export async function openLiveAccount(
  settings: PlatformSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const folder = join(context.storagePath, STORAGE_FOLDER);
  const staleAfterMs = settings.defaults.staleAfterMs;
  switch (settings.transport) {
    case 'cardata':
      return {
        account: new InterimCarDataLiveAccount({
          tokenFile: settings.tokenFile,
          baseUrl: settings.baseUrl,
          streamUrl: settings.streamUrl,
          liveStatePath: join(folder, carDataLiveStateName(settings.tokenFile, context.storagePath)),
          staleAfterMs,
          onRequest: context.onRequest,
        }),
        commands: undefined,
      };
    case 'mybmw': {
      const account = new InterimMyBMWLiveAccount({
        username: settings.username ?? '',
        password: settings.password ?? '',
        region: settings.region ?? 'rest_of_world',
        captchaToken: settings.captchaToken,
        tokenFile: join(folder, 'mybmw-tokens.json'),
        liveStatePath: join(folder, 'mybmw-live-state.json'),
        baseUrl: settings.baseUrl,
        staleAfterMs,
        commandPollIntervalMs: context.commandPollIntervalMs,
      });
      return { account, commands: account };
    }
    case 'demo':
      return { account: await openDemoLiveAccount(join(folder, 'demo'), staleAfterMs), commands: undefined };
    case 'hub':
      throw new Error(
        'The hub transport needs bimmer hub support, which this version of the plugin does not include yet. Use "cardata" for now.',
      );
  }
}

/**
 * The file of the last values of a CarData login, always inside the storage path (also for a token
 * file elsewhere); one per token file, so two accounts never share one.
 */
function carDataLiveStateName(tokenFile: string, storagePath: string): string {
  if (tokenFile === defaultTokenFile(storagePath)) return 'cardata-live-state.json';
  return `cardata-live-state-${createHash('sha256').update(tokenFile).digest('hex').slice(0, 12)}.json`;
}
