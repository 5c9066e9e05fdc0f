import { join } from 'node:path';
import type { VehicleEventSettings } from '@bimmer/core';
import type { PlatformSettings } from '../config/platform-config';
import { homeGeofences } from '../mapping/home-geofences';
import { STORAGE_FOLDER } from '../settings';
import type { InterimMigration } from './interim-state-migration';
import { openCarDataLive } from './open-cardata-live';
import { openMyBMWLive } from './open-mybmw-live';
import type { OpenedLiveAccount } from './opened-live-account';

export type { OpenedLiveAccount } from './opened-live-account';

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
 * The one place that turns a configured transport into a `LiveAccount`; everything else in
 * the plugin depends on the contract only. Every transport derives its vehicle events with the
 * configured home circles as geofences (`arrived` / `left`). Opening sends nothing to BMW: each
 * account restores its last state first and connects on `start()`.
 *
 * - `cardata`: `openCarDataLiveAccount` of @bimmer/cardata over the token file (see `openCarDataLive`).
 * - `hub`: `openHubAccount` of @bimmer/hub: reads through a running `bimmer hub` (its HTTP API at
 *   open, its MQTT topics after `start()`), with no BMW login of its own; the stream and the REST
 *   budget are the hub's, shared with every other program of the house.
 * - `mybmw`: `openMyBMWLiveAccount` of @bimmer/mybmw (polling), with lock and climate through its
 *   remote services (`openMyBMWLive`).
 * - `demo`: the demo of @bimmer/hub (the simulator in this process, the CarData live account on it).
 *
 * @bimmer/hub is loaded only for the hub and the demo, so the other transports never load it.
 *
 * @throws what opening throws: a `BimmerAuthError` when the hub refuses the API key, a
 *   `BimmerApiError` when the hub cannot be reached, a `BimmerValidationError` for a state file that
 *   is not ours.
 */
export async function openLiveAccount(
  settings: PlatformSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const folder = join(context.storagePath, STORAGE_FOLDER);
  const staleAfterMs = settings.defaults.staleAfterMs;
  const events: VehicleEventSettings = { geofences: homeGeofences(settings).geofences };
  switch (settings.transport) {
    case 'cardata': {
      const account = await openCarDataLive({
        tokenFile: settings.tokenFile,
        baseUrl: settings.baseUrl,
        streamUrl: settings.streamUrl,
        storagePath: context.storagePath,
        folder,
        events,
        staleAfterMs,
        onRequest: context.onRequest,
        onMigration: context.onMigration,
      });
      return { account, commands: undefined, stop: () => account.stop() };
    }
    case 'hub': {
      // Loaded when chosen: @bimmer/hub brings the demo's simulator and broker along.
      const { openHubAccount } = await import('@bimmer/hub');
      const account = await openHubAccount({
        url: settings.hubUrl ?? '',
        apiKey: settings.hubApiKey,
        mqttUsername: settings.hubMqttUsername,
        mqttPassword: settings.hubMqttPassword,
        events,
        staleAfterMs,
      });
      return { account, commands: undefined, stop: () => account.stop() };
    }
    case 'mybmw':
      return openMyBMWLive({
        settings,
        folder,
        events,
        staleAfterMs,
        commandPollIntervalMs: context.commandPollIntervalMs,
      });
    case 'demo': {
      const { openDemoLive } = await import('./open-demo-live');
      return openDemoLive({ folder: join(folder, 'demo'), staleAfterMs, events });
    }
  }
}
