import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { CLIENT_ID, logInCarData, restCalls, startTestSimulator } from './support/simulator';

/** The demo's MyBMW car (an i5), which supports every remote service the tests send. */
const I5 = 'WBA00000BIMMER001';
/** The demo's CarData car, which lives through a commuter's day on the stream. */
const DEMO_CAR = 'WBASIMCARDATA0001';

describe('bimmer-remote', () => {
  let userDir: { path: string; remove: () => Promise<void> };

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

  const statusTexts = (node: TestNode) =>
    node.status.getCalls().map((call) => (call.args[0] as { text?: string } | undefined)?.text ?? '');

  it("sends commands to the demo fleet's MyBMW car, whose change every node sees, while the demo car streams its day", async () => {
    await helper.load(bimmerNodes, [
      TAB,
      { id: 'demoAccount', type: 'bimmer-account', transport: 'demo', configVersion: 1 },
      flowNode({
        id: 'remote',
        type: 'bimmer-remote',
        account: 'demoAccount',
        vin: I5,
        command: 'lights',
        configVersion: 1,
        wires: [['out']],
      }),
      flowNode({
        id: 'i5-lock',
        type: 'bimmer-watch',
        account: 'demoAccount',
        vin: I5,
        output: 'field',
        field: 'doorsAndWindows.doorLockState',
        configVersion: 1,
        wires: [['i5-lock-out']],
      }),
      flowNode({
        id: 'watch',
        type: 'bimmer-watch',
        account: 'demoAccount',
        vin: DEMO_CAR,
        output: 'field',
        field: 'doorsAndWindows.doorLockState',
        configVersion: 1,
        wires: [['lock']],
      }),
      flowNode({
        id: 'events',
        type: 'bimmer-event',
        account: 'demoAccount',
        vin: DEMO_CAR,
        types: ['unlocked', 'locked'],
        configVersion: 1,
        wires: [['events-out']],
      }),
      flowNode({ id: 'out', type: 'helper' }),
      flowNode({ id: 'i5-lock-out', type: 'helper' }),
      flowNode({ id: 'lock', type: 'helper' }),
      flowNode({ id: 'events-out', type: 'helper' }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] }),
      flowNode({ id: 'errors', type: 'helper' }),
    ]);
    const remote = helper.getNode('remote') as TestNode;
    // The demo's stream is BMW CarData on the simulator, with a budget.
    await eventually('the demo account', () => statusTexts(remote).at(-1)?.startsWith('connected'), 30_000);
    expect(statusTexts(remote).at(-1)).toMatch(/q \d+\/50/);
    // One fleet: the CarData cars and the MyBMW car that takes the commands, known from the start.
    expect(liveAccountOf('demoAccount')?.vehicles.map((vehicle) => vehicle.vin)).toEqual([
      'WBASIMCARDATA0001',
      'WBASIMCARDATA0002',
      I5,
    ]);
    // The demo car unlocks and locks in its day, on the stream.
    const lockChanges = collect(helper.getNode('lock') as TestNode, 2, 30_000);
    const lockEvents = collect(helper.getNode('events-out') as TestNode, 2, 30_000);

    const out = helper.getNode('out') as TestNode;
    const flashed = collect(out, 1, 20_000);
    remote.receive({ payload: 'go' });
    const [lights] = await flashed;
    expect(lights?.payload).toMatchObject({ command: 'lights', vin: I5, state: 'EXECUTED' });
    expect(statusTexts(remote)).toEqual(
      expect.arrayContaining(['lights: sending', 'lights: PENDING', 'lights: EXECUTED']),
    );
    // The command's change reaches the watch node of the car it was sent to.
    const i5Lock = collect(helper.getNode('i5-lock-out') as TestNode, 1, 20_000);
    const unlocked = collect(out, 1, 20_000);
    remote.receive({ payload: { command: 'unlock' } });
    expect((await unlocked)[0]?.payload).toMatchObject({ command: 'unlock', vin: I5, state: 'EXECUTED' });
    expect((await i5Lock).map((message) => [message.topic, message.payload])).toEqual([[I5, 'UNLOCKED']]);
    expect(liveAccountOf('demoAccount')?.getVehicle(I5)?.snapshot.doorsAndWindows?.doorLockState).toBe(
      'UNLOCKED',
    );

    // A read of the MyBMW car goes to the fleet's MyBMW part.
    const [read] = (await liveAccountOf('demoAccount')?.refresh(I5, { reason: 'test' })) ?? [];
    expect(read).toMatchObject({ vin: I5, restored: false });

    // A CarData car of the demo is read-only, as CarData is: refused, nothing sent.
    const refused = collect(helper.getNode('errors') as TestNode, 1);
    remote.receive({ payload: { command: 'lock' }, vin: DEMO_CAR });
    const [error] = await refused;
    expect(error?.error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('read-only'),
    });

    // Unlocked, then locked again (SECURED: double-locked), in whichever part of its day the car is.
    expect((await lockChanges).map((message) => message.payload).sort()).toEqual(['SECURED', 'UNLOCKED']);
    expect((await lockEvents).map((message) => (message.payload as { type: string }).type).sort()).toEqual([
      'locked',
      'unlocked',
    ]);
  });

  it('refuses a command it cannot send with the typed validation code, before sending anything', async () => {
    await helper.load(bimmerNodes, [
      TAB,
      { id: 'demoAccount', type: 'bimmer-account', transport: 'demo', configVersion: 1 },
      flowNode({
        id: 'remote',
        type: 'bimmer-remote',
        account: 'demoAccount',
        vin: I5,
        command: 'lights',
        configVersion: 1,
      }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] }),
      flowNode({ id: 'errors', type: 'helper' }),
    ]);
    const errors = collect(helper.getNode('errors') as TestNode, 3);
    const remote = helper.getNode('remote') as TestNode;
    remote.receive({ payload: { command: 'self-destruct' } });
    remote.receive({ payload: { command: 'charging-settings' } });
    remote.receive({ payload: { command: 'send-poi', lat: 'here' } });
    const messages = await errors;
    expect(messages.map((message) => (message.error as { code: string }).code)).toEqual([
      'validation',
      'validation',
      'validation',
    ]);
  });

  describe('over CarData', () => {
    let sim: Simulator;
    beforeEach(async () => {
      sim = await startTestSimulator();
      await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    });
    afterEach(async () => {
      await sim.stop();
    });

    it('reports that CarData is read-only with the typed code, sends nothing and keeps running', async () => {
      await helper.load(bimmerNodes, [
        TAB,
        {
          id: 'acct',
          type: 'bimmer-account',
          transport: 'cardata',
          clientId: CLIENT_ID,
          baseUrl: sim.url,
          streamUrl: sim.mqttUrl,
          configVersion: 1,
        },
        flowNode({ id: 'remote', type: 'bimmer-remote', account: 'acct', command: 'lock', configVersion: 1 }),
        flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] }),
        flowNode({ id: 'errors', type: 'helper' }),
      ]);
      const before = (await restCalls(sim)).length;
      const errors = collect(helper.getNode('errors') as TestNode, 2);
      const remote = helper.getNode('remote') as TestNode;
      remote.receive({ payload: 'go' });
      remote.receive({ payload: { command: 'climate-start' } });
      const messages = await errors;
      expect(messages.map((message) => (message.error as { code: string }).code)).toEqual([
        'unsupported',
        'unsupported',
      ]);
      expect((messages[0]?.error as { message: string } | undefined)?.message).toContain('read-only');
      expect((await restCalls(sim)).length).toBe(before);
      expect((await helper.request().get('/bimmer/fields')).status).toBe(200);
    });
  });
});
