/**
 * The `demo` transport in one module: our simulator in this process (our fleet, 127.0.0.1, no
 * network), BMW CarData's device-code login approved programmatically through the simulator's
 * control routes, the real CarData live account of `@bimmer/cardata` on it, our commuter-day
 * scenario replayed on its stream so the flows have something to show, and remote commands on the
 * simulator's MyBMW side (CarData is read-only). Nothing else in the package knows how the demo is
 * put together, so this module can be swapped for a shared demo helper without touching the nodes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTokenStore, loginWithCarDataDeviceCode, MemoryTokenStore } from '@bimmer/auth';
import { type CarDataLiveAccount, carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import { MyBMWAccount } from '@bimmer/mybmw';
import {
  DEFAULT_SCENARIOS,
  readScenarioFile,
  type Scenario,
  type ScenarioPlayback,
  type Simulator,
  startSimulator,
} from '@bimmer/simulator';
import { myBMWRemoteCommander, type RemoteCommander } from '../remote/remote-commander';

/** The demo's hCaptcha token: the simulator accepts any non-empty one. */
const DEMO_CAPTCHA_TOKEN = 'bimmer-demo';

/** The CarData client ID the demo logs in with (the simulator accepts any). */
const DEMO_CLIENT_ID = 'b1a5e000-2026-4000-8000-00000000de70';

/** The scenario the demo car lives through, again and again: a commuter's day compressed to seconds. */
const DEMO_SCENARIO = 'commuter-day.json';

/** How long the demo car rests between two replays of its day. */
const DEMO_PAUSE_MS = 20_000;

/** How long after the stream connects the demo car starts its day. */
const DEMO_FIRST_REPLAY_MS = 2_000;

/** Remote commands poll the simulator quickly: the demo car answers at once. */
const DEMO_REMOTE_POLL_MS = 300;

/** What the demo transport hands to the account node. */
export interface DemoAccount {
  /** The CarData live account on the simulator (its vehicles are the fleet's CarData vehicles). */
  readonly account: CarDataLiveAccount;
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

/** Our simulator with our own fleet on 127.0.0.1 and a free port; remote commands advance one state a poll. */
function startDemoSimulator(): Promise<Simulator> {
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

async function control(simulator: Simulator, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The demo simulator answered ${response.status} to ${path}.`);
}

/** The demo car's day without its recorded times: each replay is stamped with the time it plays. */
async function demoDay(): Promise<Scenario | undefined> {
  const folder = shippedFleet('scenarios') ?? DEFAULT_SCENARIOS;
  if (folder === undefined || !existsSync(join(folder, DEMO_SCENARIO))) return undefined;
  const scenario = await readScenarioFile(join(folder, DEMO_SCENARIO));
  return {
    ...scenario,
    steps: scenario.steps.map((step) => {
      if (step.message === undefined) return step;
      const { timestamp: _dropped, ...message } = step.message;
      const data = Object.fromEntries(
        Object.entries(message.data).map(([descriptor, value]) => {
          const { timestamp: _time, ...rest } = value;
          return [descriptor, rest];
        }),
      );
      return { ...step, message: { ...message, data } };
    }),
  };
}

/**
 * Replays the demo car's day on the simulator's stream while the live account is connected: the
 * first replay a moment after it connects (the flows' nodes are listening by then), then one after
 * each pause. Returns the function that stops it.
 */
function replayWhileConnected(simulator: Simulator, account: CarDataLiveAccount, day: Scenario): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let playback: ScenarioPlayback | undefined;
  const later = (delayMs: number, task: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!stopped) task();
    }, delayMs);
    timer.unref?.();
  };
  const play = () => {
    playback = simulator.playScenario(day);
    void playback.finished.then(() => {
      if (!stopped) later(DEMO_PAUSE_MS, whenConnected);
    });
  };
  const whenConnected = () => {
    if (account.connection.state === 'connected') later(DEMO_FIRST_REPLAY_MS, play);
    else later(500, whenConnected);
  };
  whenConnected();
  return () => {
    stopped = true;
    clearTimeout(timer);
    playback?.cancel();
  };
}

/**
 * Starts the demo: the simulator, the programmatic device-code login, the CarData live account
 * (vehicles read once, so the flows know them from the start; it spends the simulator's quota, not
 * BMW's), the replay of the demo car's day and the MyBMW remote commands. Its files (tokens, state)
 * live in a temporary folder deleted by `close()`: every demo starts from the same fleet.
 */
export async function openDemoAccount(options: DemoAccountOptions): Promise<DemoAccount> {
  const simulator = await startDemoSimulator();
  let folder: string | undefined;
  let account: CarDataLiveAccount | undefined;
  let stopReplay: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopReplay?.();
      await account?.stop().catch(() => undefined);
      await simulator.stop().catch(() => undefined);
      if (folder !== undefined) await rm(folder, { recursive: true, force: true, maxRetries: 5 });
    })();
    return closing;
  };
  try {
    folder = await mkdtemp(join(tmpdir(), 'bimmer-node-red-demo-'));
    const tokenFile = join(folder, 'cardata-tokens.json');
    // The device code is approved the moment it is issued, and polled for a tenth of a second later.
    await control(simulator, '/_simulator/cardata/config', { pollIntervalSeconds: 0.1 });
    await loginWithCarDataDeviceCode({
      clientId: DEMO_CLIENT_ID,
      baseUrl: simulator.url,
      tokenStore: new FileTokenStore(tokenFile),
      onUserCode: (prompt) =>
        control(simulator, '/_simulator/cardata/approve', { userCode: prompt.userCode }),
    });
    account = await openCarDataLiveAccount({
      tokenStore: new FileTokenStore(tokenFile),
      statePath: carDataStatePathFor(tokenFile),
      apiBaseUrl: simulator.url,
      loginBaseUrl: simulator.url,
      streamUrl: simulator.mqttUrl,
      staleAfterMs: options.staleAfterMs,
    });
    await account.refresh(undefined, { reason: 'demo' });
    const day = await demoDay();
    if (day !== undefined) stopReplay = replayWhileConnected(simulator, account, day);
    const demo = simulator.demoAccount ?? { username: 'demo@bimmer.dev', password: 'bimmer-demo' };
    const myBMW = new MyBMWAccount({
      username: demo.username,
      password: demo.password,
      region: 'rest_of_world',
      tokenStore: new MemoryTokenStore(),
      captchaToken: DEMO_CAPTCHA_TOKEN,
      baseUrl: simulator.url,
    });
    const remote = myBMWRemoteCommander(myBMW, { pollIntervalMs: DEMO_REMOTE_POLL_MS });
    return { account, remote, close };
  } catch (error) {
    await close();
    throw error;
  }
}
