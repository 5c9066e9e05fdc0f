import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountNode } from '../src/nodes/account-node';
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
  approve,
  BEV,
  CLIENT_ID,
  carDataState,
  logInCarData,
  publish,
  startTestSimulator,
  streamMessage,
} from './support/simulator';

interface LoginAnswer {
  status: number;
  body: Record<string, unknown>;
}

describe('bimmer-account: login from the editor, files under the user directory, one account across deploys', () => {
  let sim: Simulator;
  let userDir: { path: string; remove: () => Promise<void> };
  const comms: { topic: string; data: Record<string, unknown> }[] = [];
  const onComms = (message: { topic: string; data: Record<string, unknown> }) => comms.push(message);

  beforeEach(async () => {
    sim = await startTestSimulator();
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
    comms.length = 0;
    (helper as unknown as { _events: { on(e: string, l: unknown): void } })._events.on('comms', onComms);
  });

  afterEach(async () => {
    (
      helper as unknown as { _events: { removeListener(e: string, l: unknown): void } }
    )._events.removeListener('comms', onComms);
    await unloadFlows();
    await helper.stopServer();
    await sim.stop();
    await userDir.remove();
  });

  const account = (overrides: Record<string, unknown> = {}) => ({
    id: 'acct',
    type: 'bimmer-account',
    transport: 'cardata',
    clientId: CLIENT_ID,
    baseUrl: sim.url,
    streamUrl: sim.mqttUrl,
    configVersion: 1,
    ...overrides,
  });
  const tokenFile = () => join(userDir.path, 'bimmer', 'acct', 'cardata-tokens.json');
  const statusText = (node: TestNode) =>
    (node.status.lastCall?.args[0] as { text?: string } | undefined)?.text;

  async function post(path: string, body: unknown): Promise<LoginAnswer> {
    const answer = await helper.request().post(path).send(body);
    return { status: answer.status, body: answer.body as Record<string, unknown> };
  }
  async function get(path: string): Promise<LoginAnswer> {
    const answer = await helper.request().get(path);
    return { status: answer.status, body: answer.body as Record<string, unknown> };
  }

  it('logs an undeployed account in through the admin endpoints, with progress over comms', async () => {
    await helper.load(bimmerNodes, [TAB]);
    expect((await get('/bimmer/accounts/acct/login')).body).toEqual({ state: 'none' });
    const started = await post('/bimmer/accounts/acct/login', {
      transport: 'cardata',
      clientId: CLIENT_ID,
      baseUrl: sim.url,
    });
    expect(started.status).toBe(200);
    expect(Object.keys(started.body).sort()).toEqual([
      'expiresAt',
      'userCode',
      'verificationUri',
      'verificationUriComplete',
    ]);
    expect(started.body.verificationUriComplete).toContain(String(started.body.userCode));
    expect(Date.parse(String(started.body.expiresAt))).toBeGreaterThan(Date.now());
    expect((await get('/bimmer/accounts/acct/login')).body.state).toBe('pending');
    const qr = await get('/bimmer/accounts/acct/login/qr');
    expect(String(qr.body.svg)).toMatch(/^<svg/);

    expect(await approve(sim, String(started.body.userCode))).toBe(1);
    await eventually(
      'approved',
      async () => (await get('/bimmer/accounts/acct/login')).body.state === 'approved',
    );
    expect(
      comms.some((message) => message.topic === 'bimmer/login/acct' && message.data.state === 'approved'),
    ).toBe(true);
    expect(comms.some((message) => message.data.userCode === started.body.userCode)).toBe(true);

    const file = await stat(tokenFile());
    expect(file.mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(tokenFile(), 'utf8'))).toMatchObject({ kind: 'cardata' });

    // Deleted in the editor before it was ever deployed: the login goes at once.
    const deleted = await helper.request().delete('/bimmer/accounts/acct');
    expect(deleted.body).toEqual({ deleted: true });
    expect(existsSync(join(userDir.path, 'bimmer', 'acct'))).toBe(false);
  });

  it('reports a denied login as denied, and refuses a login without a client ID with the typed code', async () => {
    await helper.load(bimmerNodes, [TAB]);
    const refused = await post('/bimmer/accounts/acct/login', { transport: 'cardata', baseUrl: sim.url });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation');
    const traversal = await post('/bimmer/accounts/..%2Fevil/login', {
      transport: 'cardata',
      clientId: CLIENT_ID,
    });
    expect(traversal.status).toBe(400);

    await post('/bimmer/accounts/acct/login', {
      transport: 'cardata',
      clientId: CLIENT_ID,
      baseUrl: sim.url,
    });
    await fetch(`${sim.url}/_simulator/cardata/deny`, { method: 'POST', body: '{}' });
    const denied = await eventually('denied', async () => {
      const answer = await get('/bimmer/accounts/acct/login');
      return answer.body.state === 'denied' ? answer.body : undefined;
    });
    expect((denied.error as { code: string }).code).toBe('auth');
    expect(existsSync(tokenFile())).toBe(false);
  });

  it('opens the deployed account as soon as the login from the editor is approved', async () => {
    await helper.load(bimmerNodes, [
      TAB,
      account(),
      flowNode({ id: 'watch', type: 'bimmer-watch', account: 'acct', output: 'json', configVersion: 1 }),
    ]);
    const watch = helper.getNode('watch') as TestNode;
    await eventually('login needed', () => statusText(watch) === 'login needed');
    const started = await post('/bimmer/accounts/acct/login', {});
    expect(started.status).toBe(200);
    await approve(sim);
    await eventually('connected', () => statusText(watch)?.startsWith('connected'));
  });

  it('keeps one live account and stream across a full deploy that leaves the account unchanged', async () => {
    await logInCarData(sim, tokenFile());
    const flow = [
      TAB,
      account(),
      flowNode({ id: 'watch', type: 'bimmer-watch', account: 'acct', output: 'json', configVersion: 1 }),
    ];
    await helper.load(bimmerNodes, flow);
    const first = (helper.getNode('acct') as unknown as AccountNode).bimmerAccount;
    await eventually('connected', () =>
      statusText(helper.getNode('watch') as TestNode)?.startsWith('connected'),
    );
    const states: string[] = [];
    first?.on('connection', (connection) => states.push(connection.state));

    const more = [
      ...flow,
      flowNode({ id: 'vehicle', type: 'bimmer-vehicle', account: 'acct', configVersion: 1 }),
      flowNode({ id: 'watch2', type: 'bimmer-watch', account: 'acct', output: 'field', configVersion: 1 }),
    ];
    await helper.setFlows(more, 'full');
    const second = (helper.getNode('acct') as unknown as AccountNode).bimmerAccount;
    expect(second).toBe(first);
    await publish(
      sim,
      streamMessage(BEV, '2026-12-01T18:00:00Z', { 'vehicle.drivetrain.batteryManagement.header': 61 }),
    );
    await eventually('the change through the kept stream', () =>
      second?.account?.getVehicle(BEV)?.snapshot.fuelAndBattery?.remainingBatteryPercent === 61
        ? true
        : undefined,
    );
    expect(states).toEqual([]);
    expect((await carDataState(sim)).kicks).toBe(0);

    // A changed account starts a new live account; the old one stops first (BMW allows one stream).
    await helper.setFlows([TAB, account({ staleMinutes: 30 }), ...more.slice(2)], 'full');
    const third = (helper.getNode('acct') as unknown as AccountNode).bimmerAccount;
    expect(third).not.toBe(first);
    await first?.settled();
    expect(first?.view.phase).toBe('stopped');
    await eventually('connected again', () =>
      third?.view.connection?.state === 'connected' ? true : undefined,
    );
    expect((await carDataState(sim)).kicks).toBe(0);
  });

  it('deletes the login and state when the account node is deleted, and never before', async () => {
    await logInCarData(sim, tokenFile());
    await helper.load(bimmerNodes, [TAB, account()]);
    await eventually('open', () =>
      (helper.getNode('acct') as unknown as AccountNode).bimmerAccount?.view.phase === 'open'
        ? true
        : undefined,
    );
    await helper.setFlows([TAB, account({ name: 'renamed' })], 'full');
    expect(existsSync(tokenFile())).toBe(true);
    // Deleted in the editor but not deployed yet: the files stay until the deploy.
    expect((await helper.request().delete('/bimmer/accounts/acct')).body).toEqual({
      deleted: false,
      reason: 'deployed',
    });
    expect(existsSync(tokenFile())).toBe(true);
    expect((await get('/bimmer/accounts/acct/login')).body.state).toBe('approved');
    await helper.setFlows([TAB], 'full');
    await eventually('the folder to be gone', () =>
      existsSync(join(userDir.path, 'bimmer', 'acct')) ? undefined : true,
    );
  });

  it('reuses a login of the bimmer CLI through tokenFile, and leaves that file alone on delete', async () => {
    const cliTokens = join(userDir.path, 'cli', 'cardata.json');
    await logInCarData(sim, cliTokens);
    await helper.load(bimmerNodes, [TAB, account({ tokenFile: cliTokens })]);
    await eventually('open', () =>
      (helper.getNode('acct') as unknown as AccountNode).bimmerAccount?.view.phase === 'open'
        ? true
        : undefined,
    );
    await helper.setFlows([TAB], 'full');
    expect(existsSync(cliTokens)).toBe(true);
  });

  it('refuses invalid settings with the typed validation code on the dependent nodes', async () => {
    await helper.load(bimmerNodes, [
      TAB,
      account({ transport: 'teleport' }),
      flowNode({ id: 'vehicle', type: 'bimmer-vehicle', account: 'acct', configVersion: 1, wires: [] }),
      flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] }),
      flowNode({ id: 'errors', type: 'helper' }),
    ]);
    const errors = helper.getNode('errors') as TestNode;
    const received = new Promise<Record<string, unknown>>((resolve) => errors.on('input', resolve as never));
    (helper.getNode('vehicle') as TestNode).receive({ payload: 1 });
    expect(((await received).error as { code: string }).code).toBe('validation');
    expect(statusText(helper.getNode('vehicle') as TestNode)).toBe('check account');
  });
});
