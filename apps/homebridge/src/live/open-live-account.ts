import { join } from 'node:path';
import type { LiveAccount, VehicleEventSettings } from '@bimmer/core';
import type { PlatformSettings } from '../config/platform-config';
import { homeGeofences } from '../mapping/home-geofences';
import { STORAGE_FOLDER } from '../settings';
import { openDemoLiveAccount } from './demo-live-account';
import { InterimMyBMWLiveAccount } from './interim-mybmw-live-account';
import type { InterimMigration } from './interim-state-migration';
import { openCarDataLive } from './open-cardata-live';
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
  /** Observes CarData requests (method and path, debug log). */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
  /** Told what became of the last values kept by the plugin's first builds (CarData). */
  readonly onMigration?: ((result: InterimMigration) => void) | undefined;
  /** MyBMW remote-command status polling interval (tests). */
  readonly commandPollIntervalMs?: number | undefined;
}

/**
 * The one place that turns a configured transport into a {@link LiveAccount}; everything else in
 * the plugin depends on the contract only. Every transport derives its vehicle events with the
 * configured home circles as geofences (`arrived` / `left`).
 *
 * - `cardata`: `openCarDataLiveAccount` of @bimmer/cardata over the token file (see `openCarDataLive`).
 * - `demo`: our simulator in this process with the same CarData live account (`openDemoLiveAccount`).
 * - `mybmw`: STILL INTERIM: `InterimMyBMWLiveAccount` until @bimmer/mybmw's polling live account
 *   lands; then that account, keeping the lock and climate commands (`VehicleCommands` through
 *   @bimmer/remote).
 * - `hub`: NOT YET: needs `openHubAccount` of @bimmer/hub; until then a clear error.
 *
 * @throws Error for a transport this build cannot open (hub), and what opening throws (no login).
 */
export async function openLiveAccount(
  settings: PlatformSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const folder = join(context.storagePath, STORAGE_FOLDER);
  const staleAfterMs = settings.defaults.staleAfterMs;
  const events: VehicleEventSettings = { geofences: homeGeofences(settings).geofences };
  switch (settings.transport) {
    case 'cardata':
      return {
        account: await openCarDataLive({
          tokenFile: settings.tokenFile,
          baseUrl: settings.baseUrl,
          streamUrl: settings.streamUrl,
          storagePath: context.storagePath,
          folder,
          events,
          staleAfterMs,
          onRequest: context.onRequest,
          onMigration: context.onMigration,
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
        events,
        commandPollIntervalMs: context.commandPollIntervalMs,
      });
      return { account, commands: account };
    }
    case 'demo':
      return {
        account: await openDemoLiveAccount({ folder: join(folder, 'demo'), staleAfterMs, events }),
        commands: undefined,
      };
    case 'hub':
      // NOT YET: replace with `openHubAccount({ url: settings.hubUrl, apiKey: settings.hubApiKey })`.
      throw new Error(
        'The hub transport needs bimmer hub support, which this version of the plugin does not include yet. Use "cardata" for now.',
      );
  }
}
