/**
 * The `demo` transport: the shared demo account of `@bimmer/hub` (`openDemoLiveAccount`: our
 * simulator in this process with our fleet on 127.0.0.1, BMW CarData's device-code login approved
 * programmatically, the real CarData live account on it), plus what the Node-RED demo adds beside
 * it: the demo car's day replayed on the stream (`./demo-day`) and remote commands on the
 * simulator's MyBMW side (`./demo-remote`). Nothing else in the package knows how the demo is put
 * together.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LiveAccount } from '@bimmer/core';
import { type DemoLiveAccount, openDemoLiveAccount } from '@bimmer/hub';
import type { RemoteCommander } from '../remote/remote-commander';
import { demoDay, replayWhileConnected } from './demo-day';
import { demoRemoteCommander } from './demo-remote';

/** What the demo transport hands to the account node. */
export interface DemoAccount {
  /** The CarData live account on the simulator (its vehicles are the fleet's CarData vehicles). */
  readonly account: LiveAccount;
  /** Remote commands on the fleet's MyBMW vehicles (e.g. `WBA00000BIMMER001`). */
  readonly remote: RemoteCommander;
  /** Stops the replay, the live account and the simulator, and deletes the demo's files. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openDemoAccount}. */
export interface DemoAccountOptions {
  /** The staleness threshold of the account node. */
  readonly staleAfterMs: number;
}

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
 * Starts the demo: the shared demo account (vehicles read once, so the flows know them from the
 * start; it spends the simulator's quota, not BMW's), the replay of the demo car's day and the
 * MyBMW remote commands. Its files (tokens, state) live in a temporary folder deleted by `close()`:
 * every demo starts from the same fleet.
 */
export async function openDemoAccount(options: DemoAccountOptions): Promise<DemoAccount> {
  const folder = await mkdtemp(join(tmpdir(), 'bimmer-node-red-demo-'));
  let demo: DemoLiveAccount | undefined;
  let stopReplay: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopReplay?.();
      await demo?.stop().catch(() => undefined);
      await rm(folder, { recursive: true, force: true, maxRetries: 5 });
    })();
    return closing;
  };
  try {
    const fingerprints = shippedFleet('mybmw');
    const cardataVehicles = shippedFleet('cardata');
    demo = await openDemoLiveAccount({
      stateDir: folder,
      account: { staleAfterMs: options.staleAfterMs },
      simulator: {
        // Remote commands advance one state a poll: the demo car answers at once.
        remoteServices: { stepsPerStatus: 1 },
        ...(fingerprints === undefined ? {} : { fingerprints }),
        ...(cardataVehicles === undefined ? {} : { cardataVehicles }),
      },
    });
    const { account, simulator } = demo;
    await account.refresh(undefined, { reason: 'demo' });
    const day = await demoDay(shippedFleet('scenarios'));
    if (day !== undefined) stopReplay = replayWhileConnected(simulator, account, day);
    return { account, remote: demoRemoteCommander(simulator), close };
  } catch (error) {
    await close();
    throw error;
  }
}
