// Benchmark of the live CarData account (`openCarDataLiveAccount`) against @bimmer/simulator, printed
// as JSON. Runs against the built dists (turbo runs `build` first): `pnpm bench` at the root, or
// `pnpm --filter @bimmer/cardata bench`. No assertions on timings: the numbers are for comparison
// between commits on the same machine; a broken goal (REST calls, restart) sets the exit code.
//
// - week: a charging-and-commuting car (and a second one parked) for a simulated week, the
//   scenario file fixtures/cardata/scenarios/commuter-day.json played on the simulator clock:
//   REST calls per day by the default policy, calls on a restart, events, the largest ages reached.
// - memory: RSS of a live account over 100,000 stream messages (the simulator in a child process,
//   so that only the account is measured).
// - latency: from the publish request at the simulator's broker to the `change` and `event` callbacks.
//
// BENCH_ONLY=week,memory,latency picks parts; BENCH_MESSAGES, BENCH_WARMUP and BENCH_LATENCY_SAMPLES
// change the sizes (defaults 100,000, 25,000 and 500). The simulator's broker delivers roughly a
// thousand messages a second, which bounds the memory part to a few minutes.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loginWithCarDataDeviceCode, MemoryTokenStore } from '@bimmer/auth';
import { isRestOnlyDescriptor, openCarDataLiveAccount } from '@bimmer/cardata';
import { startSimulator } from '@bimmer/simulator';
import { driveMessage } from './drive-message.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VIN = 'WBASIMCARDATA0001';
const PARKED_VIN = 'WBASIMCARDATA0002';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 500);
const SCENARIOS = new URL('../../../fixtures/cardata/scenarios/', import.meta.url);
const EVENTS = {
  geofences: [
    { name: 'home', center: { latitude: 52.5163, longitude: 13.3777 }, radiusMeters: 200 },
    { name: 'work', center: { latitude: 52.4862, longitude: 13.4213 }, radiusMeters: 200 },
  ],
  batteryBelow: [20],
  batteryAbove: [80],
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes) => round(bytes / 2 ** 20);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

