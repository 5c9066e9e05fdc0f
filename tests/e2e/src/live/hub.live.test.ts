import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryTokenStore } from '@bimmer/auth';
import { type Hub, openHubAccount, startHub } from '@bimmer/hub';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import {
  CARDATA_VIN,
  cardataLogin,
  exhaustLedger,
  publish,
  restRequests,
  statePathIn,
  streamMessage,
} from './cardata-simulator';
import { describeLiveAccount } from './describe-live-account';

let sim: Simulator;
let tokenStore: MemoryTokenStore;
let hub: Hub | undefined;
let hubDir: string | undefined;

const quiet = { info: () => {}, warn: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopHub(): Promise<void> {
  await hub?.stop();
  hub = undefined;
  if (hubDir !== undefined) await rm(hubDir, { recursive: true, force: true });
  hubDir = undefined;
}

/**
 * The hub client (`openHubAccount`) against a `bimmer hub` that runs over the simulator, as the
 * harness documentation describes: each test gets a fresh hub (its own state file, logged in anew),
 * `produce` goes to the hub's upstream (a CarData stream message), `dataRequests` counts the REST
 * requests the simulator answered for the hub, and `exhaustBudget` spends the hub's ledger. The hub
 * makes no automatic REST read (`readsPerVehiclePerDay: 0`), so every request counted is one a test
 * caused.
 */
describeLiveAccount('hub client', async () => {
  sim = await startSimulator({ fingerprints: [] });
  return {
    vin: CARDATA_VIN,
    channel: 'stream',
    async reset() {
      await stopHub();
      sim.reset();
      tokenStore = await cardataLogin(sim);
      hubDir = await mkdtemp(join(tmpdir(), 'bimmer-hub-conformance-'));
      hub = await startHub({
        tokenStore,
        statePath: statePathIn(hubDir),
        baseUrl: sim.url,
        streamUrl: sim.mqttUrl,
        httpPort: 0,
        mqttPort: 0,
        budget: { readsPerVehiclePerDay: 0 },
        log: quiet,
      });
      await hub.ready;
      // The hub settled (its BMW stream connected, its timers in place) before a test counts what runs.
      for (let i = 0; i < 200 && hub.account?.connection.state !== 'connected'; i++) await sleep(50);
      await sleep(300);
    },
    open: ({ events, staleAfterMs }) =>
      openHubAccount({ url: hub?.httpUrl ?? '', events, staleAfterMs, reconnectPeriodMs: 200 }),
    async produce(change) {
      const data: Record<string, unknown> = {};
      if (change.batteryPercent !== undefined)
        data['vehicle.drivetrain.batteryManagement.header'] = change.batteryPercent;
      if (change.trunk !== undefined) data['vehicle.body.trunk.isOpen'] = change.trunk === 'OPEN';
      await publish(sim, streamMessage(CARDATA_VIN, change.at, data));
    },
    dataRequests: () => restRequests(sim).length,
    resetRequests: () => sim.clearRequests(),
    exhaustBudget: () => exhaustLedger(sim, tokenStore, hubDir ?? ''),
    async close() {
      await stopHub();
      await sim.stop();
    },
  };
});
