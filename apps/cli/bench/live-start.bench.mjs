// Benchmark: how soon a restart shows what bimmer last knew, and what that costs. Against the
// simulator (its CarData fleet of two vehicles), with last known values left by a live account:
// - `bimmer status --transport cardata --cached --json`: wall time, and the REST calls (and any
//   other request) the simulator saw: the goal is none;
// - `bimmer stream --json --rest-reads 0`: from spawn to the first restored line on stdout, then
//   Ctrl-C (exit 130).
// Prints JSON (medians). Runs the built bin (turbo runs `build` first): `pnpm bench` at the root,
// or `pnpm --filter @bimmer/cli bench`.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import { startSimulator } from '@bimmer/simulator';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const RUNS = Number(process.env.BIMMER_BENCH_RUNS ?? 7);
const VINS = ['WBASIMCARDATA0001', 'WBASIMCARDATA0002'];

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @bimmer/cli first.`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const sim = await startSimulator({ port: 0, fingerprints: [] });
const dir = await mkdtemp(join(tmpdir(), 'bimmer-live-bench-'));
try {
  const control = (path, body) =>
    fetch(`${sim.url}/_simulator/cardata/${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
  await control('config', { pollIntervalSeconds: 0.01 });
  const tokenFile = join(dir, 'cardata.json');
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(tokenFile),
    onUserCode: async () => {
      await control('approve');
    },
  });

  // Leave last known values behind, as a stream (or the hub) that ran earlier would.
  const account = await openCarDataLiveAccount({
    tokenStore: new FileTokenStore(tokenFile),
    statePath: carDataStatePathFor(tokenFile),
    apiBaseUrl: sim.url,
    loginBaseUrl: sim.url,
    streamUrl: sim.mqttUrl,
    budget: { readsPerVehiclePerDay: 0 },
  });
  await account.start();
  while (account.connection.state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 10));
  let changes = 0;
  account.on('change', () => {
    changes += 1;
  });
  const timestamp = new Date(Date.now() - 600_000).toISOString();
  await control(
    'publish',
    VINS.map((vin) => ({
      vin,
      topic: vin,
      timestamp,
      data: {
        'vehicle.powertrain.electric.battery.stateOfCharge.displayed': { value: 64, unit: '%', timestamp },
        'vehicle.vehicle.travelledDistance': { value: 12_345, unit: 'km', timestamp },
      },
    })),
  );
  while (changes < VINS.length) await new Promise((resolve) => setTimeout(resolve, 10));
  await account.stop();

  const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') };
  const global = ['--base-url', sim.url, '--token-file', tokenFile, '--stream-url', sim.mqttUrl];

  const cachedMs = [];
  let cachedRequests = 0;
  let cachedRestCalls = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    sim.clearRequests();
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [CLI, ...global, 'status', '--transport', 'cardata', '--cached', '--json'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`status --cached exited ${result.status}: ${result.stderr}`);
    const requests = sim.requests();
    cachedRequests += requests.length;
    cachedRestCalls += requests.filter((request) => request.path.startsWith('/customers/')).length;
    if (run > 0) cachedMs.push(ms);
  }

  const firstRestoredMs = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...global, 'stream', '--json', '--rest-reads', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const { ms, firstLine } = await new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline >= 0) {
          resolve({
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            firstLine: stdout.slice(0, newline),
          });
        }
      });
      child.on('close', (code) => reject(new Error(`stream exited ${code} before a line: ${stderr}`)));
    });
    if (JSON.parse(firstLine).type !== 'restored')
      throw new Error('the first line was not a restored vehicle');
    // Let it connect before stopping, as a user would, so the exit code says it stopped cleanly.
    while (!stderr.includes('Connected to the CarData stream')) await new Promise((r) => setTimeout(r, 10));
    const code = await new Promise((resolve) => {
      child.removeAllListeners('close');
      child.on('close', resolve);
      child.kill('SIGINT');
    });
    if (code !== 130) throw new Error(`stream exited ${code} on Ctrl-C: ${stderr}`);
    if (run > 0) firstRestoredMs.push(ms);
  }

  console.log(
    JSON.stringify(
      {
        benchmark: 'cli live start',
        runs: RUNS,
        node: process.version,
        vehicles: VINS.length,
        statusCachedMedianMs: round(median(cachedMs)),
        statusCachedRestCalls: cachedRestCalls,
        statusCachedRequests: cachedRequests,
        streamFirstRestoredLineMedianMs: round(median(firstRestoredMs)),
        goal: 'status --cached and a restart of stream show the last state with zero REST calls',
      },
      null,
      2,
    ),
  );
} finally {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
}
