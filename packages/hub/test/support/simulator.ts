import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { type Simulator, type SimulatorOptions, startSimulator } from '@bimmer/simulator';

/** The BEV and the petrol car of the simulator's CarData fleet (both PRIMARY). */
export const BEV_VIN = 'WBASIMCARDATA0001';
export const PETROL_VIN = 'WBASIMCARDATA0002';

/** Calls a control route of the simulator's CarData side. */
export async function control(
  sim: Simulator,
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method,
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  if (!response.ok) throw new Error(`simulator control ${path} answered ${response.status}`);
  return response.json();
}

/** The simulator's view of its stream broker. */
export async function streamState(sim: Simulator): Promise<{ streamLogins: number; kicks: number }> {
  return (await control(sim, 'state', undefined, 'GET')) as { streamLogins: number; kicks: number };
}

/** A simulator and a directory with a CarData login in `tokens/cardata.json` (as the CLI keeps it). */
export interface LoggedInSimulator {
  readonly sim: Simulator;
  readonly dir: string;
  readonly tokenFile: string;
  close(): Promise<void>;
}

/** Starts a simulator (its CarData fleet) and logs in with the device code, approved at once. */
export async function loggedInSimulator(options: SimulatorOptions = {}): Promise<LoggedInSimulator> {
  const sim = await startSimulator({ fingerprints: [], ...options });
  const dir = await mkdtemp(join(tmpdir(), 'bimmer-hub-test-'));
  const tokenFile = join(dir, 'tokens', 'cardata.json');
  await login(sim, tokenFile);
  return {
    sim,
    dir,
    tokenFile,
    async close() {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in to the simulator's CarData with the device code (approved at once) into `tokenFile`. */
export async function login(sim: Simulator, tokenFile: string): Promise<void> {
  await control(sim, 'config', { pollIntervalSeconds: 0.01 });
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(tokenFile),
    onUserCode: async () => {
      await control(sim, 'approve');
    },
  });
}

/** A stream message as BMW sends it, every value measured at `at`. */
export function streamMessage(vin: string, at: Date, data: Record<string, unknown>): Record<string, unknown> {
  const timestamp = at.toISOString();
  return {
    vin,
    entityId: 'simulated',
    topic: vin,
    timestamp,
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value, timestamp }])),
  };
}

/** Publishes stream messages through the simulator's broker. */
export async function publish(sim: Simulator, ...messages: Record<string, unknown>[]): Promise<void> {
  await control(sim, 'publish', messages);
}

/** REST requests for vehicle data (`/customers/…`) the simulator answered. */
export function restRequests(sim: Simulator) {
  return sim.requests().filter((entry) => entry.path.startsWith('/customers/'));
}

/** Descriptors the tests send. */
export const BATTERY = 'vehicle.drivetrain.batteryManagement.header';
export const TRUNK = 'vehicle.body.trunk.isOpen';

/**
 * Spends every call left in the quota ledger of the state file beside `tokenFile`, from outside the
 * hub, as another program sharing the state file would: counted, nothing sent.
 */
export async function exhaustLedger(sim: Simulator, tokenFile: string): Promise<void> {
  const { FileCarDataStateStore, QuotaLedger, carDataStatePathFor } = await import('@bimmer/cardata');
  const tokens = (await new FileTokenStore(tokenFile).load()) as { gcid?: string } | undefined;
  const ledger = new QuotaLedger({
    store: new FileCarDataStateStore(carDataStatePathFor(tokenFile)),
    gcid: tokens?.gcid ?? '',
    baseUrl: sim.url,
  });
  for (;;) {
    try {
      await ledger.spend('GET /spent-elsewhere');
    } catch {
      return;
    }
  }
}
