import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CarDataSession, FileTokenStore, loginWithCarDataDeviceCode, MemoryTokenStore } from '@bimmer/auth';
import { CarDataStreamConnection, type StreamStateChange } from '@bimmer/cardata';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const source = (path: string) => fileURLToPath(new URL(`../../../packages/${path}`, import.meta.url));

/** Resolves the workspace's extension-less TypeScript imports so a child Node can run the sources. */
const HOOKS = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    for (const suffix of ['.ts', '/index.ts']) { try { return await next(specifier + suffix, context); } catch {} }
    throw error;
  }
}`;

/**
 * One `bimmer stream`-like process: a stream connection over the shared token file, for
 * `durationMs`. Prints its state changes and warnings with epoch times (never a token).
 */
const STREAM_CHILD = `
import { CarDataSession } from ${JSON.stringify(source('auth/src/cardata/index.ts'))};
import { FileTokenStore } from ${JSON.stringify(source('auth/src/token-store/file-token-store.ts'))};
import { CarDataStreamConnection } from ${JSON.stringify(source('cardata/src/index.ts'))};
const [simUrl, mqttUrl, tokenPath, durationMs, options] = process.argv.slice(2);
const session = new CarDataSession({ tokenStore: new FileTokenStore(tokenPath), baseUrl: simUrl });
const connection = new CarDataStreamConnection({ tokens: session, url: mqttUrl, ...JSON.parse(options) });
const log = [];
connection.on('state', (change) => log.push({ at: Date.now(), state: change.state, retryInMs: change.retryInMs, action: change.error?.action }));
connection.on('warning', (text) => log.push({ at: Date.now(), warning: text }));
connection.start();
await new Promise((resolve) => setTimeout(resolve, Number(durationMs)));
await connection.stop();
console.log(JSON.stringify(log));
`;

interface LogEntry {
  at: number;
  state?: string;
  retryInMs?: number;
  action?: string;
  warning?: string;
}

let sim: Simulator;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
  });
  return response.json();
}

async function simState(): Promise<{ kicks: number; streamLogins: number }> {
  return (await (await fetch(`${sim.url}/_simulator/cardata/state`)).json()) as {
    kicks: number;
    streamLogins: number;
  };
}

/** Logs in into `store` (the device flow, approved at once) with the given token lifetime. */
async function login(store: MemoryTokenStore | FileTokenStore, tokenLifetimeSeconds = 3600): Promise<void> {
  await control('config', { pollIntervalSeconds: 0.01, tokenLifetimeSeconds });
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore: store,
    onUserCode: async () => {
      await control('approve');
    },
  });
  sim.clearRequests();
}

/** The token refreshes the simulator served since the last `clearRequests()`. */
function tokenRefreshes(): number {
  return sim
    .requests()
    .filter(
      (entry) =>
        entry.path === '/gcdm/oauth/token' &&
        (entry.body as { grant_type?: string } | undefined)?.grant_type === 'refresh_token',
    ).length;
}

function recordStates(connection: CarDataStreamConnection) {
  const states: (StreamStateChange & { at: number })[] = [];
  const warnings: string[] = [];
  connection.on('state', (change) => states.push({ ...change, at: Date.now() }));
  connection.on('warning', (text) => warnings.push(text));
  return { states, warnings };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [], cardataVehicles: false });
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-stream-faults-'));
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(join(dir, 'stream-child.ts'), STREAM_CHILD);
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.reset();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('CarData stream kicked by another client of the account', () => {
  it('reports kicked once with the hub as the fix, and waits longer after each quick kick', async () => {
    const store = new MemoryTokenStore();
    await login(store);
    const session = new CarDataSession({ tokenStore: store, baseUrl: sim.url });
    const url = sim.mqttUrl ?? '';
    const ours = new CarDataStreamConnection({
      tokens: session,
      url,
      initialBackoffMs: 100,
      healthyAfterMs: 5_000,
    });
    const { states, warnings } = recordStates(ours);
    cleanups.push(() => ours.stop());
    ours.start();
    await ours.waitUntilConnected();

    // The other program reconnects at once whenever it is kicked, as a careless client would.
    const other = new CarDataStreamConnection({ tokens: session, url, initialBackoffMs: 1, maxBackoffMs: 1 });
    cleanups.push(() => other.stop());
    other.start();
    await sleep(2_000);

    const kicked = states.filter((change) => change.state === 'kicked');
    expect(kicked.length).toBeGreaterThanOrEqual(3);
    expect(kicked.length).toBeLessThanOrEqual(5);
    for (const change of kicked) {
      expect(change.reason).toMatch(/another program/);
      expect(change.error).toMatchObject({ code: 'api', action: 'use-hub' });
    }
    // The counter is not reset by the short connections in between: each wait doubles.
    const waits = kicked.map((change) => change.retryInMs ?? 0);
    for (let index = 1; index < waits.length; index++) {
      expect(waits[index]).toBeGreaterThan((waits[index - 1] ?? 0) * 1.5);
    }
    const told = warnings.filter((text) => /another program/i.test(text));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/bimmer hub/);
  });

  it('lets two stream processes on one account settle instead of flapping', async () => {
    const tokenPath = join(dir, 'tokens.json');
    await login(new FileTokenStore(tokenPath));
    // The defaults (1 s first wait, healthy after 12 s) scaled down 20 times: a minute is 3 s here.
    const scale = 10;
    const options = {
      initialBackoffMs: 1_000 / scale,
      healthyAfterMs: 12_000 / scale,
      maxKickBackoffMs: 60_000,
    };
    const minute = 60_000 / scale;
    const durationMs = 11_000;
    const child = async () => {
      const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(
        `file://${join(dir, 'hooks.mjs')}`,
      )})`;
      const { stdout } = await run(
        process.execPath,
        [
          '--conditions=@bimmer/source',
          '--no-warnings',
          '--import',
          register,
          join(dir, 'stream-child.ts'),
          sim.url,
          sim.mqttUrl ?? '',
          tokenPath,
          String(durationMs),
          JSON.stringify(options),
        ],
        { cwd: source('cardata') },
      );
      return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as LogEntry[];
    };
    const kicksBefore = (await simState()).kicks;
    const logs = await Promise.all([child(), child()]);

    const kicks = logs
      .flat()
      .filter((entry) => entry.state === 'kicked')
      .map((entry) => entry.at)
      .sort((a, b) => a - b);
    expect((await simState()).kicks - kicksBefore).toBe(kicks.length);
    const firstKick = kicks[0] ?? 0;
    expect(kicks.length).toBeGreaterThan(0);
    // Settled: some connection lasted healthyAfterMs within a (scaled) minute of the first kick.
    const settledAt = Math.min(
      ...logs.map((log) => {
        for (let index = 0; index < log.length; index++) {
          const entry = log[index];
          if (entry?.state !== 'connected') continue;
          const end =
            log.slice(index + 1).find((next) => next.state !== undefined)?.at ?? Number.POSITIVE_INFINITY;
          if (end - entry.at >= options.healthyAfterMs) return entry.at + options.healthyAfterMs;
        }
        return Number.POSITIVE_INFINITY;
      }),
    );
    console.info(
      `two processes: ${kicks.length} kicks, settled ${settledAt - firstKick} ms after the first kick ` +
        `(x${scale} = ${Math.round(((settledAt - firstKick) * scale) / 1000)} s at the defaults); ` +
        `${kicks.filter((at) => at > firstKick + minute).length} kicks after the first scaled minute`,
    );
    expect(settledAt - firstKick).toBeLessThanOrEqual(minute);
    // After that minute only the loser's rare probes kick (each probe: two kicks).
    expect(kicks.filter((at) => at > firstKick + minute).length).toBeLessThanOrEqual(6);
    for (const log of logs) {
      const told = log.filter((entry) => /another program/i.test(entry.warning ?? ''));
      expect(told.length).toBeLessThanOrEqual(1);
      for (const entry of log.filter((each) => each.state === 'kicked')) expect(entry.action).toBe('use-hub');
    }
  });
});

describe('CarData stream ID-token rotation', () => {
  it('makes no storm of token requests with a 60 s token lifetime and the default margins', async () => {
    const store = new MemoryTokenStore();
    await login(store, 60);
    const session = new CarDataSession({ tokenStore: store, baseUrl: sim.url });
    const connection = new CarDataStreamConnection({ tokens: session, url: sim.mqttUrl ?? '' });
    const { states } = recordStates(connection);
    cleanups.push(() => connection.stop());
    const loginsBefore = (await simState()).streamLogins;
    connection.start();
    await connection.waitUntilConnected();
    await sleep(5_000);
    // At most the session's first refresh (it cannot know the lifetime before one); no rotation yet.
    expect(tokenRefreshes()).toBeLessThanOrEqual(1);
    expect(states.map((change) => change.state)).toEqual(['connecting', 'connected']);
    expect((await simState()).streamLogins - loginsBefore).toBe(1);
  });

  it('rotates at most twice a token lifetime, even with tokens shorter than the margins', async () => {
    // A 60 s lifetime and the 30 s lower bound scaled down 10 times.
    const store = new MemoryTokenStore();
    await login(store, 6);
    const session = new CarDataSession({ tokenStore: store, baseUrl: sim.url });
    const connection = new CarDataStreamConnection({
      tokens: session,
      url: sim.mqttUrl ?? '',
      initialBackoffMs: 50,
      minTokenRotationMs: 3_000,
    });
    const { states } = recordStates(connection);
    cleanups.push(() => connection.stop());
    const started = Date.now();
    connection.start();
    await connection.waitUntilConnected();
    await sleep(12_000);
    const elapsedMinutes = (Date.now() - started) / 6_000;
    const refreshes = tokenRefreshes();
    console.info(
      `6 s tokens over ${elapsedMinutes.toFixed(1)} scaled minutes: ${refreshes} token requests ` +
        `(${(refreshes / elapsedMinutes).toFixed(1)} per minute at a 60 s lifetime)`,
    );
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(refreshes / elapsedMinutes).toBeLessThanOrEqual(3);
    // Renewed ahead of expiry: the broker never had to close an expired connection.
    expect(states.filter((change) => /expired/.test(change.reason ?? ''))).toEqual([]);
    expect(
      states.filter((change) => change.reason === 'ID token expires soon').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('forces exactly one token refresh when BMW refuses the token right after connecting, then backs off', async () => {
    const store = new MemoryTokenStore();
    await login(store);
    const session = new CarDataSession({ tokenStore: store, baseUrl: sim.url });
    await control('config', { refuseStreamLogins: 3 });
    const connection = new CarDataStreamConnection({
      tokens: session,
      url: sim.mqttUrl ?? '',
      initialBackoffMs: 100,
    });
    const { states } = recordStates(connection);
    cleanups.push(() => connection.stop());
    connection.start();
    await connection.waitUntilConnected(10_000);
    expect(tokenRefreshes()).toBe(1);
    expect(
      states.map((change) => [change.state, change.retryInMs === undefined ? undefined : 'wait']),
    ).toEqual([
      ['connecting', undefined],
      ['reconnecting', undefined],
      ['reconnecting', 'wait'],
      ['reconnecting', 'wait'],
      ['connected', undefined],
    ]);
    expect(states[1]?.reason).toMatch(/fresh one/);
    expect(states[2]?.reason).toMatch(/refused the ID token/);
    expect((states[3]?.retryInMs ?? 0) > (states[2]?.retryInMs ?? 0)).toBe(true);
  });
});
