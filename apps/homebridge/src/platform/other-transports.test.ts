// The MyBMW transport (the MyBMW live account of @bimmer/mybmw: real lock and climate through
// @bimmer/remote with progress in the log, a restart from the state file without a request), the
// hub transport (a real `bimmer hub` on the simulator, reached late or refusing the key) and the
// demo transport (the shared demo of @bimmer/hub), each in Homebridge 2.1.0's real API.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarDataLiveBudget } from '@bimmer/cardata';
import { type Hub, startHub } from '@bimmer/hub';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import type { API, PlatformAccessory, PlatformConfig, Service } from 'homebridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MYBMW_FILES } from '../live/open-mybmw-live';
import { type LoggedLine, loadHomebridge, recordingLog, waitFor } from '../test-support/homebridge-harness';
import { freePort } from '../test-support/homebridge-process';
import { loginOnSimulator, startCarDataSimulator } from '../test-support/simulator';
import { BimmerPlatform } from './bimmer-platform';

const I5 = 'WBA00000BIMMER001';
const BEV = 'WBASIMCARDATA0001';
const MYBMW_LOGIN = { username: 'demo@bimmer.dev', password: 'bimmer-demo' };

let storage: string;
let homebridge: Awaited<ReturnType<typeof loadHomebridge>>;
const platforms: BimmerPlatform[] = [];

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'bimmer-hb-other-'));
  homebridge = await loadHomebridge(storage);
});

afterAll(async () => {
  for (const platform of platforms) await platform.shutdown();
  await rm(storage, { recursive: true, force: true });
});

function launch(
  config: Record<string, unknown>,
  lines: LoggedLine[],
): { api: API; platform: BimmerPlatform } {
  const api = new homebridge.HomebridgeAPI();
  const platform = new BimmerPlatform(
    recordingLog(lines),
    { platform: 'Bimmer', ...config } as PlatformConfig,
    api,
    {
      commandPollIntervalMs: 20,
    },
  );
  platforms.push(platform);
  api.emit('didFinishLaunching');
  return { api, platform };
}

function accessoryOf(platform: BimmerPlatform, vin: string): PlatformAccessory | undefined {
  return [...platform.accessories.values()].find((handler) => handler.accessory.context.vin === vin)
    ?.accessory;
}

function service(accessory: PlatformAccessory, subtype: string): Service {
  const found = accessory.services.find((candidate) => candidate.subtype === subtype);
  if (found === undefined) throw new Error(`no ${subtype} tile`);
  return found;
}

const problems = (lines: readonly LoggedLine[]) =>
  lines.filter((line) => line.level === 'warn' || line.level === 'error');

