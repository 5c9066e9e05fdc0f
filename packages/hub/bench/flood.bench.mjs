// Benchmarks of bimmer hub, run against the built dist (turbo runs `build` first): `pnpm bench` at
// the root, or `pnpm --filter @bimmer/hub bench`. Prints JSON:
// - demo: how long `bimmer hub --demo` takes until a subscriber holds the first retained topics;
// - flood: 10,000 BMW stream messages through the hub (embedded broker, a subscriber on every
//   vehicle topic): messages per second end to end, state messages published (coalesced), and the
//   memory before and after (after a forced GC), i.e. the growth over 10,000 messages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemoLiveAccount, startHub } from '@bimmer/hub';
import { connect } from 'mqtt';

const VIN = 'WBASIMCARDATA0001';
const BATTERY_TOPIC = `bimmer/${VIN}/fuelAndBattery/remainingBatteryPercent`;
const MESSAGES = 10_000;
const CHUNK = 500;
const quiet = { info: () => {}, warn: () => {} };
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function subscriber(url, topics) {
  const client = connect(url, { reconnectPeriod: 0 });
  const last = new Map();
  let received = 0;
  const waiters = new Set();
  client.on('message', (topic, payload) => {
    received++;
    last.set(topic, payload.toString());
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  await client.subscribeAsync(topics);
  return {
    last,
    get received() {
      return received;
    },
    until(predicate, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error('bench timed out')), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => client.endAsync(true),
  };
}

function memory() {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
}

async function demoFirstTopics() {
  const started = performance.now();
  const hub = await startHub({ demo: true, httpPort: 0, mqttPort: 0, log: quiet });
  const listening = performance.now() - started;
  const sub = await subscriber(hub.mqttUrl, ['bimmer/#', 'homeassistant/#']);
  await sub.until(() => sub.last.has(BATTERY_TOPIC));
  const firstField = performance.now() - started;
  await sub.until(
    () =>
      sub.last.has(`homeassistant/device/bimmer_${VIN}/config`) &&
      sub.last.has('bimmer/WBASIMCARDATA0002/state'),
  );
  const allReady = performance.now() - started;
  await sub.close();
  await hub.stop();
  return {
    startHubResolvedMs: Math.round(listening),
    firstFieldTopicMs: Math.round(firstField),
    bothVehiclesAndDiscoveryMs: Math.round(allReady),
  };
}

function message(i, base) {
  const timestamp = new Date(base + i).toISOString();
  return {
    vin: VIN,
    topic: VIN,
    timestamp,
    data: {
      'vehicle.drivetrain.batteryManagement.header': { value: i % 100, timestamp },
      'vehicle.body.trunk.isOpen': { value: i % 2 === 0, timestamp },
      'vehicle.drivetrain.electricEngine.kombiRemainingElectricRange': { value: 100 + (i % 300), timestamp },
    },
  };
}

async function publishAll(simulator, from, count, base) {
  for (let start = from; start < from + count; start += CHUNK) {
    const batch = [];
    for (let i = start; i < Math.min(from + count, start + CHUNK); i++) batch.push(message(i, base));
    const response = await fetch(`${simulator.url}/_simulator/cardata/publish`, {
      method: 'POST',
      body: JSON.stringify(batch),
    });
    if (!response.ok) throw new Error(`publish answered ${response.status}`);
    await response.arrayBuffer();
  }
}

async function flood() {
  const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-hub-bench-'));
  const demo = await openDemoLiveAccount({ stateDir, account: { budget: { readsPerVehiclePerDay: 0 } } });
  const hub = await startHub({ account: demo.account, httpPort: 0, mqttPort: 0, log: quiet });
  try {
    await hub.ready;
    const sub = await subscriber(hub.mqttUrl, [`bimmer/${VIN}/#`]);
    await sub.until(
      () =>
        (sub.last.get('bimmer/connection') ?? '').includes('connected') ||
        demo.account.connection.state === 'connected',
    );
    const base = Date.now() - 3_600_000;
    // Warm-up (JIT, first allocations), not measured.
    await publishAll(demo.simulator, 0, 1_000, base);
    await sub.until(() => JSON.parse(sub.last.get(BATTERY_TOPIC) ?? '{}').value === 999 % 100);
    const before = memory();
    const receivedBefore = sub.received;
    const started = performance.now();
    await publishAll(demo.simulator, 1_000, MESSAGES, base);
    const lastIndex = 1_000 + MESSAGES - 1;
    await sub.until(() => {
      const payload = sub.last.get(BATTERY_TOPIC);
      return payload !== undefined && JSON.parse(payload).at === new Date(base + lastIndex).toISOString();
    });
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const after = memory();
    // A second round of the same size: a leak grows again, a warmed-up process does not.
    const secondFrom = lastIndex + 1;
    await publishAll(demo.simulator, secondFrom, MESSAGES, base);
    await sub.until(() => {
      const payload = sub.last.get(BATTERY_TOPIC);
      return (
        payload !== undefined &&
        JSON.parse(payload).at === new Date(base + secondFrom + MESSAGES - 1).toISOString()
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const afterSecond = memory();
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    const states = Number(/^bimmer_hub_state_publishes_total (\d+)$/m.exec(metrics)?.[1]);
    await sub.close();
    return {
      messages: MESSAGES,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round(MESSAGES / seconds),
      mqttMessagesReceived: sub.received - receivedBefore,
      statePublishesTotal: states,
      memoryBefore: before,
      memoryAfter: after,
      memoryAfterSecondRound: afterSecond,
      rssGrowthMb: Math.round((after.rssMb - before.rssMb) * 10) / 10,
      heapGrowthMb: Math.round((after.heapUsedMb - before.heapUsedMb) * 10) / 10,
      secondRoundRssGrowthMb: Math.round((afterSecond.rssMb - after.rssMb) * 10) / 10,
      secondRoundHeapGrowthMb: Math.round((afterSecond.heapUsedMb - after.heapUsedMb) * 10) / 10,
    };
  } finally {
    await hub.stop();
    await demo.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

const result = { demo: await demoFirstTopics(), flood: await flood() };
console.log(JSON.stringify(result, null, 2));
process.exit(0);
