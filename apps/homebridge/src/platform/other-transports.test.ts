// The MyBMW transport (real lock and climate through @bimmer/remote, progress in the log) and the
// demo transport (an embedded simulator), each in Homebridge 2.1.0's real API on the simulator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarDataLiveBudget } from '@bimmer/cardata';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import type { API, PlatformAccessory, PlatformConfig, Service } from 'homebridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LoggedLine, loadHomebridge, recordingLog, waitFor } from '../test-support/homebridge-harness';
import { BimmerPlatform } from './bimmer-platform';

const I5 = 'WBA00000BIMMER001';

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

describe('the MyBMW transport', () => {
  let simulator: Simulator;
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

  it('really unlocks the car, with progress in the log', async () => {
    // HAP-NodeJS reports names Home would refuse on the console; every name of the fleet must pass.
    const consoleWarnings = vi.spyOn(console, 'warn');
    const lines: LoggedLine[] = [];
    const { api, platform } = launch(
      {
        transport: 'mybmw',
        username: 'demo@bimmer.dev',
        password: 'bimmer-demo',
        region: 'rest_of_world',
        captchaToken: 'any-token',
        baseUrl: simulator.url,
      },
      lines,
    );
    const i5 = await waitFor(() => accessoryOf(platform, I5), 20_000, 'the i5');
    const C = api.hap.Characteristic;
    const lock = service(i5, 'lock');
    expect(lock.getCharacteristic(C.LockCurrentState).value).toBe(1);
    expect(service(i5, 'climate').UUID).toBe(api.hap.Service.Switch.UUID);
    await lock.getCharacteristic(C.LockTargetState).handleSetRequest(0);
    await waitFor(() => lock.getCharacteristic(C.LockCurrentState).value === 0, 20_000, 'the car unlocked');
    const texts = lines.map((line) => line.text);
    expect(texts).toContain('Lock: sending unlock to the car…');
    expect(texts.some((text) => /^Lock: unlock EXECUTED after \d+ s$/.test(text))).toBe(true);
    expect(texts).toContain('Lock: unlock done.');
    expect(simulator.events().map((event) => event.service)).toContain('door-unlock');
    expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    expect(texts.join('\n')).not.toContain(I5);
    expect(platform.accessories.size).toBe(simulator.vins().length);
    expect(consoleWarnings.mock.calls.map((call) => String(call[0]))).toEqual([]);
  });
});

describe('the demo transport', () => {
  it('shows the simulated cars without an account', async () => {
    const lines: LoggedLine[] = [];
    const { api, platform } = launch({ transport: 'demo' }, lines);
    const bev = await waitFor(() => accessoryOf(platform, 'WBASIMCARDATA0001'), 20_000, 'the demo BEV');
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
    expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  });
});

describe('the hub transport', () => {
  it('says clearly that this version cannot open it, without throwing', async () => {
    const lines: LoggedLine[] = [];
    const { platform } = launch({ transport: 'hub', hubUrl: 'http://127.0.0.1:9' }, lines);
    const error = await waitFor(() => lines.find((line) => line.level === 'error'), 5_000, 'the error');
    expect(error.text).toMatch(/^Could not open the hub account: The hub transport needs bimmer hub support/);
    expect(platform.account).toBeUndefined();
  });
});
