/**
 * The `demo` transport: the shared demo account of `@bimmer/hub` (`openDemoLiveAccount`: our
 * simulator in this process with our fleet on 127.0.0.1, BMW CarData's device-code login approved
 * programmatically, the real CarData live account on it), plus what the Node-RED demo adds beside
 * it: the demo car's day replayed on the stream (`./demo-day`) and the MyBMW live account of the
 * same simulator's MyBMW car, which takes remote commands. Both are one fleet
 * (`./demo-fleet-account`): every car the demo commands is a car its nodes watch. Nothing else in the
 * package knows how the demo is put together.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTokenStore } from '@bimmer/auth';
import { type DemoLiveAccount, openDemoLiveAccount } from '@bimmer/hub';
import { type MyBMWLiveAccount, openMyBMWLiveAccount } from '@bimmer/mybmw';
import { demoDay, replayWhileConnected } from './demo-day';
import { DemoFleetAccount } from './demo-fleet-account';

/** The demo's MyBMW car (an i5 of our fleet: electric, every remote service). */
export const DEMO_MYBMW_VIN = 'WBA00000BIMMER001';

/** The demo's MyBMW login on its simulator (not a secret: it exists only there). */
const DEMO_MYBMW_LOGIN = {
  username: 'demo@bimmer.dev',
  password: 'bimmer-demo',
  // The simulator accepts any non-empty hCaptcha token.
  captchaToken: 'bimmer-demo',
} as const;

/** Remote commands ask for their progress quickly: the demo car answers at once. */
const DEMO_REMOTE_POLL_MS = 300;

/** What the demo transport hands to the account node. */
export interface DemoAccount {
  /** The demo's fleet: the CarData cars on the stream and the MyBMW car that takes commands. */
  readonly account: DemoFleetAccount;
  /** How often a remote command's progress is asked for. */
  readonly remotePollIntervalMs: number;
  /** Stops the replay, the live accounts and the simulator, and deletes the demo's files. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openDemoAccount}. */
export interface DemoAccountOptions {
  /** The staleness threshold of the account node. */
  readonly staleAfterMs: number;
  /** How often the MyBMW car is polled (the account node's poll interval). */
  readonly pollIntervalMs: number;
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
 * Starts the demo: the shared demo account and the MyBMW live account (each read once, so the flows
 * know every car from the start; it costs the simulator, not BMW) and the replay of the demo car's
 * day. Its files (tokens, state) live in a temporary folder deleted by `close()`: every demo starts
 * from the same fleet.
 */
export async function openDemoAccount(options: DemoAccountOptions): Promise<DemoAccount> {
  const folder = await mkdtemp(join(tmpdir(), 'bimmer-node-red-demo-'));
  let demo: DemoLiveAccount | undefined;
  let myBMW: MyBMWLiveAccount | undefined;
  let stopReplay: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopReplay?.();
      await myBMW?.stop().catch(() => undefined);
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
        // The demo's MyBMW login owns one car, the one its remote commands go to.
        accounts: [
          {
            username: DEMO_MYBMW_LOGIN.username,
            password: DEMO_MYBMW_LOGIN.password,
            vins: [DEMO_MYBMW_VIN],
          },
        ],
        ...(fingerprints === undefined ? {} : { fingerprints }),
        ...(cardataVehicles === undefined ? {} : { cardataVehicles }),
      },
    });
    const { account, simulator } = demo;
    myBMW = await openMyBMWLiveAccount({
      ...DEMO_MYBMW_LOGIN,
      region: 'rest_of_world',
      baseUrl: simulator.url,
      tokenStore: new FileTokenStore(join(folder, 'demo-mybmw-tokens.json')),
      statePath: join(folder, 'demo-mybmw-state.json'),
      pollIntervalMs: options.pollIntervalMs,
      staleAfterMs: options.staleAfterMs,
    });
    await Promise.all([account.refresh(undefined, { reason: 'demo' }), myBMW.refresh()]);
    const day = await demoDay(shippedFleet('scenarios'));
    if (day !== undefined) stopReplay = replayWhileConnected(simulator, account, day);
    return {
      account: new DemoFleetAccount(account, myBMW),
      remotePollIntervalMs: DEMO_REMOTE_POLL_MS,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
