// The settings page's server, run as the Homebridge UI runs it (a forked child with IPC), through
// the device-code login approved on the simulator and the vehicle list of a running plugin.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import type { PlatformConfig } from 'homebridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTokenFile } from '../src/config/parse-platform-config';
import { BimmerPlatform } from '../src/platform/bimmer-platform';
import type { PluginStatus } from '../src/platform/plugin-status';
import { loadHomebridge, recordingLog, waitFor } from '../src/test-support/homebridge-harness';
import { control, startCarDataSimulator } from '../src/test-support/simulator';
import { UiServerProcess } from '../src/test-support/ui-server-process';
import type { LoginProgress } from '../src/ui/cardata-login-flow';
import type { SettingsOverview } from '../src/ui/settings-overview';

let storage: string;
let simulator: Simulator;
let server: UiServerProcess;
let platform: BimmerPlatform | undefined;
let config: Record<string, unknown>;

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'bimmer-ui-'));
  simulator = await startCarDataSimulator();
  config = {
    platform: 'Bimmer',
    name: 'Bimmer',
    transport: 'cardata',
    clientId: 'bimmer-ui-test-client',
    baseUrl: simulator.url,
    streamUrl: simulator.mqttUrl,
  };
  const configPath = join(storage, 'config.json');
  await writeFile(configPath, JSON.stringify({ bridge: {}, platforms: [config] }));
  server = new UiServerProcess(storage, configPath);
  await server.ready();
});

afterAll(async () => {
  await platform?.shutdown();
  await server?.stop();
  await simulator?.stop();
  await rm(storage, { recursive: true, force: true });
});

/** Asks for the overview until it shows what `ready` wants (the plugin writes its status every few seconds). */
async function overviewWhen(ready: (overview: SettingsOverview) => boolean): Promise<SettingsOverview> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const overview = await server.request<SettingsOverview>('/overview', { config });
    if (ready(overview)) return overview;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the overview never showed the connected plugin');
}

describe('the settings page server', () => {
  it('says that no login is stored yet, and how to fix it', async () => {
    const overview = await server.request<SettingsOverview>('/overview', { config });
    expect(overview.configErrors).toEqual([]);
    expect(overview.checks).toContainEqual({
      verdict: 'fail',
      text: 'No CarData login is stored.',
      fix: 'Enter your CarData client ID and press "Log in with BMW".',
    });
  });

  it('asks for the client ID before starting a login', async () => {
    await expect(
      server.request('/login/start', { config: { ...config, clientId: undefined } }),
    ).rejects.toThrow(/client ID/);
  });

  it('logs in with the device code, pushing its progress until BMW confirms', async () => {
    const progress = await server.request<LoginProgress>('/login/start', { config });
    expect(progress.state).toBe('code');
    if (progress.state !== 'code') return;
    expect(progress.userCode).toMatch(/^\w{4,}/);
    expect(progress.verificationUri).toBe(`${simulator.url}/oneid/link`);
    expect(server.events[0]).toEqual({ event: 'login', data: progress });
    await control(simulator, 'approve', { userCode: progress.userCode });
    await waitFor(
      () => server.events.some((event) => (event.data as LoginProgress).state === 'done'),
      10_000,
      'the login to complete',
    );
    const tokens = JSON.parse(await readFile(defaultTokenFile(storage), 'utf8'));
    expect(JSON.stringify(tokens)).toContain('cardata');
    expect(await server.request('/login/status', {})).toEqual({ state: 'done' });
  });

  it('lists the vehicles of the running plugin with their last values, the stream, the budget and the checks', async () => {
    const homebridge = await loadHomebridge(storage);
    const api = new homebridge.HomebridgeAPI();
    platform = new BimmerPlatform(recordingLog([]), config as PlatformConfig, api);
    api.emit('didFinishLaunching');
    await waitFor(() => platform?.account?.connection.state === 'connected', 15_000, 'the plugin to connect');
    const overview = await overviewWhen(
      (candidate) =>
        candidate.status?.connection.state === 'connected' &&
        candidate.status.vehicles.length === 2 &&
        candidate.status.budget?.vehicles.length === 2 &&
        candidate.status.budget.vehicles.every((plan) => plan.lastRestReadAt !== undefined),
    );
    const status = overview.status as PluginStatus;
    expect(status.transport).toBe('cardata');
    expect(status.budget?.limit).toBe(50);
    expect(status.budget?.used).toBeGreaterThan(0);
    // The live account's real plan: the reserve, the next automatic read of each car and why.
    expect(status.budget?.reserve).toBe(10);
    expect(status.budget?.summary).toMatch(/^Next automatic REST read at .*; \d+ of 50 calls left/);
    expect(status.budget?.nextRestReadAt).toBeDefined();
    expect(status.budget?.vehicles.map((plan) => [plan.vin, plan.automaticReadsToday])).toEqual([
      ['WBA**********0001', 1],
      ['WBA**********0002', 1],
    ]);
    for (const plan of status.budget?.vehicles ?? []) {
      expect(Date.parse(plan.nextReadAt ?? '')).toBeGreaterThan(Date.now());
    }
    const bev = status.vehicles.find((vehicle) => vehicle.vin === 'WBA**********0001');
    expect(bev).toMatchObject({
      name: 'i4 eDrive40',
      shown: true,
      batteryPercent: 64,
      charging: false,
      pluggedIn: false,
      locked: true,
      doorsOpen: false,
      windowsOpen: true,
    });
    const texts = overview.checks.map((check) => `${check.verdict} ${check.text}`);
    expect(texts).toContain('ok CarData login stored');
    expect(texts).toContain('ok Scope cardata:streaming:read granted (CarData Stream)');
    expect(texts).toContain('ok Vehicles with data: WBA**********0001, WBA**********0002');
    expect(
      texts.some((text) => text.startsWith('warn WBA**********0003 gets no data: it is mapped as SECONDARY')),
    ).toBe(true);
    expect(texts.some((text) => /^ok REST quota: \d+ of 50 calls used today/.test(text))).toBe(true);
    expect(texts).toContain('ok The plugin is connected (cardata).');
    // Nothing the page or the server log shows carries a full VIN or a token.
    const tokens = JSON.parse(await readFile(defaultTokenFile(storage), 'utf8')) as Record<string, unknown>;
    const shown = JSON.stringify(overview) + server.output.join('');
    expect(shown).not.toMatch(/WBASIMCARDATA000\d/);
    for (const value of Object.values(tokens)) {
      if (typeof value === 'string' && value.length > 16) expect(shown).not.toContain(value);
    }
  });
});
