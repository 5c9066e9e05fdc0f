import { join } from 'node:path';
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
  control,
  logInCarData,
  publish,
  restCalls,
  startTestSimulator,
  streamMessage,
} from './support/simulator';

const BATTERY = 'vehicle.drivetrain.batteryManagement.header';

describe('bimmer-vehicle over CarData (simulator)', () => {
  let sim: Simulator;
  let userDir: { path: string; remove: () => Promise<void> };

  beforeEach(async () => {
    sim = await startTestSimulator();
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
  });

  afterEach(async () => {
    await unloadFlows();
    await helper.stopServer();
    await sim.stop();
    await userDir.remove();
  });

  function flow(vehicle: Record<string, unknown> = {}) {
    return [
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
        ...vehicle,
      }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['errors']] }),
      flowNode({ id: 'out', type: 'helper' }),
      flowNode({ id: 'errors', type: 'helper' }),
    ];
  }

  it('emits the live snapshot from the stream with field times, spending no call', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await helper.load(bimmerNodes, flow());
    const vehicle = helper.getNode('vehicle') as TestNode;
    await eventually('the vehicle node to show connected', () =>
      String(
        vehicle.status.lastCall?.args[0] && (vehicle.status.lastCall.args[0] as { text?: string }).text,
      ).startsWith('connected'),
    );
    await firstReadsDone('acct');
    const before = (await restCalls(sim)).length;
    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:00Z', { [BATTERY]: 57 }));
    const out = helper.getNode('out') as TestNode;
    await eventually('the stream value', async () => {
      const received = collect(out, 1, 2_000);
      vehicle.receive({ payload: 'go' });
      const [message] = await received;
      const payload = message?.payload as { fuelAndBattery?: { remainingBatteryPercent?: number } };
      return payload.fuelAndBattery?.remainingBatteryPercent === 57 ? message : undefined;
    });
    const received = collect(out, 1);
    vehicle.receive({ payload: 'again' });
    const [message] = await received;
    expect(message?.topic).toBe(BEV);
    expect(message?.source).toBe('stream');
    expect(
      (message?.fieldTimes as Record<string, { at: string; channel: string }> | undefined)?.[
        'fuelAndBattery.remainingBatteryPercent'
      ],
    ).toMatchObject({
      at: '2026-12-01T17:00:00Z',
      channel: 'stream',
    });
    expect(message?.stale).toBe(true);
    expect(typeof message?.age).toBe('number');
    expect((await restCalls(sim)).length).toBe(before);
  });

  it('reads over REST with msg.refresh, spending one call, and shows the real budget', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await helper.load(bimmerNodes, flow());
    const vehicle = helper.getNode('vehicle') as TestNode;
    const out = helper.getNode('out') as TestNode;
    await eventually('the account to open', () =>
      (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text?.startsWith('connected'),
    );
    const account = await firstReadsDone('acct');
    const before = await restCalls(sim);
    const left = account.budget?.left ?? 0;
    const received = collect(out, 1);
    vehicle.receive({ payload: 'go', refresh: true });
    const [message] = await received;
    expect(message?.source).toBe('rest');
    expect(
      (message?.payload as { fuelAndBattery?: { remainingBatteryPercent?: number } } | undefined)
        ?.fuelAndBattery?.remainingBatteryPercent,
    ).toBe(64);
    const after = await restCalls(sim);
    expect(after.length - before.length).toBe(1);
    // The node status shows the account's own budget: the calls left of 50, then the time of the
    // next automatic REST read the policy plans.
    const status = await eventually('the spent call in the status', () => {
      const text = (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text;
      return text?.includes(`q ${left - 1}/50`) ? text : undefined;
    });
    expect(status).toMatch(/^connected · \d\d:\d\d · q \d+\/50 → \d\d:\d\d$/);
    expect((account.budget as { lastRefresh?: { reason?: string } }).lastRefresh?.reason).toBe('flow');
  });

  it('refuses a REST read with the typed quota error, sending nothing, once BMW said the quota is used up', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await control(sim, 'POST', '/_simulator/cardata/config', { quotaLimit: 0 });
    await helper.load(bimmerNodes, flow());
    const vehicle = helper.getNode('vehicle') as TestNode;
    await eventually(
      'the account to open',
      () => (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text !== 'starting',
    );
    // BMW's 429 on the first read blocks the account's ledger: the status says so.
    await eventually('quota exhausted', () =>
      (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text?.startsWith(
        'quota exhausted',
      ),
    );
    const before = (await restCalls(sim)).length;
    const errors = collect(helper.getNode('errors') as TestNode, 1);
    vehicle.receive({ payload: 'go', refresh: true });
    const [message] = await errors;
    expect((message?.error as { code?: string } | undefined)?.code).toBe('quota');
    const retryAt = (message?.bimmerError as { retryAt?: string } | undefined)?.retryAt;
    expect(Date.parse(retryAt ?? '')).toBeGreaterThan(Date.now());
    // Refused by the account before anything was sent.
    expect((await restCalls(sim)).length).toBe(before);
  });

  it('tells the user to log in when no login is stored, with the typed auth code', async () => {
    await helper.load(bimmerNodes, flow());
    const vehicle = helper.getNode('vehicle') as TestNode;
    await eventually(
      'login needed',
      () => (vehicle.status.lastCall?.args[0] as { text?: string } | undefined)?.text === 'login needed',
    );
    const errors = collect(helper.getNode('errors') as TestNode, 1);
    vehicle.receive({ payload: 'go' });
    const [message] = await errors;
    expect((message?.error as { code?: string } | undefined)?.code).toBe('auth');
    expect((message?.error as { message?: string } | undefined)?.message).toContain('Log in with BMW');
  });

  it('answers not-found for a VIN that is not on the account', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await helper.load(bimmerNodes, flow({ vin: 'WBA00000000000000' }));
    const vehicle = helper.getNode('vehicle') as TestNode;
    const errors = collect(helper.getNode('errors') as TestNode, 1);
    vehicle.receive({ payload: 'go' });
    const [message] = await errors;
    expect((message?.error as { code?: string } | undefined)?.code).toBe('not-found');
  });
});
