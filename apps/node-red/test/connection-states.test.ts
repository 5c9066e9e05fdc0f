import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bimmerNodes,
  eventually,
  flowNode,
  helper,
  liveAccountOf,
  TAB,
  type TestNode,
  temporaryUserDir,
  unloadFlows,
} from './support/node-red-harness';
import { CLIENT_ID, carDataState, control, logInCarData, startTestSimulator } from './support/simulator';

/**
 * The node statuses follow the CarData live account's own connection states: `kicked` when another
 * program takes the account's one stream, `login needed` when BMW no longer accepts the login.
 */
describe('connection states of the CarData live account on the canvas (simulator)', () => {
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

  const flow = () => [
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
    flowNode({ id: 'watch', type: 'bimmer-watch', account: 'acct', output: 'json', configVersion: 1 }),
  ];
  const texts = (node: TestNode) =>
    node.status.getCalls().map((call) => (call.args[0] as { text?: string } | undefined)?.text ?? '');

  it('shows "kicked" when another program takes the stream, with the hub as the fix, then connects again', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await helper.load(bimmerNodes, flow());
    const watch = helper.getNode('watch') as TestNode;
    await eventually('connected', () => texts(watch).at(-1)?.startsWith('connected'));

    const seen: { state: string; reason?: string | undefined }[] = [];
    liveAccountOf('acct')?.on('connection', (connection) => seen.push(connection));

    // Another program logs in to the same account and connects to BMW's stream.
    const other = await logInCarData(sim, join(userDir.path, 'other-program.json'));
    const intruder = mqtt.connect(sim.mqttUrl ?? '', {
      username: other.gcid,
      password: other.idToken,
      reconnectPeriod: 0,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        intruder.once('connect', () => resolve());
        intruder.once('error', reject);
      });
      await eventually('kicked', () => texts(watch).some((text) => text.startsWith('kicked')) || undefined);
      expect(seen.find((connection) => connection.state === 'kicked')?.reason).toContain('bimmer hub');
      expect((await carDataState(sim)).kicks).toBeGreaterThanOrEqual(1);
    } finally {
      intruder.end(true);
    }
    // The account backs off and takes the stream back.
    await eventually('connected again', () => texts(watch).at(-1)?.startsWith('connected'), 30_000);
    const status = (await helper.request().get('/bimmer/accounts/acct/status')).body as {
      connection: { state: string };
    };
    expect(status.connection.state).toBe('connected');
  });

  it('shows "login needed" when BMW revokes the login, and the editor offers to log in again', async () => {
    await logInCarData(sim, join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json'));
    await helper.load(bimmerNodes, flow());
    const watch = helper.getNode('watch') as TestNode;
    await eventually('connected', () => texts(watch).at(-1)?.startsWith('connected'));
    expect((await helper.request().get('/bimmer/accounts/acct/login')).body).toEqual({ state: 'approved' });

    await control(sim, 'POST', '/_simulator/cardata/revoke', {});
    await eventually('login needed', () => texts(watch).at(-1) === 'login needed', 30_000);
    const connection = liveAccountOf('acct')?.connection;
    expect(connection).toMatchObject({ state: 'failed', code: 'auth' });
    expect(connection?.reason).toMatch(/log in again/);
    const login = (await helper.request().get('/bimmer/accounts/acct/login')).body as {
      state: string;
      error: { code: string };
    };
    expect(login.state).toBe('failed');
    expect(login.error.code).toBe('auth');
  });
});
