import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loginWithCarDataDeviceCode, MemoryTokenStore } from '@bimmer/auth';
import {
  type CarDataLiveAccount,
  type CarDataLiveAccountOptions,
  FileCarDataStateStore,
  openCarDataLiveAccount,
  QuotaLedger,
} from '@bimmer/cardata';
import type { Simulator } from '@bimmer/simulator';

/** The BEV of the simulator's CarData fleet (PRIMARY, with REST data). */
export const CARDATA_VIN = 'WBASIMCARDATA0001';

/** The state file of a live account in `stateDir`. */
export const statePathIn = (stateDir: string) => join(stateDir, 'cardata-state.json');

/** Calls a control route of the simulator's CarData side (`/_simulator/cardata/<path>`). */
export async function cardataControl(sim: Simulator, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`simulator control ${path} answered ${response.status}`);
  return response.json();
}

/** Logs in with the device code (approved at once) and returns the token store holding the login. */
export async function cardataLogin(
  sim: Simulator,
  config: Record<string, unknown> = {},
): Promise<MemoryTokenStore> {
  await cardataControl(sim, 'config', { pollIntervalSeconds: 0.01, ...config });
  const tokenStore = new MemoryTokenStore();
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore,
    onUserCode: async () => {
      await cardataControl(sim, 'approve');
    },
  });
  return tokenStore;
}

/** A stream message exactly as BMW sends it, every value measured at `at`. */
export function streamMessage(vin: string, at: Date, data: Record<string, unknown>): Record<string, unknown> {
  const timestamp = at.toISOString();
  return {
    vin,
    topic: vin,
    timestamp,
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value, timestamp }])),
  };
}

/** Publishes stream messages through the simulator's broker. */
export async function publish(sim: Simulator, ...messages: Record<string, unknown>[]): Promise<void> {
  await cardataControl(sim, 'publish', messages);
}

/** REST requests for vehicle data (`/customers/…`) the simulator answered, optionally since `since` (its clock). */
export function restRequests(sim: Simulator, since = 0) {
  return sim
    .requests()
    .filter((entry) => entry.path.startsWith('/customers/') && Date.parse(entry.time) >= since);
}

/** Opens a live account over the simulator with the state file in `stateDir`. */
export function openLiveOverSimulator(
  sim: Simulator,
  tokenStore: MemoryTokenStore,
  stateDir: string,
  options: Partial<CarDataLiveAccountOptions> = {},
): Promise<CarDataLiveAccount> {
  return openCarDataLiveAccount({
    tokenStore,
    statePath: statePathIn(stateDir),
    apiBaseUrl: sim.url,
    streamUrl: sim.mqttUrl ?? '',
    loginBaseUrl: sim.url,
    stream: { initialBackoffMs: 20, maxBackoffMs: 200 },
    ...options,
  });
}

/**
 * Spends `count` calls (default: all that are left) of the ledger of the state file in `stateDir`,
 * from outside the account, as another program sharing the state file would: the calls are
 * counted, none is sent.
 */
export async function spendLedger(
  sim: Simulator,
  tokenStore: MemoryTokenStore,
  stateDir: string,
  options: { count?: number; now?: () => number } = {},
): Promise<void> {
  const tokens = await tokenStore.load();
  const gcid = (tokens as { gcid?: string } | undefined)?.gcid ?? '';
  const ledger = new QuotaLedger({
    store: new FileCarDataStateStore(statePathIn(stateDir)),
    gcid,
    baseUrl: sim.url,
    now: options.now ?? Date.now,
  });
  for (let spent = 0; spent < (options.count ?? Number.POSITIVE_INFINITY); spent++) {
    try {
      await ledger.spend('GET /spent-elsewhere');
    } catch {
      return;
    }
  }
}

/** Spends every call left (see {@link spendLedger}). */
export const exhaustLedger = (sim: Simulator, tokenStore: MemoryTokenStore, stateDir: string) =>
  spendLedger(sim, tokenStore, stateDir);
