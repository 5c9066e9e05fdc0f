/**
 * The `mybmw` transport in a real Node-RED runtime against the simulator's MyBMW side: the MyBMW
 * live account of @bimmer/mybmw behind the nodes (polling, state file, remote commands through it,
 * BMW's block), with no mock anywhere.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
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
import {
  control,
  I5,
  MYBMW_LOGIN,
  myBMWRequests,
  reportState,
  startMyBMWTestSimulator,
} from './support/simulator';

/** Where the remote commands are POSTed. */
const REMOTE_COMMANDS = '/eadrax-vrccs/v4/presentation/remote-commands/';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the mybmw transport', () => {
  let sim: Simulator;
  let userDir: { path: string; remove: () => Promise<void> };

  beforeEach(async () => {
    sim = await startMyBMWTestSimulator();
    userDir = await temporaryUserDir();
    // Remote commands ask for their progress every 50 ms instead of BMW app's 3.5 s.
    helper.settings({ userDir: userDir.path, bimmer: { remotePollIntervalMs: 50 } });
    await helper.startServer();
  });

  afterEach(async () => {
    await unloadFlows();
    await helper.stopServer();
    await sim.stop();
    await userDir.remove();
  });

  /** An account node on the simulator, polling every 0.6 s (± its jitter). */
  const account = {
    id: 'acct',
    type: 'bimmer-account',
    transport: 'mybmw',
    username: MYBMW_LOGIN.username,
    region: 'rest_of_world',
    baseUrl: '',
    pollMinutes: 0.01,
    configVersion: 1,
  };
  const credentials = () => ({
    acct: { password: MYBMW_LOGIN.password, captchaToken: MYBMW_LOGIN.captchaToken },
  });
  const batteryWatch = (emitOnStart: boolean) =>
    flowNode({
      id: 'battery',
      type: 'bimmer-watch',
      account: 'acct',
      vin: I5,
      output: 'field',
      field: 'fuelAndBattery.remainingBatteryPercent',
      emitOnStart,
      configVersion: 1,
      wires: [['battery-out']],
    });
  const lockWatch = flowNode({
    id: 'lock',
    type: 'bimmer-watch',
    account: 'acct',
    vin: I5,
    output: 'field',
    field: 'doorsAndWindows.doorLockState',
    configVersion: 1,
    wires: [['lock-out']],
  });
  const vehicleNode = flowNode({
    id: 'vehicle',
    type: 'bimmer-vehicle',
    account: 'acct',
    vin: I5,
    configVersion: 1,
    wires: [['vehicle-out']],
  });
  const helpers = ['battery-out', 'lock-out', 'vehicle-out', 'remote-out', 'errors'].map((id) =>
    flowNode({ id, type: 'helper' }),
  );
  const catcher = flowNode({ id: 'catcher', type: 'catch', scope: null, wires: [['errors']] });
  const node = (id: string) => helper.getNode(id) as TestNode;
  /** The calls of one node to a method the test helper spies on (its spies are shared by all nodes). */
  const callsOf = (id: string, method: 'status' | 'send' | 'warn') =>
    (node(id)[method] as { getCalls(): { thisValue: unknown; args: unknown[] }[] })
      .getCalls()
      .filter((call) => (call.thisValue as { id?: unknown } | undefined)?.id === id);
  const statusTexts = (id: string) =>
    callsOf(id, 'status').map((call) => (call.args[0] as { text?: string } | undefined)?.text ?? '');
  const loadWith = (settings: Record<string, unknown>, ...nodes: Record<string, unknown>[]) =>
    helper.load(
      bimmerNodes,
      [TAB, { ...account, baseUrl: sim.url, ...settings }, catcher, ...helpers, ...nodes],
      credentials(),
    );
  const load = (...nodes: Record<string, unknown>[]) => loadWith({}, ...nodes);
  const connected = (id: string) =>
    eventually(`${id} connected`, () => statusTexts(id).at(-1)?.startsWith('connected'), 20_000);

  it('watches the car: its first poll, then a change when the car reports new values; files 0600, no secret', async () => {
    await load(batteryWatch(false));
    const [first] = await collect(node('battery-out'), 1);
    expect(first).toMatchObject({ topic: I5, payload: 80, unit: '%', source: 'poll' });

    // The car reports a lower battery: the next poll brings it, dated by the car.
    const at = new Date(Date.now() - 60_000);
    const change = collect(node('battery-out'), 1);
    await reportState(sim, I5, { electricChargingState: { chargingLevelPercent: 55 } }, at);
    const [changed] = await change;
    expect(changed).toMatchObject({
      topic: I5,
      payload: 55,
      source: 'poll',
      changed: expect.arrayContaining(['fuelAndBattery.remainingBatteryPercent']),
      at: at.toISOString(),
    });
    expect(statusTexts('battery').at(-1)).toMatch(/^connected · \d\d:\d\d$/);

    // Tokens and state in <userDir>/bimmer/<node id>/, owner-only, with no secret in the state.
    const folder = join(userDir.path, 'bimmer', 'acct');
    const names = ['mybmw-state.json', 'mybmw-tokens.json'];
    expect((await readdir(folder)).filter((name) => names.includes(name)).sort()).toEqual(names);
    for (const name of names) expect((await stat(join(folder, name))).mode & 0o777).toBe(0o600);
    const [state, tokens] = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
    for (const secret of [MYBMW_LOGIN.password, MYBMW_LOGIN.captchaToken, MYBMW_LOGIN.username])
      expect(state).not.toContain(secret);
    for (const secret of [MYBMW_LOGIN.password, MYBMW_LOGIN.captchaToken])
      expect(tokens).not.toContain(secret);
  });

  it('shows the last state after a restart at once, from the state file, not from a request', async () => {
    await load(batteryWatch(false));
    await collect(node('battery-out'), 1);
    await unloadFlows();
    // While the flows are down, the car reports something new.
    await reportState(sim, I5, { electricChargingState: { chargingLevelPercent: 42 } }, new Date());
    sim.clearRequests();

    await load(batteryWatch(true), vehicleNode);
    // What the watch node sent (read from the helper's spy: the first message may come before a
    // listener could be added).
    const [atStart, polled] = await eventually('the restored state, then the first poll', () => {
      const sent = callsOf('battery', 'send').map((call) => call.args[0] as Record<string, unknown>);
      return sent.length >= 2 ? sent : undefined;
    });
    // The restored state: 80 %, as before the restart. No request can have brought it: the
    // simulator has served 42 % since before the restart.
    expect(atStart).toMatchObject({ topic: I5, payload: 80, source: 'restored' });
    // Then the first poll brings what the car reported meanwhile.
    expect(polled).toMatchObject({ topic: I5, payload: 42, source: 'poll' });
    // The vehicle node answers from the live state: no request.
    const sent = bmwRequests(sim).length;
    const answer = collect(node('vehicle-out'), 1);
    node('vehicle').receive({});
    const [snapshot] = await answer;
    expect(snapshot).toMatchObject({ payload: { fuelAndBattery: { remainingBatteryPercent: 42 } } });
    expect(bmwRequests(sim).length).toBe(sent);
  });

  it('locks the car from bimmer-remote: one POST, progress in the status, then the change on the watch node', async () => {
    await reportState(sim, I5, { doorsState: { combinedSecurityState: 'UNLOCKED' } }, new Date());
    // Polls an hour apart: only the refresh after the command can bring the change.
    await loadWith(
      { pollMinutes: 60 },
      lockWatch,
      flowNode({
        id: 'remote',
        type: 'bimmer-remote',
        account: 'acct',
        vin: I5,
        command: 'lock',
        configVersion: 1,
        wires: [['remote-out']],
      }),
    );
    const [before] = await collect(node('lock-out'), 1);
    expect(before).toMatchObject({ topic: I5, payload: 'UNLOCKED' });
    const locked = collect(node('lock-out'), 1);
    const done = collect(node('remote-out'), 1);
    let lockWhenDone: unknown;
    node('remote-out').on('input', (() => {
      lockWhenDone = liveAccountOf('acct')?.getVehicle(I5)?.snapshot.doorsAndWindows?.doorLockState;
    }) as never);
    node('remote').receive({ payload: 'go' });
    const [outcome] = await done;
    // The account refreshed the car before the command's outcome went out.
    expect(lockWhenDone).toBe('LOCKED');
    expect(outcome).toMatchObject({ topic: I5, payload: { command: 'lock', vin: I5, state: 'EXECUTED' } });
    expect(statusTexts('remote')).toEqual(expect.arrayContaining(['lock: sending', 'lock: EXECUTED']));
    // The car is locked at the simulator, and the account's refresh told every node.
    expect(
      (sim.state(I5) as { state: { doorsState: { combinedSecurityState: string } } }).state.doorsState,
    ).toMatchObject({ combinedSecurityState: 'LOCKED' });
    const [change] = await locked;
    expect(change).toMatchObject({ topic: I5, payload: 'LOCKED', source: 'poll' });
    expect(liveAccountOf('acct')?.getVehicle(I5)?.snapshot.doorsAndWindows?.doorLockState).toBe('LOCKED');
    expect(commandPosts(sim)).toHaveLength(1);

    // A command whose answer is lost may have reached the car: it is not sent again, and the node
    // says the outcome is unknown instead of calling it failed.
    sim.addFault(`drop@${REMOTE_COMMANDS}*1`);
    const errors = collect(node('errors'), 1);
    node('remote').receive({ payload: { command: 'unlock' } });
    const [error] = await errors;
    expect(error?.error).toMatchObject({
      code: 'remote-service',
      message: expect.stringContaining('may or may not'),
    });
    expect(statusTexts('remote').at(-1)).toBe('unlock: outcome unknown');
    await sleep(300);
    expect(commandPosts(sim)).toHaveLength(2);
  });

  it('stops polling when BMW blocks the client (HTTP 489), says so with the CarData hint, and keeps the last state', async () => {
    await load(batteryWatch(false), vehicleNode);
    await collect(node('battery-out'), 1);
    await connected('battery');
    await control(sim, 'POST', '/_simulator/faults', { spec: 'blocked@/eadrax-vcs' });
    await eventually(
      'the blocked status',
      () => statusTexts('battery').at(-1)?.startsWith('failed: blocked by BMW, use CarData'),
      20_000,
    );
    expect(statusTexts('vehicle').at(-1)).toMatch(/^failed: blocked by BMW, use CarData/);
    const warnings = callsOf('acct', 'warn').map((call) => String(call.args[0]));
    expect(warnings.some((text) => text.includes('HTTP 489') && text.includes('CarData'))).toBe(true);
    expect(liveAccountOf('acct')?.connection).toMatchObject({ state: 'failed', code: 'blocked' });
    // Polling stopped: nothing more reaches BMW, and the last state stays for the flows.
    const sent = (await myBMWRequests(sim)).length;
    await sleep(2_000);
    expect((await myBMWRequests(sim)).length).toBe(sent);
    const answer = collect(node('vehicle-out'), 1);
    node('vehicle').receive({});
    expect((await answer)[0]).toMatchObject({ topic: I5, source: 'poll' });
    for (const text of [...warnings, ...statusTexts('battery')])
      for (const secret of [MYBMW_LOGIN.password, MYBMW_LOGIN.captchaToken])
        expect(text).not.toContain(secret);
  });

  it('says "login needed" without a password and a stored login, before sending anything', async () => {
    await helper.load(
      bimmerNodes,
      [TAB, { ...account, baseUrl: sim.url }, batteryWatch(false), ...helpers],
      {},
    );
    await eventually('login needed', () => statusTexts('battery').at(-1) === 'login needed');
    expect(bmwRequests(sim)).toEqual([]);
  });
});

/** The MyBMW requests the simulator served (in-process, to read it synchronously). */
function bmwRequests(sim: Simulator): unknown[] {
  return sim.requests().filter((entry) => !entry.path.startsWith('/_simulator'));
}

/** The remote commands POSTed to the simulator. */
function commandPosts(sim: Simulator): unknown[] {
  return sim.requests().filter((entry) => entry.method === 'POST' && entry.path.startsWith(REMOTE_COMMANDS));
}
