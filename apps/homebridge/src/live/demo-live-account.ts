import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import type {
  LiveAccount,
  LiveAccountEventName,
  LiveAccountEvents,
  VehicleEventSettings,
} from '@bimmer/core';

/*
 * The demo in one module, so it can be swapped for the hub package's shared demo helper once that
 * lands (same inputs: a folder, the staleness threshold, the event settings; same output: a
 * LiveAccount that stops its simulator with itself).
 */

/** Options of {@link openDemoLiveAccount}. */
export interface DemoLiveAccountOptions {
  /** The demo's own folder (`<storage>/bimmer/demo`), emptied at each start. */
  readonly folder: string;
  readonly staleAfterMs: number;
  /** Geofences for `arrived` / `left`. */
  readonly events?: VehicleEventSettings | undefined;
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
 * The demo transport: our simulator of BMW's backend started inside Homebridge on 127.0.0.1 (no car,
 * no account, no internet), a CarData device login approved on it at once, and the real CarData
 * live account on top (`openCarDataLiveAccount`: stream, budget policy, derived events), exactly as
 * a real login uses it. Its files live in `<storage>/bimmer/demo` and are recreated on each start.
 */
export async function openDemoLiveAccount(options: DemoLiveAccountOptions): Promise<LiveAccount> {
  const { startSimulator } = await import('@bimmer/simulator');
  const fleet = demoFleetDirectory();
  const simulator = await startSimulator({
    port: 0,
    fingerprints: [],
    ...(fleet === undefined ? { cardataVehicles: false as const } : { cardataVehicles: fleet }),
  });
  try {
    await simulatorControl(simulator.url, 'config', { pollIntervalSeconds: 0 });
    rmSync(options.folder, { recursive: true, force: true });
    const tokenFile = join(options.folder, 'cardata-tokens.json');
    const tokenStore = new FileTokenStore(tokenFile);
    await loginWithCarDataDeviceCode({
      clientId: 'bimmer-demo-client',
      baseUrl: simulator.url,
      tokenStore,
      onUserCode: (prompt) => simulatorControl(simulator.url, 'approve', { userCode: prompt.userCode }),
    });
    const account = await openCarDataLiveAccount({
      tokenStore,
      statePath: carDataStatePathFor(tokenFile),
      apiBaseUrl: simulator.url,
      loginBaseUrl: simulator.url,
      streamUrl: simulator.mqttUrl,
      events: options.events,
      staleAfterMs: options.staleAfterMs,
    });
    return withStop(account, () => simulator.stop());
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

/** POSTs to a CarData control route of the simulator (what a user does on BMW's pages). */
async function simulatorControl(url: string, route: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}/_simulator/cardata/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The demo simulator refused ${route} (HTTP ${response.status}).`);
}

/** The account, with `cleanup` run after its own `stop()`. */
function withStop(account: LiveAccount, cleanup: () => Promise<void>): LiveAccount {
  return {
    kind: account.kind,
    get vehicles() {
      return account.vehicles;
    },
    getVehicle: (vin) => account.getVehicle(vin),
    get connection() {
      return account.connection;
    },
    get budget() {
      return account.budget;
    },
    start: () => account.start(),
    stop: async () => {
      await account.stop();
      await cleanup();
    },
    refresh: (vin, refreshOptions) => account.refresh(vin, refreshOptions),
    on: <E extends LiveAccountEventName>(event: E, listener: (payload: LiveAccountEvents[E]) => void) =>
      account.on(event, listener),
  };
}