/** A simulator's CarData controls over HTTP (works for one in this process or in a child). */
function controls(url) {
  const post = async (path, body) => {
    const response = await fetch(`${url}/_simulator/cardata/${path}`, {
      method: 'POST',
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`simulator ${path}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    post,
    async login() {
      await post('config', { pollIntervalSeconds: 0.01 });
      const tokenStore = new MemoryTokenStore();
      await loginWithCarDataDeviceCode({
        clientId: randomUUID(),
        baseUrl: url,
        tokenStore,
        onUserCode: async () => {
          await post('approve');
        },
      });
      return tokenStore;
    },
  };
}

function waitFor(account, event, predicate, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = account.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const connected = (account) =>
  account.connection.state === 'connected'
    ? Promise.resolve()
    : waitFor(account, 'connection', (connection) => connection.state === 'connected');

/** The scenario's messages moved so that the first is sent at `startAt`, each at its moved time. */
async function scenarioAt(name, startAt) {
  const scenario = JSON.parse(await readFile(new URL(`${name}.json`, SCENARIOS), 'utf8'));
  const messages = scenario.steps.filter((step) => step.message !== undefined).map((step) => step.message);
  const first = Math.min(...messages.map((message) => Date.parse(message.timestamp)));
  const shift = startAt - first;
  const move = (time) => new Date(Date.parse(time) + shift).toISOString();
  return messages
    .map((message) => ({
      at: Date.parse(message.timestamp) + shift,
      message: {
        ...message,
        timestamp: move(message.timestamp),
        data: Object.fromEntries(
          Object.entries(message.data).map(([key, entry]) => [
            key,
            { ...entry, timestamp: move(entry.timestamp) },
          ]),
        ),
      },
    }))
    .sort((a, b) => a.at - b.at);
}

// ------------------------------------------------------------------------------------------ week

async function week() {
  const started = performance.now();
  const sim = await startSimulator({ fingerprints: [] });
  const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-bench-week-'));
  const sim_ = controls(sim.url);
  try {
    const tokenStore = await sim_.login();
    // Monday 00:00 UTC, a few days ahead: the week is played on the simulator clock from there.
    const monday = Math.ceil((Date.now() + 2 * DAY) / (7 * DAY)) * 7 * DAY - 3 * DAY;
    sim.setClock(monday);
    const open = () =>
      openCarDataLiveAccount({
        tokenStore,
        statePath: join(stateDir, 'cardata-state.json'),
        apiBaseUrl: sim.url,
        streamUrl: sim.mqttUrl,
        loginBaseUrl: sim.url,
        events: EVENTS,
        now: () => sim.now(),
        budget: { checkIntervalMs: 5 },
      });
    const events = {};
    let ages = { stream: { hours: 0, field: undefined }, restOnly: { hours: 0 } };
    let account;
    const attach = (live) => {
      live.on('event', (event) => {
        events[event.type] = (events[event.type] ?? 0) + 1;
      });
      return live;
    };
    /** The largest ages reached: of values the stream delivered, and of what only REST delivers. */
    const sample = () => {
      const now = sim.now();
      for (const vehicle of account.vehicles) {
        for (const [field, time] of Object.entries(vehicle.snapshot.fieldTimes ?? {})) {
          if (
            time.channel !== 'stream' ||
            time.descriptor === undefined ||
            isRestOnlyDescriptor(time.descriptor)
          )
            continue;
          const hours = (now - time.at.getTime()) / HOUR;
          if (hours > ages.stream.hours) ages = { ...ages, stream: { hours, field } };
        }
      }
      for (const plan of account.budget.vehicles) {
        if (plan.lastRestReadAt === undefined) continue;
        const hours = (now - plan.lastRestReadAt.getTime()) / HOUR;
        if (hours > ages.restOnly.hours) ages = { ...ages, restOnly: { hours } };
      }
    };
    const restCount = () => sim.requests().filter((entry) => entry.path.startsWith('/customers/')).length;
    /** Lets the account catch up with the clock: what has come due is done before time moves on. */
    const settle = async () => {
      // After any REST call, a read may go on (basic data, container, data): wait for 80 ms of quiet.
      let quietMs = 6;
      for (let wait = 0; wait < 2000; wait++) {
        const calls = restCount();
        await sleep(quietMs);
        if (restCount() !== calls) {
          quietMs = 80;
          continue;
        }
        const planned = [account.budget.nextRestReadAt, account.budget.discoveryAt];
        if (!planned.some((at) => at !== undefined && at.getTime() <= sim.now())) return;
      }
    };
    /** Moves the clock to `until` in steps of at most 15 minutes, stopping at every planned read. */
    const advanceTo = async (until) => {
      while (sim.now() < until) {
        const planned = [account.budget.nextRestReadAt, account.budget.discoveryAt]
          .map((at) => at?.getTime())
          .filter((at) => at !== undefined && at > sim.now());
        sim.setClock(Math.min(until, sim.now() + HOUR / 4, ...planned));
        await settle();
        sample();
      }
    };
    const play = async (steps) => {
      for (const step of steps) {
        await advanceTo(step.at);
        const change = waitFor(account, 'change', () => true, 300).catch(() => {});
        await sim_.post('publish', [step.message]);
        await change;
      }
    };

    account = attach(await open());
    await account.start();
    await connected(account);
    await settle();
    let restartCalls;
    for (let day = 0; day < 7; day++) {
      const midnight = monday + day * DAY;
      if (day < 5) await play(await scenarioAt('commuter-day', midnight + 7 * HOUR + 29 * 60_000));
      else if (day === 5)
        await play(await scenarioAt('trip-doors-locks', midnight + 10 * HOUR + 30 * 60_000));
      if (day === 2) {
        // Wednesday evening: the program restarts.
        await advanceTo(midnight + 21 * HOUR);
        await account.stop();
        const before = sim.requests().filter((entry) => entry.path.startsWith('/customers/')).length;
        account = attach(await open());
        await account.start();
        await connected(account);
        await sleep(300);
        restartCalls = sim.requests().filter((entry) => entry.path.startsWith('/customers/')).length - before;
      }
      await advanceTo(midnight + DAY);
    }
    await sleep(100);
    await account.stop();

    const rest = sim.requests().filter((entry) => entry.path.startsWith('/customers/'));
    const dayOf = (entry) => Math.floor((Date.parse(entry.time) - monday) / DAY);
    const perDay = Array.from({ length: 7 }, (_, day) => rest.filter((entry) => dayOf(entry) === day));
    const reads = (vin) =>
      perDay.map(
        (entries) =>
          entries.filter((entry) => entry.path === `/customers/vehicles/${vin}/telematicData`).length,
      );
    const readsPerVehiclePerDay = { [VIN]: reads(VIN), [PARKED_VIN]: reads(PARKED_VIN) };
    const callsPerVehiclePerDay = perDay.map((entries) => round(entries.length / 2, 2));
    // The vehicle list, basic data and the container are read once for the account, then cached.
    const setup = (entry) => !entry.path.endsWith('/telematicData');
    const policyCallsPerVehiclePerDay = perDay.map((entries) =>
      round(entries.filter((entry) => !setup(entry)).length / 2, 2),
    );
    return {
      description:
        'A commuting, charging BEV (commuter-day.json Monday to Friday, trip-doors-locks.json on Saturday, parked on Sunday) and a parked second car, one simulated week on the simulator clock, default budget policy; a restart on Wednesday at 21:00.',
      vehicles: 2,
      restCallsPerDay: perDay.map((entries) => entries.length),
      restCallsPerVehiclePerDay: callsPerVehiclePerDay,
      policyReadsPerVehiclePerDay: policyCallsPerVehiclePerDay,
      telematicReadsPerVehiclePerDay: readsPerVehiclePerDay,
      oneTimeSetupCalls: rest.filter(setup).length,
      restartCalls,
      events,
      eventsTotal: Object.values(events).reduce((sum, count) => sum + count, 0),
      largestStreamedFieldAgeHours: round(ages.stream.hours),
      largestStreamedFieldAgeField: ages.stream.field,
      largestRestOnlyDataAgeHours: round(ages.restOnly.hours),
      wallSeconds: round((performance.now() - started) / 1000),
      goalMet: Math.max(...policyCallsPerVehiclePerDay) <= 4 && restartCalls === 0,
    };
  } finally {
    await sim.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------- a simulator in a child process

/**
 * The simulator in a child process (bench/simulator-child.mjs), which also publishes the memory
 * run's messages itself: this process holds only the live account, so its RSS is the account's.
 */
async function childSimulator() {
  const child = fork(fileURLToPath(new URL('simulator-child.mjs', import.meta.url)), [], {
    stdio: 'inherit',
  });
  const replies = [];
  const waiting = [];
  child.on('message', (message) => {
    const next = waiting.shift();
    if (next === undefined) replies.push(message);
    else next(message);
  });
  const reply = () =>
    new Promise((resolve) => (replies.length > 0 ? resolve(replies.shift()) : waiting.push(resolve)));
  const urls = await reply();
  return {
    ...urls,
    /** Asks the child to publish the drive messages `from` to `to` (in batches), resolves once sent. */
    async publishDrive(base, from, to) {
      child.send({ type: 'publish', base, from, to });
      await reply();
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send({ type: 'stop' });
      }),
  };
}

async function liveOnChild(sim, stateDir, options = {}) {
  const tokenStore = await controls(sim.url).login();
  const account = await openCarDataLiveAccount({
    tokenStore,
    statePath: join(stateDir, 'cardata-state.json'),
    apiBaseUrl: sim.url,
    streamUrl: sim.mqttUrl,
    loginBaseUrl: sim.url,
    events: EVENTS,
    ...options,
  });
  await account.start();
  await connected(account);
  return account;
}

async function memory() {
  const sim = await childSimulator();
  const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-bench-memory-'));
  try {
    const account = await liveOnChild(sim, stateDir);
    const rssConnected = process.memoryUsage().rss;
    let changes = 0;
    let events = 0;
    account.on('change', () => changes++);
    account.on('event', () => events++);
    const base = Date.now() - MESSAGES * 1000 - 60_000;
    const batch = 1000;
    /** Publishes in batches, at most two batches ahead of what the account has taken (bounded). */
    const send = async (from, to) => {
      let published = changes;
      let previous = published;
      for (let start = from; start < to; start += batch) {
        const end = Math.min(to, start + batch);
        const deadline = Date.now() + 30_000;
        while (changes < previous && Date.now() < deadline) await sleep(1);
        previous = published;
        await sim.publishDrive(base, start, end);
        published += end - start;
      }
      const deadline = Date.now() + 30_000;
      while (changes < published && Date.now() < deadline) await sleep(1);
    };
    // V8 grows its heap to its working size over the first tens of thousands of messages.
    const warmup = Number(process.env.BENCH_WARMUP ?? 25_000);
    await send(0, warmup);
    // RSS is read before any forced collection (which would shrink the heap below its working size);
    // the retained JS heap is read after one.
    const rssBefore = process.memoryUsage().rss;
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const samples = [];
    const step = MESSAGES / 10;
    for (let sent = 0; sent < MESSAGES; sent += step) {
      await send(warmup + sent, warmup + sent + step);
      const usage = process.memoryUsage();
      samples.push(`${sent + step}: rss ${mb(usage.rss)} MB, heap ${mb(usage.heapUsed)} MB`);
    }
    const seconds = (performance.now() - started) / 1000;
    const received = changes;
    const rssAfter = process.memoryUsage().rss;
    globalThis.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    await account.stop();
    return {
      messages: MESSAGES,
      changesTold: received - warmup,
      eventsTold: events,
      messagesPerSecond: Math.round(MESSAGES / seconds),
      rssConnectedMb: mb(rssConnected),
      rssStartMb: mb(rssBefore),
      rssAfterMb: mb(rssAfter),
      rssGrowthMb: mb(rssAfter - rssBefore),
      heapUsedStartMb: mb(heapBefore),
      heapUsedAfterMb: mb(heapAfter),
      warmupMessages: warmup,
      samples,
      goalMet: rssAfter - rssBefore < 10 * 2 ** 20,
      gcExposed: typeof globalThis.gc === 'function',
    };
  } finally {
    await sim.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

async function latency() {
  const sim = await childSimulator();
  const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-bench-latency-'));
  const post = controls(sim.url).post;
  try {
    const account = await liveOnChild(sim, stateDir, { budget: { readsPerVehiclePerDay: 0 } });
    const base = Date.now() - LATENCY_SAMPLES * 1000 - 60_000;
    const change = [];
    const event = [];
    const publish = [];
    const roundTrip = [];
    // Where watching starts (the first value of a field is no event).
    const first = waitFor(account, 'change', () => true);
    await post('publish', [driveMessage(base - 10_000, 0)]);
    await first;
    for (let index = 1; index <= LATENCY_SAMPLES + 20; index++) {
      // Every message opens or closes the trunk: one change and one event each.
      const message = driveMessage(base, index * 10);
      const sent = performance.now();
      const changed = waitFor(account, 'change', () => true).then(() => performance.now());
      const told = waitFor(account, 'event', () => true).then(() => performance.now());
      await post('publish', [message]);
      const published = performance.now();
      const [changeAt, eventAt] = await Promise.all([changed, told]);
      const pinged = performance.now();
      await fetch(`${sim.url}/_simulator/info`).then((response) => response.arrayBuffer());
      if (index <= 20) continue; // warm-up
      change.push(changeAt - sent);
      event.push(eventAt - sent);
      publish.push(published - sent);
      roundTrip.push(performance.now() - pinged);
    }
    await account.stop();
    const stats = (values) => ({
      median: round(percentile(values, 0.5), 2),
      p99: round(percentile(values, 0.99), 2),
    });
    return {
      samples: LATENCY_SAMPLES,
      description:
        'From sending the publish request to the simulator (in a child process) to the callback; the publish request itself is a local HTTP round trip (see httpRoundTripMs).',
      changeMs: stats(change),
      eventMs: stats(event),
      publishRequestMs: stats(publish),
      httpRoundTripMs: stats(roundTrip),
    };
  } finally {
    await sim.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

const parts = { week, memory, latency };
const only = process.env.BENCH_ONLY?.split(',');
const results = {};
for (const [name, run] of Object.entries(parts))
  if (only === undefined || only.includes(name)) results[name] = await run();
if (Object.values(results).some((result) => result.goalMet === false)) process.exitCode = 1;
console.log(
  JSON.stringify(
    {
      benchmark: '@bimmer/cardata live account against @bimmer/simulator',
      node: process.version,
      ...results,
    },
    null,
    2,
  ),
);
