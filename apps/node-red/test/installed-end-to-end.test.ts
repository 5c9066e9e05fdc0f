import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/node-red-harness';
import {
  admin,
  deploy,
  freePort,
  installedPackage,
  type NodeRedProcess,
  startNodeRed,
  userDirWithPackage,
} from './support/installed-node-red';
import { approve, BEV, CLIENT_ID, publish, restCalls, startTestSimulator, streamMessage } from './support/simulator';

const BATTERY = 'vehicle.drivetrain.batteryManagement.header';
const ACCOUNT = 'a1b2c3d4e5f60718';

/**
 * As a user installs it: the packed tarball installed with npm into a fresh user directory, Node-RED
 * 5 started as a process, a flow deployed and the login run through the admin API, stream messages
 * published on the simulator, and what reaches a file node read back; then a restart.
 */
describe('installed from the tarball into Node-RED 5', () => {
  let sim: Simulator;
  let nodeRed: NodeRedProcess | undefined;
  let userDir: string;
  let port: number;
  let outputFile: string;
  let restAfterRestart: number | undefined;
  let afterRestart: Record<string, unknown>[] = [];

  const lines = async (): Promise<Record<string, unknown>[]> =>
    existsSync(outputFile)
      ? (await readFile(outputFile, 'utf8'))
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      : [];

  const flow = () => [
    { id: 'f0000000000000a1', type: 'tab', label: 'bimmer' },
    {
      id: ACCOUNT,
      type: 'bimmer-account',
      name: 'my BMW',
      transport: 'cardata',
      clientId: CLIENT_ID,
      baseUrl: sim.url,
      streamUrl: sim.mqttUrl,
      configVersion: 1,
    },
    {
      id: 'f0000000000000b1',
      z: 'f0000000000000a1',
      type: 'bimmer-watch',
      account: ACCOUNT,
      vin: BEV,
      output: 'changes',
      configVersion: 1,
      x: 200,
      y: 100,
      wires: [['f0000000000000c1']],
    },
    {
      id: 'f0000000000000b2',
      z: 'f0000000000000a1',
      type: 'inject',
      props: [{ p: 'payload' }],
      payload: '',
      payloadType: 'date',
      x: 100,
      y: 200,
      wires: [['f0000000000000b3']],
    },
    {
      id: 'f0000000000000b3',
      z: 'f0000000000000a1',
      type: 'bimmer-vehicle',
      account: ACCOUNT,
      vin: BEV,
      configVersion: 1,
      x: 300,
      y: 200,
      wires: [['f0000000000000c2']],
    },
    {
      id: 'f0000000000000c2',
      z: 'f0000000000000a1',
      type: 'change',
      rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{"kind":"vehicle","source":$$.source,"battery":$$.payload.fuelAndBattery.remainingBatteryPercent}', tot: 'jsonata' }],
      x: 450,
      y: 200,
      wires: [['f0000000000000c1']],
    },
    {
      id: 'f0000000000000c1',
      z: 'f0000000000000a1',
      type: 'file',
      filename: '',
      filenameType: 'str',
      appendNewline: true,
      createDir: true,
      overwriteFile: 'false',
      encoding: 'none',
      x: 600,
      y: 100,
      wires: [],
    },
  ];

  beforeAll(async () => {
    const { nodeModules } = await installedPackage();
    sim = await startTestSimulator();
    userDir = await userDirWithPackage(nodeModules);
    outputFile = join(userDir, 'out', 'vehicle.jsonl');
    port = await freePort();
    nodeRed = await startNodeRed(userDir, port);
  });

  afterAll(async () => {
    await nodeRed?.stop();
    await sim?.stop();
    if (userDir !== undefined) await rm(userDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('logs in through the admin endpoints and writes stream changes to a file node', async () => {
    const url = nodeRed?.url ?? '';
    const nodes = (await admin(url, 'GET', '/nodes')).body as { module: string; types: string[] }[];
    expect(nodes.find((set) => set.module === '@bimmer/node-red')?.types.sort()).toEqual([
      'bimmer-account',
      'bimmer-event',
      'bimmer-remote',
      'bimmer-vehicle',
      'bimmer-watch',
    ]);
    const withFile = flow().map((node) => (node.type === 'file' ? { ...node, filename: outputFile } : node));
    await deploy(url, withFile);
    expect((await admin(url, 'GET', `/bimmer/accounts/${ACCOUNT}/login`)).body).toEqual({ state: 'none' });

    const started = await admin(url, 'POST', `/bimmer/accounts/${ACCOUNT}/login`, {});
    expect(started.status).toBe(200);
    const prompt = started.body as { userCode: string; verificationUri: string };
    expect(prompt.verificationUri).toBe(`${sim.url}/oneid/link`);
    expect(await approve(sim, prompt.userCode)).toBe(1);
    await eventually('logged in', async () => ((await admin(url, 'GET', `/bimmer/accounts/${ACCOUNT}/login`)).body as { state: string }).state === 'approved', 20_000);
    await eventually('connected', async () => {
      const status = (await admin(url, 'GET', `/bimmer/accounts/${ACCOUNT}/status`)).body as { connection?: { state: string } };
      return status.connection?.state === 'connected' ? true : undefined;
    }, 20_000);

    await publish(sim, streamMessage(BEV, '2026-12-01T17:00:00Z', { [BATTERY]: 66 }));
    await publish(sim, streamMessage(BEV, '2026-12-01T17:02:00Z', { [BATTERY]: 67 }));
    const written = await eventually('two changes in the file', async () => {
      const found = await lines();
      return found.length >= 2 ? found : undefined;
    }, 20_000);
    expect(written).toEqual([{ fuelAndBattery: { remainingBatteryPercent: 66 } }, { fuelAndBattery: { remainingBatteryPercent: 67 } }]);

    // The vehicle node answers from the live state.
    await admin(url, 'POST', '/inject/f0000000000000b2');
    const vehicleLine = await eventually('the vehicle line', async () => (await lines()).find((line) => line.kind === 'vehicle'), 20_000);
    expect(vehicleLine).toEqual({ kind: 'vehicle', source: 'stream', battery: 67 });

    // Tokens live in <userDir>/bimmer/<id>/ (0600) and nowhere in the flow or its credentials.
    const tokenFile = join(userDir, 'bimmer', ACCOUNT, 'cardata-tokens.json');
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    const tokens = JSON.parse(await readFile(tokenFile, 'utf8')) as { tokens?: Record<string, string> } & Record<string, unknown>;
    const secrets = Object.values({ ...tokens, ...(tokens.tokens ?? {}) }).filter(
      (value): value is string => typeof value === 'string' && /^(at|rt|id)\./.test(value),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const file of ['flows.json', 'flows_cred.json']) {
      const path = join(userDir, file);
      const content = existsSync(path) ? await readFile(path, 'utf8') : '';
      for (const secret of secrets) expect(content.includes(secret), `${file} holds a token`).toBe(false);
    }
    const exported = JSON.stringify((await admin(url, 'GET', '/flows')).body);
    for (const secret of secrets) expect(exported.includes(secret)).toBe(false);
    expect(nodeRed?.output()).not.toMatch(/\b(at|rt|id)\.[A-Za-z0-9_-]{8,}/);
  });

  it('is still logged in after a restart, connected again, and spends no REST call', async () => {
    await nodeRed?.stop();
    const before = (await restCalls(sim)).length;
    const linesBefore = (await lines()).length;
    nodeRed = await startNodeRed(userDir, port);
    const url = nodeRed.url;
    expect(((await admin(url, 'GET', `/bimmer/accounts/${ACCOUNT}/login`)).body as { state: string }).state).toBe('approved');
    await eventually('connected after the restart', async () => {
      const status = (await admin(url, 'GET', `/bimmer/accounts/${ACCOUNT}/status`)).body as { connection?: { state: string } };
      return status.connection?.state === 'connected' ? true : undefined;
    }, 20_000);
    await admin(url, 'POST', '/inject/f0000000000000b2');
    afterRestart = await eventually('the vehicle line after the restart', async () => {
      const found = (await lines()).slice(linesBefore);
      return found.some((line) => line.kind === 'vehicle') ? found : undefined;
    }, 20_000);
    restAfterRestart = (await restCalls(sim)).length - before;
    expect(restAfterRestart).toBe(0);
  });

  // Needs the persisted last state of @bimmer/cardata's live account (issue 12): the interim adapter
  // of src/runtime/open-live-account.ts starts empty after a restart. Turn `it.fails` into `it`
  // when the real live account is swapped in.
  it.fails('shows the last state after the restart, from persisted state', () => {
    const vehicle = afterRestart.find((line) => line.kind === 'vehicle');
    expect(vehicle).toEqual({ kind: 'vehicle', source: 'restored', battery: 67 });
  });
});
