import { join } from 'node:path';
import { FileTokenStore } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import type { Simulator } from '@bimmer/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bimmerNodes,
  collect,
  eventually,
  firstReadsDone,
  flowNode,
  helper,
  TAB,
  type TestNode,
  temporaryUserDir,
  unloadFlows,
} from './support/node-red-harness';
import {
  BEV,
  CLIENT_ID,
  logInCarData,
  publish,
  restCalls,
  startTestSimulator,
  streamMessage,
} from './support/simulator';

const BATTERY = 'vehicle.drivetrain.batteryManagement.header';
const HV_STATUS = 'vehicle.drivetrain.electricEngine.charging.hvStatus';
const LATITUDE = 'vehicle.cabin.infotainment.navigation.currentLocation.latitude';
const LONGITUDE = 'vehicle.cabin.infotainment.navigation.currentLocation.longitude';
const HOOD = 'vehicle.body.hood.isOpen';

describe('bimmer-watch and bimmer-event over the CarData stream (simulator)', () => {
  let sim: Simulator;
  let userDir: { path: string; remove: () => Promise<void> };
  const tokenFile = () => join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json');

  beforeEach(async () => {
    sim = await startTestSimulator();
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
    await logInCarData(sim, tokenFile());
  });

  afterEach(async () => {
    await unloadFlows();
    await helper.stopServer();
    await sim.stop();
    await userDir.remove();
  });

  const account = {
    id: 'acct',
    type: 'bimmer-account',
    transport: 'cardata',
    clientId: CLIENT_ID,
    baseUrl: '',
    streamUrl: '',
    configVersion: 1,
  };
  const flowWith = (...nodes: Record<string, unknown>[]) => [
    TAB,
    { ...account, baseUrl: sim.url, streamUrl: sim.mqttUrl },
    ...nodes,
  ];
  async function connected(id: string): Promise<void> {
    const node = helper.getNode(id) as TestNode;
    await eventually(`${id} connected`, () =>
      (node.status.lastCall?.args[0] as { text?: string } | undefined)?.text?.startsWith('connected'),
    );
  }

  it('emits the whole vehicle, only the changed fields, or one field with its unit', async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'json',
          type: 'bimmer-watch',
          account: 'acct',
          output: 'json',
          configVersion: 1,
          wires: [['jsonOut']],
        }),
        flowNode({
          id: 'changes',
          type: 'bimmer-watch',
          account: 'acct',
          output: 'changes',
          configVersion: 1,
          wires: [['changesOut']],
        }),
        flowNode({
          id: 'field',
          type: 'bimmer-watch',
          account: 'acct',
          output: 'field',
          field: 'fuelAndBattery.remainingBatteryPercent',
          configVersion: 1,
          wires: [['fieldOut']],
        }),
        flowNode({ id: 'jsonOut', type: 'helper' }),
        flowNode({ id: 'changesOut', type: 'helper' }),
        flowNode({ id: 'fieldOut', type: 'helper' }),
      ),
    );
    await connected('field');
    await firstReadsDone('acct');
    const json = collect(helper.getNode('jsonOut') as TestNode, 2);
    const changes = collect(helper.getNode('changesOut') as TestNode, 2);
    const field = collect(helper.getNode('fieldOut') as TestNode, 1);
    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:00Z', { [BATTERY]: 48 }));
    await publish(sim, streamMessage(BEV, '2026-12-01T17:01:00Z', { [HOOD]: true }));

    const [fieldMessage] = await field;
    expect(fieldMessage).toMatchObject({
      topic: BEV,
      payload: 48,
      unit: '%',
      field: 'fuelAndBattery.remainingBatteryPercent',
      at: '2026-12-01T17:00:00Z',
      source: 'stream',
    });
    const [, secondChange] = await changes;
    expect(secondChange?.changed).toEqual(['doorsAndWindows.lids.hood']);
    expect(secondChange?.payload).toEqual({
      doorsAndWindows: { lids: [expect.objectContaining({ name: 'hood', state: 'OPEN' })] },
    });
    const [firstJson] = await json;
    expect((firstJson?.payload as { vin: string } | undefined)?.vin).toBe(BEV);
    expect(firstJson?.changed).toEqual(['fuelAndBattery.remainingBatteryPercent']);
  });

  it('emits the last known state once at start when asked to, restored with zero REST calls', async () => {
    // An earlier run of the account left its last known state beside the tokens.
    const earlier = await openCarDataLiveAccount({
      tokenStore: new FileTokenStore(tokenFile()),
      statePath: carDataStatePathFor(tokenFile()),
      apiBaseUrl: sim.url,
      loginBaseUrl: sim.url,
    });
    await earlier.refresh(undefined, { reason: 'test' });
    await earlier.stop();
    const before = (await restCalls(sim)).length;
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'start',
          type: 'bimmer-watch',
          account: 'acct',
          output: 'json',
          emitOnStart: true,
          configVersion: 1,
          wires: [['out']],
        }),
        flowNode({ id: 'out', type: 'helper' }),
      ),
    );
    const messages = await collect(helper.getNode('out') as TestNode, 2);
    expect(messages.map((message) => message.topic).sort()).toEqual([
      'WBASIMCARDATA0001',
      'WBASIMCARDATA0002',
    ]);
    expect(messages.every((message) => message.changed === undefined)).toBe(true);
    expect(messages.map((message) => message.source)).toEqual(['restored', 'restored']);
    await connected('start');
    expect((await restCalls(sim)).length).toBe(before);
  });

  it("emits core's derived events: the account's, and places and thresholds of each node's own settings", async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'events',
          type: 'bimmer-event',
          account: 'acct',
          types: ['charging-started', 'arrived', 'left', 'battery-below'],
          geofences: [{ name: 'home', lat: 48.177, lon: 11.556, radius: 200 }],
          batteryBelow: 20,
          configVersion: 1,
          wires: [['out']],
        }),
        // A second node on the same account with a place of its own.
        flowNode({
          id: 'office',
          type: 'bimmer-event',
          account: 'acct',
          types: ['arrived', 'left'],
          geofences: [{ name: 'office', lat: '48.2', lon: '11.7', radius: '500' }],
          configVersion: 1,
          wires: [['officeOut']],
        }),
        flowNode({ id: 'out', type: 'helper' }),
        flowNode({ id: 'officeOut', type: 'helper' }),
      ),
    );
    await connected('events');
    // The first REST read places the car in Berlin: where watching starts, not an event.
    await firstReadsDone('acct');
    const received = collect(helper.getNode('out') as TestNode, 5);
    const office = collect(helper.getNode('officeOut') as TestNode, 2);
    await publish(
      sim,
      streamMessage(BEV, '2026-12-01T17:00:00Z', {
        [HV_STATUS]: 'NOT_CHARGING',
        [BATTERY]: 25,
        [LATITUDE]: 48.1771,
        [LONGITUDE]: 11.5561,
      }),
    );
    await publish(sim, streamMessage(BEV, '2026-12-01T17:05:00Z', { [HV_STATUS]: 'CHARGING' }));
    // A late message (older than what is held) must not cause an event.
    await publish(
      sim,
      streamMessage(BEV, '2026-12-01T16:00:00Z', { [LATITUDE]: 48.3, [LONGITUDE]: 11.9, [BATTERY]: 5 }),
    );
    await publish(
      sim,
      streamMessage(BEV, '2026-12-01T18:00:00Z', { [LATITUDE]: 48.2, [LONGITUDE]: 11.7, [BATTERY]: 19 }),
    );
    await publish(
      sim,
      streamMessage(BEV, '2026-12-01T19:00:00Z', { [LATITUDE]: 48.177, [LONGITUDE]: 11.556 }),
    );
    const messages = await received;
    const location = 'vehicleLocation.location';
    expect(messages.map((message) => message.payload)).toEqual([
      {
        type: 'arrived',
        vin: BEV,
        at: '2026-12-01T17:00:00.000Z',
        detail: { field: location, geofence: 'home' },
      },
      {
        type: 'charging-started',
        vin: BEV,
        at: '2026-12-01T17:05:00.000Z',
        detail: { field: 'fuelAndBattery.chargingStatus', state: 'CHARGING', percent: 25 },
      },
      {
        type: 'left',
        vin: BEV,
        at: '2026-12-01T18:00:00.000Z',
        detail: { field: location, geofence: 'home' },
      },
      {
        type: 'battery-below',
        vin: BEV,
        at: '2026-12-01T18:00:00.000Z',
        detail: { field: 'fuelAndBattery.remainingBatteryPercent', percent: 19, threshold: 20 },
      },
      {
        type: 'arrived',
        vin: BEV,
        at: '2026-12-01T19:00:00.000Z',
        detail: { field: location, geofence: 'home' },
      },
    ]);
    expect(messages.every((message) => message.topic === BEV)).toBe(true);
    expect((await office).map((message) => message.payload)).toEqual([
      {
        type: 'arrived',
        vin: BEV,
        at: '2026-12-01T18:00:00.000Z',
        detail: { field: location, geofence: 'office' },
      },
      {
        type: 'left',
        vin: BEV,
        at: '2026-12-01T19:00:00.000Z',
        detail: { field: location, geofence: 'office' },
      },
    ]);
  });

  it('reports a door left open after the chosen minutes, on top of the lid-opened event', async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'doors',
          type: 'bimmer-event',
          account: 'acct',
          types: ['door-left-open', 'lid-opened'],
          doorOpenMinutes: 0.01,
          configVersion: 1,
          wires: [['out']],
        }),
        flowNode({ id: 'out', type: 'helper' }),
      ),
    );
    await connected('doors');
    await firstReadsDone('acct');
    const received = collect(helper.getNode('out') as TestNode, 2);
    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:00Z', { [HOOD]: true }));
    const [opened, leftOpen] = await received;
    expect(opened?.payload).toMatchObject({ type: 'lid-opened', vin: BEV, detail: { lid: 'hood' } });
    expect(leftOpen?.payload).toEqual({
      type: 'door-left-open',
      vin: BEV,
      at: '2026-12-01T17:00:00.000Z',
      detail: { minutes: 0.01, lids: ['hood'] },
    });
  });

  it('tells nothing once the door is closed again within the minutes', async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'doors',
          type: 'bimmer-event',
          account: 'acct',
          types: ['door-left-open', 'lid-closed'],
          doorOpenMinutes: 0.05,
          configVersion: 1,
          wires: [['out']],
        }),
        flowNode({ id: 'out', type: 'helper' }),
      ),
    );
    await connected('doors');
    await firstReadsDone('acct');
    const out = helper.getNode('out') as TestNode;
    const types: string[] = [];
    out.on('input', ((message: { payload: { type: string } }) => types.push(message.payload.type)) as never);
    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:00Z', { [HOOD]: true }));
    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:10Z', { [HOOD]: false }));
    await eventually('the lid-closed event', () => (types.includes('lid-closed') ? true : undefined));
    // Past the 3 s of the rule: the timer was cancelled.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(types).toEqual(['lid-closed']);
  });

  it('refuses event settings it cannot use, with the typed validation code', async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'bad',
          type: 'bimmer-event',
          account: 'acct',
          types: ['arrived'],
          geofences: [{ name: 'home', lat: 'north', lon: 11, radius: 100 }],
          configVersion: 1,
        }),
      ),
    );
    const node = helper.getNode('bad') as TestNode & { error: { lastCall?: { args: unknown[] } } };
    await eventually('the error', () => node.error.lastCall);
    expect((node.error.lastCall?.args[0] as { code: string } | undefined)?.code).toBe('validation');
  });

  it('refuses a chosen event that lacks its setting, naming the setting', async () => {
    await helper.load(
      bimmerNodes,
      flowWith(
        flowNode({
          id: 'noThreshold',
          type: 'bimmer-event',
          account: 'acct',
          types: ['battery-below'],
          batteryBelow: '',
          configVersion: 1,
        }),
        flowNode({
          id: 'tooHigh',
          type: 'bimmer-event',
          account: 'acct',
          types: ['battery-above'],
          batteryAbove: 120,
          configVersion: 1,
        }),
      ),
    );
    const node = helper.getNode('noThreshold') as TestNode & {
      error: { getCalls(): { args: unknown[] }[] };
    };
    const errors = await eventually('both errors', () => {
      const found = node.error.getCalls().map((call) => call.args[0] as { code: string; message: string });
      return found.length >= 2 ? found : undefined;
    });
    expect(errors.map((error) => error.code)).toEqual(['validation', 'validation']);
    expect(errors.map((error) => error.message).sort()).toEqual([
      'Enter the percentage for "battery-below".',
      'batteryAbove must be a number from 0 to 100.',
    ]);
  });
});
