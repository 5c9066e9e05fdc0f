import { FileTokenStore } from '@bimmer/auth';
import { type CarDataLiveAccount, carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import type { VehicleEventSettings } from '@bimmer/core';
import { defaultTokenFile } from '../config/parse-platform-config';
import {
  type InterimMigration,
  interimLiveStatePath,
  migrateInterimLiveState,
} from './interim-state-migration';

/** What opening the CarData live account of a platform entry needs. */
export interface OpenCarDataLiveOptions {
  /** The CarData login (the settings page's, or one made with `bimmer login --cardata --token-file`). */
  readonly tokenFile: string;
  /** BMW's login and REST host (the simulator in tests and the demo). */
  readonly baseUrl?: string | undefined;
  /** BMW's stream broker. */
  readonly streamUrl?: string | undefined;
  /** Homebridge's storage path. */
  readonly storagePath: string;
  /** The plugin's folder in it (`<storage>/bimmer`). */
  readonly folder: string;
  /** Home geofences for `arrived` / `left`. */
  readonly events: VehicleEventSettings;
  readonly staleAfterMs: number;
  /** Observes every request sent to BMW (method and path only), for the debug log. */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
  /** Told what became of a file of the plugin's first builds. */
  readonly onMigration?: ((result: InterimMigration) => void) | undefined;
}

/**
 * The CarData live account of `@bimmer/cardata` over the platform's token file. Its state file is
 * the one beside the token file (`<storage>/bimmer/cardata-state.json` for the default login): the
 * quota ledger, the REST caches and the last values with their times, shared with `bimmer` on the
 * command line when it uses the same login, so one budget counts every call. Last values kept by
 * the plugin's first builds are moved into it first.
 */
export async function openCarDataLive(options: OpenCarDataLiveOptions): Promise<CarDataLiveAccount> {
  const statePath = carDataStatePathFor(options.tokenFile);
  const migration = await migrateInterimLiveState({
    interimPath: interimLiveStatePath(
      options.folder,
      options.tokenFile,
      defaultTokenFile(options.storagePath),
    ),
    statePath,
    tokenFile: options.tokenFile,
    apiBaseUrl: options.baseUrl,
  });
  options.onMigration?.(migration);
  return openCarDataLiveAccount({
    tokenStore: new FileTokenStore(options.tokenFile),
    statePath,
    apiBaseUrl: options.baseUrl,
    loginBaseUrl: options.baseUrl,
    streamUrl: options.streamUrl,
    events: options.events,
    staleAfterMs: options.staleAfterMs,
    fetch: options.onRequest === undefined ? undefined : observedFetch(options.onRequest),
  });
}

/** The global fetch, telling each request's method and path (never its query, headers or body). */
function observedFetch(onRequest: (request: { method: string; path: string }) => void): typeof fetch {
  return (input, init) => {
    try {
      const request = input instanceof Request ? input : undefined;
      const url = new URL(request?.url ?? String(input));
      onRequest({ method: init?.method ?? request?.method ?? 'GET', path: url.pathname });
    } catch {
      // Observing is for the log only.
    }
    return fetch(input, init);
  };
}
