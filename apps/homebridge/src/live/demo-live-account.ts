import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import type { LiveAccount, LiveAccountEventName, LiveAccountEvents } from '@bimmer/core';
import { InterimCarDataLiveAccount } from './interim-cardata-live-account';

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
 * no account, no internet), a CarData login approved on it at once, and the same live account a
 * real CarData login uses. Its files live in `<storage>/bimmer/demo` and are recreated on each start.
 */
export async function openDemoLiveAccount(folder: string, staleAfterMs: number): Promise<LiveAccount> {
  const { startSimulator } = await import('@bimmer/simulator');
  const fleet = demoFleetDirectory();
  const simulator = await startSimulator({
    port: 0,
    fingerprints: [],
    ...(fleet === undefined ? { cardataVehicles: false as const } : { cardataVehicles: fleet }),
  });
  try {
    await fetch(`${simulator.url}/_simulator/cardata/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pollIntervalSeconds: 0 }),
    });
    rmSync(folder, { recursive: true, force: true });
    const tokenFile = join(folder, 'cardata-tokens.json');
    await loginWithCarDataDeviceCode({
      clientId: 'bimmer-demo-client',
      baseUrl: simulator.url,
      tokenStore: new FileTokenStore(tokenFile),
      onUserCode: async (prompt) => {
        await fetch(`${simulator.url}/_simulator/cardata/approve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userCode: prompt.userCode }),
        });
      },
    });
    const account = new InterimCarDataLiveAccount({
      tokenFile,
      baseUrl: simulator.url,
      streamUrl: simulator.mqttUrl,
      liveStatePath: join(folder, 'live-state.json'),
      staleAfterMs,
    });
    return withStop(account, () => simulator.stop());
  } catch (error) {
    await simulator.stop();
    throw error;
  }
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
    refresh: (vin, options) => account.refresh(vin, options),
    on: <E extends LiveAccountEventName>(event: E, listener: (payload: LiveAccountEvents[E]) => void) =>
      account.on(event, listener),
  };
}
