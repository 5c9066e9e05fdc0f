// The hub transport in a real Node-RED runtime: the account node reads through a real `bimmer hub`
// (`startHub` on the simulator, with an API key), beside another hub client, while BMW (the
// simulator) sees exactly one stream connection: the hub's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveAccount } from '@bimmer/core';
import { type Hub, openHubAccount, startHub } from '@bimmer/hub';
import type { Simulator } from '@bimmer/simulator';
import { startSimulator } from '@bimmer/simulator';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bimmerNodes,
  collect,
  eventually,
  flowNode,
  helper,
  liveAccountOf,
  TAB,
  type TestNode,
  temporaryUserDir,
  unloadFlows,
} from './support/node-red-harness';
import { BEV, control, logInCarData, publish, restCalls, streamMessage } from './support/simulator';

const BATTERY = 'vehicle.drivetrain.batteryManagement.header';
/** The hub's API key (16+ characters); Node-RED keeps it in the account node's credentials. */
const API_KEY = 'node-red-reads-the-hub-0001';

/** BMW's stream broker as the simulator counts it. */
async function streamState(sim: Simulator): Promise<{ streamLogins: number; kicks: number }> {
  return (await control(sim, 'GET', '/_simulator/cardata/state')) as { streamLogins: number; kicks: number };
}

/**
 * Waits until the hub's retained JSON form of `vin` (what a client that connects now receives
 * first) carries the values of the hub's REST reads: the hub publishes it at most once a second, and
 * a client that connects within that second is handed the form from before the reads.
 */
async function retainedStateCurrent(hub: Hub, vin: string): Promise<void> {
  const client = await mqtt.connectAsync(hub.mqttUrl, { reconnectPeriod: 0 });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The hub's retained state of ${vin} stayed old.`)),
        10_000,
      );
      client.on('message', (_topic, payload) => {
        const json = JSON.parse(payload.toString()) as { mileage?: unknown };
        if (json.mileage === undefined) return;
        clearTimeout(timer);
        resolve();
      });
      client.subscribeAsync(`bimmer/${vin}/state`).catch(reject);
    });
  } finally {
    await client.endAsync(true);
  }
}

function statusText(node: TestNode): string | undefined {
  return (node.status.lastCall?.args[0] as { text?: string } | undefined)?.text;
}

function battery(message: Record<string, unknown> | undefined): number | undefined {
  return (message?.payload as { fuelAndBattery?: { remainingBatteryPercent?: number } } | undefined)
    ?.fuelAndBattery?.remainingBatteryPercent;
}

