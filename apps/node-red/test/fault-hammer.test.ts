import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bimmerNodes,
  eventually,
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
  control,
  logInCarData,
  publish,
  startTestSimulator,
  streamMessage,
} from './support/simulator';

describe('faults from the simulator never reach the Node-RED runtime', () => {
  let sim: Simulator;
  let userDir: { path: string; remove: () => Promise<void> };
  const escaped: unknown[] = [];
  const onEscape = (reason: unknown) => escaped.push(reason);

  beforeEach(async () => {
    sim = await startTestSimulator();
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    escaped.length = 0;
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });

  afterEach(async () => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
    await unloadFlows();
    await helper.stopServer();
    await sim.stop();
    await userDir.remove();
  });

  it('answers every message with output or a typed error while REST, the stream and the login fail', async () => {
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
      flowNode({
        id: 'vehicle',
        type: 'bimmer-vehicle',
        account: 'acct',
        vin: BEV,
        configVersion: 1,
        wires: [['out']],
      }),
      flowNode({
        id: 'remote',
        type: 'bimmer-remote',
        account: 'acct',
        vin: BEV,
        command: 'lock',
        configVersion: 1,
        wires: [['out']],
      }),
      flowNode({
        id: 'watch',
        type: 'bimmer-watch',
        account: 'acct',
        output: 'changes',
        configVersion: 1,
        wires: [['watched']],
      }),
      flowNode({
        id: 'events',
        type: 'bimmer-event',
        account: 'acct',
        types: ['charging-started', 'battery-below'],
        batteryBelow: 30,
        configVersion: 1,
      }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] }),
      flowNode({ id: 'out', type: 'helper' }),
      flowNode({ id: 'watched', type: 'helper' }),
      flowNode({ id: 'errors', type: 'helper' }),
    ]);
    const vehicle = helper.getNode('vehicle') as TestNode;
    const remote = helper.getNode('remote') as TestNode;
    await eventually('connected', () =>
      (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text?.startsWith('connected'),
    );

    let outputs = 0;
    const codes: string[] = [];
    (helper.getNode('out') as TestNode).on('input', (() => outputs++) as never);
    (helper.getNode('errors') as TestNode).on('input', ((message: { error: { code: string } }) =>
      codes.push(message.error.code)) as never);

    await control(sim, 'POST', '/_simulator/faults', {
      specs: [
        '500@/customers*6',
        '429@/customers*4',
        'drop@/customers*3',
        'malformed@/customers*3',
        'truncated@/customers*2',
        'slow=300@/customers*3',
      ],
    });
    const sent = 40;
    for (let index = 0; index < sent; index++) {
      if (index % 4 === 3) remote.receive({ payload: 'go' });
      else vehicle.receive({ payload: index, refresh: index % 2 === 0 });
      if (index === 10) {
        await fetch(`${sim.url}/_simulator/cardata/publish?vin=${BEV}`, {
          method: 'POST',
          body: '{"data": not json',
        });
        await publish(
          sim,
          streamMessage(BEV, '2026-12-01T17:00:00Z', {
            'vehicle.drivetrain.batteryManagement.header': 'eighty',
          }),
        );
      }
      if (index === 20) await control(sim, 'POST', '/_simulator/cardata/disconnect', {});
      if (index === 30) await control(sim, 'POST', '/_simulator/cardata/revoke', {});
    }
    await eventually(
      'every message answered',
      () => (outputs + codes.length >= sent ? true : undefined),
      45_000,
    );
    expect(outputs + codes.length).toBe(sent);
    expect(codes.filter((code) => code === 'unsupported')).toHaveLength(10);
    // The faults reached the REST reads (BMW's 5xx, 429, dropped and malformed answers).
    expect(codes.filter((code) => code !== 'unsupported').length).toBeGreaterThan(0);
    const known = new Set(['api', 'quota', 'auth', 'unsupported', 'not-found', 'validation']);
    expect(codes.every((code) => known.has(code))).toBe(true);

    // The runtime and our admin endpoints are still up, and nothing escaped as an unhandled rejection.
    expect((await helper.request().get('/bimmer/fields')).status).toBe(200);
    expect((await helper.request().get('/bimmer/accounts/acct/status')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(escaped).toEqual([]);
  });
});
