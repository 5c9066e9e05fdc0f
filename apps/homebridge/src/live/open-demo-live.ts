import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { VehicleEventSettings } from '@bimmer/core';
import { openDemoLiveAccount } from '@bimmer/hub';
import type { OpenedLiveAccount } from './opened-live-account';

/** Options of {@link openDemoLive}. */
export interface OpenDemoLiveOptions {
  /** The demo's own folder (`<storage>/bimmer/demo`), emptied at each start. */
  readonly folder: string;
  readonly staleAfterMs: number;
  /** Geofences for `arrived` / `left`. */
  readonly events: VehicleEventSettings;
}

/** The demo's CarData vehicles: shipped in dist/demo-fleet, else the repository's fixtures (tests). */
function demoFleetDirectory(): string | undefined {
  const candidates = [
    new URL('./demo-fleet/cardata/', import.meta.url),
    new URL('../../../../fixtures/cardata/rest/', import.meta.url),
  ];
  return candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
}

/**
 * The demo transport: the demo of `@bimmer/hub` (`openDemoLiveAccount`, shared by `bimmer hub
 * --demo` and the Node-RED nodes): our simulator of BMW's backend in this process on 127.0.0.1 (no
 * car, no account, no internet), a CarData device login approved on it, and the real CarData live
 * account on top. The plugin passes the fleet it ships (its bundle cannot find the simulator's own
 * files). The folder starts empty each time: the simulator starts anew too, so there is nothing to
 * restore, and no state of earlier runs piles up. `stop()` stops the account and the simulator.
 */
export async function openDemoLive(options: OpenDemoLiveOptions): Promise<OpenedLiveAccount> {
  await rm(options.folder, { recursive: true, force: true });
  const fleet = demoFleetDirectory();
  const demo = await openDemoLiveAccount({
    stateDir: options.folder,
    account: { events: options.events, staleAfterMs: options.staleAfterMs },
    simulator: { fingerprints: [], cardataVehicles: fleet ?? false },
  });
  return { account: demo.account, commands: undefined, stop: () => demo.stop() };
}