describe('the hub transport (a real bimmer hub on the simulator)', () => {
  let sim: Simulator;
  let folder: string;
  let hub: Hub;
  let other: LiveAccount;
  const hubLog: string[] = [];
  let userDir: { path: string; remove: () => Promise<void> };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fingerprints: [] });
    await control(sim, 'POST', '/_simulator/cardata/config', { pollIntervalSeconds: 0.01 });
    folder = await mkdtemp(join(tmpdir(), 'bimmer-node-red-hub-'));
    const tokenFile = join(folder, 'cardata.json');
    await logInCarData(sim, tokenFile);
    hub = await startHub({
      tokenFile,
      baseUrl: sim.url,
      streamUrl: sim.mqttUrl,
      httpPort: 0,
      mqttPort: 0,
      apiKey: API_KEY,
      log: { info: (line) => hubLog.push(line), warn: (line) => hubLog.push(`warning: ${line}`) },
    });
    await hub.ready;
    // The hub's own first reads (its budget policy), so what follows costs exactly what it says.
    await eventually(
      "the hub's first reads",
      () =>
        hub.account?.connection.state === 'connected' &&
        hub.account.vehicles.filter((vehicle) => vehicle.snapshot.mileage !== undefined).length === 2,
      30_000,
    );
    // Another program of the house reading through the same hub.
    other = await openHubAccount({ url: hub.httpUrl, apiKey: API_KEY });
    await other.start();
    await eventually('the other hub client', () => other.connection.state === 'connected');
    await retainedStateCurrent(hub, BEV);
  });

  afterAll(async () => {
    await other?.stop();
    await hub?.stop();
    await sim?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  beforeEach(async () => {
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
  });

  afterEach(async () => {
    await unloadFlows();
    await helper.stopServer();
    await userDir.remove();
  });

  const flow = (key = API_KEY) => ({
    nodes: [
      TAB,
      {
        id: 'acct',
        type: 'bimmer-account',
        transport: 'hub',
        hubUrl: hub.httpUrl,
        configVersion: 1,
      },
      flowNode({
        id: 'vehicle',
        type: 'bimmer-vehicle',
        account: 'acct',
        vin: BEV,
        configVersion: 1,
        wires: [['out']],
      }),
      flowNode({
        id: 'watch',
        type: 'bimmer-watch',
        account: 'acct',
        vin: BEV,
        output: 'json',
        configVersion: 1,
        wires: [['watched']],
      }),
      flowNode({
        id: 'remote',
        type: 'bimmer-remote',
        account: 'acct',
        vin: BEV,
        command: 'lock',
        configVersion: 1,
      }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['errors']] }),
      flowNode({ id: 'out', type: 'helper' }),
      flowNode({ id: 'watched', type: 'helper' }),
      flowNode({ id: 'errors', type: 'helper' }),
    ],
    credentials: { acct: { hubApiKey: key } },
  });

  it('reads through the hub: its values, its BMW stream and its budget, with one BMW stream connection', async () => {
    const { nodes, credentials } = flow();
    await helper.load(bimmerNodes, nodes, credentials);
    const vehicle = helper.getNode('vehicle') as TestNode;
    // The status is the hub's: its BMW stream (connected) and its shared budget.
    const budget = hub.account?.budget;
    const status = await eventually('the hub account to connect', () => {
      const text = statusText(vehicle);
      return text?.startsWith('connected') && text.includes(`q ${budget?.left}/${budget?.limit}`)
        ? text
        : undefined;
    });
    expect(status).toMatch(/^connected · .*q \d+\/50/);
    expect(liveAccountOf('acct')?.kind).toBe('hub');

    // What the hub holds, at once and with no REST call.
    const restBefore = (await restCalls(sim)).length;
    const snapshot = collect(helper.getNode('out') as TestNode, 1);
    vehicle.receive({ payload: 'go' });
    const [first] = await snapshot;
    expect(first?.topic).toBe(BEV);
    expect(battery(first)).toBe(
      hub.account?.getVehicle(BEV)?.snapshot.fuelAndBattery?.remainingBatteryPercent,
    );

    // A stream message reaches the node and the other hub client through the hub.
    const watched = collect(helper.getNode('watched') as TestNode, 1, 15_000);
    const otherSaw = new Promise<void>((resolve) => {
      const off = other.on('change', (change) => {
        if (change.vin === BEV && change.snapshot.fuelAndBattery?.remainingBatteryPercent === 57) {
          off();
          resolve();
        }
      });
    });
    await publish(sim, streamMessage(BEV, new Date().toISOString(), { [BATTERY]: 57 }));
    const [change] = await watched;
    expect(battery(change)).toBe(57);
    await otherSaw;
    const live = collect(helper.getNode('out') as TestNode, 1);
    vehicle.receive({ payload: 'again' });
    const [second] = await live;
    expect(battery(second)).toBe(57);
    expect(second?.source).toBe('stream');
    expect((await restCalls(sim)).length).toBe(restBefore);

    // BMW saw one stream connection for the hub, Node-RED and the other client together.
    const stream = await streamState(sim);
    expect(stream.streamLogins).toBe(1);
    expect(stream.kicks).toBe(0);
  });

  it("spends msg.refresh from the hub's one budget, which the status and the other client show", async () => {
    const { nodes, credentials } = flow();
    await helper.load(bimmerNodes, nodes, credentials);
    const vehicle = helper.getNode('vehicle') as TestNode;
    await eventually('the hub account to connect', () => statusText(vehicle)?.startsWith('connected'));
    const before = hub.account?.budget;
    if (before === undefined) throw new Error('the hub has no budget');
    const restBefore = (await restCalls(sim)).length;
    const otherSaw = new Promise<number>((resolve) => {
      const off = other.on('budget', (budget) => {
        if (budget.used > before.used) {
          off();
          resolve(budget.used);
        }
      });
    });
    const received = collect(helper.getNode('out') as TestNode, 1);
    vehicle.receive({ payload: 'go', refresh: true });
    const [message] = await received;
    expect(message?.source).toBe('rest');
    expect(message?.topic).toBe(BEV);
    // One REST call to BMW, spent from the hub's ledger, seen by every client of the hub.
    expect((await restCalls(sim)).length - restBefore).toBe(1);
    expect(hub.account?.budget?.used).toBe(before.used + 1);
    expect(await otherSaw).toBe(before.used + 1);
    await eventually('the spent call in the status', () =>
      statusText(vehicle)?.includes(`q ${before.left - 1}/${before.limit}`),
    );
    expect((await streamState(sim)).streamLogins).toBe(1);
  });

  it('refuses remote commands through the hub with the typed code, sending nothing', async () => {
    const { nodes, credentials } = flow();
    await helper.load(bimmerNodes, nodes, credentials);
    await eventually('the hub account to connect', () =>
      statusText(helper.getNode('vehicle') as TestNode)?.startsWith('connected'),
    );
    const restBefore = (await restCalls(sim)).length;
    const errors = collect(helper.getNode('errors') as TestNode, 1);
    (helper.getNode('remote') as TestNode).receive({ payload: 'go' });
    const [message] = await errors;
    expect((message?.error as { code?: string } | undefined)?.code).toBe('unsupported');
    expect((message?.error as { message?: string } | undefined)?.message).toContain('bimmer hub');
    expect((await restCalls(sim)).length).toBe(restBefore);
  });

  it('says "login needed" with the typed auth code when the hub refuses the API key', async () => {
    const { nodes, credentials } = flow('not-the-key-of-this-hub');
    await helper.load(bimmerNodes, nodes, credentials);
    const vehicle = helper.getNode('vehicle') as TestNode;
    await eventually('login needed', () => statusText(vehicle) === 'login needed');
    const errors = collect(helper.getNode('errors') as TestNode, 1);
    vehicle.receive({ payload: 'go' });
    const [message] = await errors;
    expect((message?.error as { code?: string } | undefined)?.code).toBe('auth');
    // The key never reaches a message or the hub's log.
    expect(JSON.stringify(message)).not.toContain('not-the-key-of-this-hub');
    expect(hubLog.join('\n')).not.toContain(API_KEY);
  });
});
