import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@bimmer/simulator';

/** The demo account's hCaptcha token: the simulator accepts any non-empty one. */
export const DEMO_CAPTCHA_TOKEN = 'bimmer-demo';

/**
 * A folder of our fleet shipped beside the bundle (`dist/fleet/<name>`, copied at build time), or
 * undefined when running from the sources, where the simulator finds the repository's `fixtures/`.
 */
function shippedFleet(name: string): string | undefined {
  try {
    const path = fileURLToPath(new URL(`./fleet/${name}`, import.meta.url));
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the demo transport's backend: our simulator with our own fleet on 127.0.0.1 and a free
 * port, remote commands progressing one poll per state. No car, no account, no network.
 */
export function startDemoSimulator(): Promise<Simulator> {
  const fingerprints = shippedFleet('mybmw');
  const cardataVehicles = shippedFleet('cardata');
  return startSimulator({
    host: '127.0.0.1',
    port: 0,
    remoteServices: { stepsPerStatus: 1 },
    ...(fingerprints === undefined ? {} : { fingerprints }),
    ...(cardataVehicles === undefined ? {} : { cardataVehicles }),
  });
}