/** `HH:MM` on this machine's clock, `minutes` from now. */
function clockIn(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

describe('the MyBMW transport', () => {
  let simulator: Simulator;
  const config = () => ({
    transport: 'mybmw',
    ...MYBMW_LOGIN,
    region: 'rest_of_world',
    captchaToken: 'any-token',
    baseUrl: simulator.url,
  });
  beforeAll(async () => {
    simulator = await startSimulator({
      port: 0,
      cardataVehicles: false,
      remoteServices: { stepsPerStatus: 1 },
    });
  });
  afterAll(async () => {
    await simulator?.stop();
  });

  let first: BimmerPlatform;

  it('really unlocks the car, with progress in the log, and shows the state read after it', async () => {
    // HAP-NodeJS reports names Home would refuse on the console; every name of the fleet must pass.
    const consoleWarnings = vi.spyOn(console, 'warn');
    const lines: LoggedLine[] = [];
    const { api, platform } = launch(config(), lines);
    first = platform;
    const i5 = await waitFor(() => accessoryOf(platform, I5), 20_000, 'the i5');
    expect(platform.account?.kind).toBe('mybmw');
    const C = api.hap.Characteristic;
    const lock = service(i5, 'lock');
    expect(lock.getCharacteristic(C.LockCurrentState).value).toBe(1);
    expect(service(i5, 'climate').UUID).toBe(api.hap.Service.Switch.UUID);
    const statesBefore = simulator.requests().filter((entry) => entry.path.endsWith('/state')).length;
    await lock.getCharacteristic(C.LockTargetState).handleSetRequest(0);
    await waitFor(() => lock.getCharacteristic(C.LockCurrentState).value === 0, 20_000, 'the car unlocked');
    const texts = () => lines.map((line) => line.text);
    await waitFor(() => texts().includes('Lock: unlock done.'), 5_000, 'the command done');
    expect(texts()).toContain('Lock: sending unlock to the car…');
    expect(texts().some((text) => /^Lock: unlock EXECUTED after \d+ s$/.test(text))).toBe(true);
    expect(simulator.events().map((event) => event.service)).toContain('door-unlock');
    // The command's own refresh read the car once; the live account needed no read of its own.
    expect(simulator.requests().filter((entry) => entry.path.endsWith('/state')).length - statesBefore).toBe(
      1,
    );
    expect(problems(lines)).toEqual([]);
    expect(texts().join('\n')).not.toContain(I5);
    expect(texts().join('\n')).not.toContain(MYBMW_LOGIN.password);
    expect(platform.accessories.size).toBe(simulator.vins().length);
    expect(consoleWarnings.mock.calls.map((call) => String(call[0]))).toEqual([]);
  });

  it('restarts from its state file without a request, and keeps its quiet hours', async () => {
    await first.shutdown();
    const statePath = join(storage, 'bimmer', MYBMW_FILES.state);
    const saved = await readFile(statePath, 'utf8');
    expect(saved).toContain(I5);
    expect(saved).not.toContain(MYBMW_LOGIN.password);
    simulator.clearRequests();
    const lines: LoggedLine[] = [];
    const { api, platform } = launch(
      { ...config(), pollIntervalMinutes: 30, quietHours: { from: clockIn(-60), to: clockIn(60) } },
      lines,
    );
    const i5 = await waitFor(() => accessoryOf(platform, I5), 10_000, 'the restored i5');
    const lock = service(i5, 'lock');
    expect(lock.getCharacteristic(api.hap.Characteristic.LockCurrentState).value).toBe(0);
    await waitFor(() => platform.account?.connection.state === 'connecting', 5_000, 'the quiet start');
    expect(platform.account?.connection.reason).toMatch(/quiet hours/i);
    expect(lines.some((line) => /restored from the last run/.test(line.text))).toBe(true);
    // Inside the quiet hours nothing is sent: not even a login.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(simulator.requests()).toEqual([]);
    expect(problems(lines)).toEqual([]);
    await platform.shutdown();
  });

  it('tells a command whose end was not seen as unknown, never as failed', async () => {
    const lines: LoggedLine[] = [];
    const { api, platform } = launch(config(), lines);
    const i5 = await waitFor(() => accessoryOf(platform, I5), 20_000, 'the i5');
    // The last poll (before the restart above) is recent, so the account waits for its interval:
    // a read brings the car's state now.
    await platform.account?.refresh(I5, { reason: 'the test reads the car before the command' });
    const C = api.hap.Characteristic;
    const lock = service(i5, 'lock');
    expect(lock.getCharacteristic(C.LockCurrentState).value).toBe(0);
    // The connection breaks after the command was sent: nobody knows whether the car got it.
    simulator.addFault('drop@/eadrax-vrccs/v4/presentation/remote-commands*1');
    const commandsBefore = simulator.events().length;
    await lock.getCharacteristic(C.LockTargetState).handleSetRequest(1);
    const warning = await waitFor(() => problems(lines)[0], 20_000, 'the unknown outcome');
    expect(warning.level).toBe('warn');
    expect(warning.text).toMatch(/^Lock: whether lock reached the car is unknown: /);
    expect(problems(lines)).toEqual([warning]);
    // Sent once, never again; the tile keeps the car's own state.
    expect(simulator.events().length).toBe(commandsBefore);
    expect(
      simulator
        .requests()
        .filter((entry) => entry.path.includes('/remote-commands/') && entry.method === 'POST').length,
    ).toBeLessThanOrEqual(1);
    await waitFor(() => lock.getCharacteristic(C.LockTargetState).value === 0, 5_000, 'the target reverted');
    expect(lock.getCharacteristic(C.LockCurrentState).value).toBe(0);
    await platform.shutdown();
  });
});

describe('the hub transport', () => {
  const API_KEY = 'homebridge-reads-the-hub-01';
  let simulator: Simulator;
  let folder: string;
  let tokenFile: string;
  let hub: Hub | undefined;

  beforeAll(async () => {
    simulator = await startCarDataSimulator();
    folder = await mkdtemp(join(tmpdir(), 'bimmer-hb-hub-'));
    tokenFile = join(folder, 'cardata-tokens.json');
    await loginOnSimulator(simulator, tokenFile);
  });
  afterAll(async () => {
    await hub?.stop();
    await simulator?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('waits for a hub that starts after Homebridge, then shows its cars', async () => {
    const httpPort = await freePort();
    const lines: LoggedLine[] = [];
    const { api, platform } = launch(
      { transport: 'hub', hubUrl: `http://127.0.0.1:${httpPort}`, hubApiKey: API_KEY, home: undefined },
      lines,
    );
    const warning = await waitFor(() => problems(lines)[0], 10_000, 'the warning');
    expect(warning.level).toBe('warn');
    expect(warning.text).toMatch(/could not be reached.* Trying again in 5 s/);
    hub = await startHub({
      tokenFile,
      baseUrl: simulator.url,
      streamUrl: simulator.mqttUrl,
      httpPort,
      mqttPort: 0,
      apiKey: API_KEY,
      log: { info: () => {}, warn: () => {} },
    });
    await hub.ready;
    const bev = await waitFor(() => accessoryOf(platform, BEV), 20_000, 'the BEV through the hub');
    await waitFor(() => platform.account?.connection.state === 'connected', 20_000, 'the hub connection');
    expect(platform.account?.kind).toBe('hub');
    expect(platform.account?.budget?.limit).toBe(50);
    await waitFor(() => bev.services.find((candidate) => candidate.subtype === 'battery'), 20_000, 'battery');
    expect(service(bev, 'battery').getCharacteristic(api.hap.Characteristic.BatteryLevel).value).toBe(64);
    expect(lines.map((line) => line.text)).toContain('Bimmer: reached the bimmer hub.');
    // One warning while the hub was away; the key never reaches the log.
    expect(problems(lines)).toEqual([warning]);
    expect(lines.map((line) => line.text).join('\n')).not.toContain(API_KEY);
    // BMW saw the hub's stream connection only.
    const state = (await fetch(`${simulator.url}/_simulator/cardata/state`).then((r) => r.json())) as {
      streamLogins: number;
    };
    expect(state.streamLogins).toBe(1);
    await platform.shutdown();
  });

  it('says which option to fix when the hub refuses the API key, without throwing', async () => {
    if (hub === undefined) throw new Error('the hub did not start');
    const lines: LoggedLine[] = [];
    const { platform } = launch(
      { transport: 'hub', hubUrl: hub.httpUrl, hubApiKey: 'not-the-key-of-this-hub' },
      lines,
    );
    const error = await waitFor(() => problems(lines)[0], 10_000, 'the error');
    expect(error.level).toBe('error');
    expect(error.text).toMatch(
      /^Could not open the hub account: The hub at .* refused the API key\. Set "hubApiKey"/,
    );
    expect(platform.account).toBeUndefined();
    expect(lines.map((line) => line.text).join('\n')).not.toContain('not-the-key-of-this-hub');
  });
});

describe('the demo transport', () => {
  it('shows the simulated cars without an account', async () => {
    const lines: LoggedLine[] = [];
    const { api, platform } = launch({ transport: 'demo' }, lines);
    const bev = await waitFor(() => accessoryOf(platform, BEV), 20_000, 'the demo BEV');
    await waitFor(
      () => bev.services.find((candidate) => candidate.subtype === 'battery'),
      20_000,
      'the demo battery',
    );
    expect(service(bev, 'battery').getCharacteristic(api.hap.Characteristic.BatteryLevel).value).toBe(64);
    expect(lines.some((line) => /demo car park/.test(line.text))).toBe(true);
    // The real CarData live account: its stream, and its REST budget with the policy's plan.
    await waitFor(() => platform.account?.connection.state === 'connected', 20_000, 'the demo stream');
    expect(platform.account?.kind).toBe('cardata');
    const budget = platform.account?.budget as CarDataLiveBudget | undefined;
    expect(budget?.summary).toMatch(/calls left/);
    expect(budget?.vehicles.map((plan) => plan.vin).sort()).toEqual([
      'WBASIMCARDATA0001',
      'WBASIMCARDATA0002',
    ]);
    expect(problems(lines)).toEqual([]);
  });
});
