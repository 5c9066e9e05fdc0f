import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { CarDataLoginFlow } from '../ui/cardata-login-flow';
import { FIXTURES_DIR } from './fleet';

/** A simulator with the CarData fleet and an instant device-code poll. */
export async function startCarDataSimulator(): Promise<Simulator> {
  const simulator = await startSimulator({
    port: 0,
    fingerprints: [],
    cardataVehicles: join(FIXTURES_DIR, 'cardata', 'rest'),
  });
  await control(simulator, 'config', { pollIntervalSeconds: 0 });
  return simulator;
}

/** POSTs to a CarData control route of the simulator. */
export async function control(simulator: Simulator, route: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_simulator/cardata/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${route}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Logs in to CarData on the simulator through the settings page's own login flow, approving the code
 * on the simulator as the user would on BMW's page.
 */
export async function loginOnSimulator(simulator: Simulator, tokenFile: string): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    const flow = new CarDataLoginFlow({
      tokenFile,
      baseUrl: simulator.url,
      push: (progress) => {
        if (progress.state === 'code') void control(simulator, 'approve', { userCode: progress.userCode });
        if (progress.state === 'done') resolve();
        if (progress.state === 'failed') reject(new Error(progress.message));
      },
    });
    void flow.start('bimmer-test-client');
  });
  await done;
}

/** A stream message as BMW sends it, for one VIN, with the given descriptor values measured now. */
export function streamMessage(vin: string, values: Record<string, unknown>, at = new Date()): unknown {
  return {
    vin,
    entityId: 'bimmer-test',
    topic: vin,
    timestamp: at.toISOString(),
    data: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, { value, timestamp: at.toISOString() }]),
    ),
  };
}
