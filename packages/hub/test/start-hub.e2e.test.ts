import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, hubStartupLines, startHub } from '../src/index';
import { MqttRecorder } from './support/mqtt-recorder';
import { recordingLogger } from './support/quiet-logger';
import {
  BATTERY,
  BEV_VIN,
  control,
  type LoggedInSimulator,
  loggedInSimulator,
  PETROL_VIN,
  publish,
  streamMessage,
} from './support/simulator';

let env: LoggedInSimulator | undefined;
let hub: Hub | undefined;
let recorder: MqttRecorder | undefined;

afterEach(async () => {
  await recorder?.close();
  await hub?.stop();
  await env?.close();
  recorder = undefined;
  hub = undefined;
  env = undefined;
});

/** A hub on the simulator with its embedded broker on free ports. */
async function hubOnSimulator(extra: Parameters<typeof startHub>[0] = {}): Promise<Hub> {
  env ??= await loggedInSimulator();
  hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
    ...extra,
  });
  return hub;
}

describe('startHub over the simulator with the embedded broker', () => {
  it('publishes status, state, fields, connection and budget, retained; the two stdout lines name both URLs', async () => {
    const running = await hubOnSimulator();
    await running.ready;
    expect(hubStartupLines(running)).toEqual([
      `hub http on ${running.httpUrl}`,
      `hub mqtt on ${running.mqttUrl}`,
    ]);
    expect(running.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    recorder = await MqttRecorder.connect(running.mqttUrl, ['bimmer/#']);
    await recorder.waitFor('bimmer/status', (m) => m.payload === 'online');
    const state = await recorder.waitFor(
      `bimmer/${BEV_VIN}/state`,
      (m) => JSON.parse(m.payload).fuelAndBattery?.remainingBatteryPercent !== undefined,
    );
    const json = JSON.parse(state.payload) as { vin: string; fieldTimes?: Record<string, unknown> };
    expect(json.vin).toBe(BEV_VIN);
    expect(Object.keys(json.fieldTimes ?? {})).toContain('fuelAndBattery.remainingBatteryPercent');
    const battery = await recorder.waitFor(`bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`);
    expect(JSON.parse(battery.payload)).toMatchObject({ value: 64, channel: 'rest', stale: true });
    const range = recorder.json(`bimmer/${BEV_VIN}/fuelAndBattery/remainingRangeElectric`);
    expect(range).toMatchObject({ value: 287, unit: 'km' });
    await recorder.waitFor(`bimmer/${PETROL_VIN}/state`);
    await recorder.waitFor('bimmer/connection', (m) => JSON.parse(m.payload).state === 'connected');
    expect(recorder.json('bimmer/budget')).toMatchObject({ limit: 50 });
    // A consumer subscribing late gets every one of them at once, retained.
    const late = await MqttRecorder.connect(running.mqttUrl, ['bimmer/#']);
    try {
      for (const topic of [
        'bimmer/status',
        `bimmer/${BEV_VIN}/state`,
        `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`,
        'bimmer/connection',
        'bimmer/budget',
      ]) {
        // Any retained copy counts: a live update of the same topic may overtake it (budget, connection).
        const retained = await late.waitForMessage((m) => m.topic === topic && m.retain);
        expect(retained.payload.length, topic).toBeGreaterThan(0);
      }
    } finally {
      await late.close();
    }
    // A stream message changes the field topic at once, measured when the car said.
    const at = new Date(Date.now() - 5_000);
    await publish(env?.sim as never, streamMessage(BEV_VIN, at, { [BATTERY]: 41 }));
    const changed = await recorder.waitFor(
      `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`,
      (m) => JSON.parse(m.payload).value === 41,
    );
    expect(JSON.parse(changed.payload)).toEqual({
      value: 41,
      at: at.toISOString().replace('.000Z', 'Z'),
      channel: 'stream',
      stale: false,
    });
    await recorder.waitFor(`bimmer/raw/${BEV_VIN}`, (m) => m.payload.includes('"value":41'));
  });

  it('stop() publishes offline, persists the state and finishes within 5 s', async () => {
    const running = await hubOnSimulator();
    await running.ready;
    recorder = await MqttRecorder.connect(running.mqttUrl, ['bimmer/status']);
    await recorder.waitFor('bimmer/status', (m) => m.payload === 'online');
    const startedStop = Date.now();
    await running.stop();
    expect(Date.now() - startedStop).toBeLessThan(5_000);
    expect(recorder.messages.map((m) => m.payload)).toContain('offline');
    const stateFile = join(env?.dir ?? '', 'tokens', 'cardata-state.json');
    expect(existsSync(stateFile)).toBe(true);
    expect(await readFile(stateFile, 'utf8')).toContain(BEV_VIN);
    // Idempotent.
    await running.stop();
  });

  it('without a login serves the device code on its page and the log, and starts once BMW confirms', async () => {
    env = await loggedInSimulator();
    const log = recordingLogger();
    const tokenFile = join(env.dir, 'fresh', 'cardata.json');
    hub = await startHub({
      tokenFile,
      clientId: '8f5d6a3e-5f4b-4c4e-9a61-1d2f3a4b5c6d',
      baseUrl: env.sim.url,
      streamUrl: env.sim.mqttUrl,
      httpPort: 0,
      mqttPort: 0,
      log,
    });
    expect(hub.account).toBeUndefined();
    let page = '';
    for (let attempt = 0; attempt < 50 && !page.includes('class="code"'); attempt++) {
      page = await (await fetch(`${hub.httpUrl}/`)).text();
      if (!page.includes('class="code"')) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const code = /class="code">([^<]+)</.exec(page)?.[1];
    expect(code).toBeDefined();
    expect(page).toContain('/oneid/link');
    expect(log.lines.some((line) => line.includes(code ?? '?') && line.includes(hub?.httpUrl ?? '?'))).toBe(
      true,
    );
    const health = (await (await fetch(`${hub.httpUrl}/health`)).json()) as { status: string };
    expect(health.status).toBe('login-needed');
    await control(env.sim, 'approve', { userCode: code });
    await hub.ready;
    expect(hub.account?.kind).toBe('cardata');
    expect(existsSync(tokenFile)).toBe(true);
    recorder = await MqttRecorder.connect(hub.mqttUrl, ['bimmer/#']);
    await recorder.waitFor('bimmer/connection', (m) => JSON.parse(m.payload).state === 'connected');
  });

  it('refuses to start without a login and without a client ID', async () => {
    env = await loggedInSimulator();
    await expect(
      startHub({
        tokenFile: join(env.dir, 'none', 'cardata.json'),
        httpPort: 0,
        mqttPort: 0,
        log: recordingLogger(),
      }),
    ).rejects.toMatchObject({ code: 'auth', action: 'cardata-login' });
  });
});

describe('startHub off loopback', () => {
  it('refuses a network-facing hub without an API key and broker credentials, naming what is missing', async () => {
    env = await loggedInSimulator();
    const base = {
      tokenFile: env.tokenFile,
      httpPort: 0,
      mqttPort: 0,
      host: '0.0.0.0',
      log: recordingLogger(),
    };
    await expect(startHub(base)).rejects.toMatchObject({
      code: 'validation',
      paths: ['apiKey', 'mqttUsername', 'mqttPassword'],
    });
    await expect(startHub({ ...base, apiKey: 'a-long-enough-api-key' })).rejects.toMatchObject({
      paths: ['mqttUsername', 'mqttPassword'],
    });
    await expect(
      startHub({ ...base, apiKey: 'short', mqttUsername: 'u', mqttPassword: 'p' }),
    ).rejects.toMatchObject({
      paths: ['apiKey'],
    });
  });

  it('with credentials serves HTTP only with the key and the broker only with the password', async () => {
    const log = recordingLogger();
    const running = await hubOnSimulator({
      log,
      host: '0.0.0.0',
      apiKey: 'a-long-enough-api-key',
      mqttUsername: 'home',
      mqttPassword: 'secret-password',
    });
    await running.ready;
    expect((await fetch(`${running.httpUrl}/health`)).status).toBe(401);
    const ok = await fetch(`${running.httpUrl}/health`, {
      headers: { authorization: 'Bearer a-long-enough-api-key' },
    });
    expect(ok.status).toBe(200);
    // Neither secret is ever shown: not in the answers, not in the log.
    const shown: string[] = [await ok.text()];
    for (const path of ['/', '/api/hub', '/metrics', '/api/vehicles']) {
      const response = await fetch(`${running.httpUrl}${path}`, {
        headers: { 'x-api-key': 'a-long-enough-api-key' },
      });
      expect(response.status, path).toBe(200);
      shown.push(await response.text());
    }
    const basic = Buffer.from('anyone:a-long-enough-api-key').toString('base64');
    expect(
      (await fetch(`${running.httpUrl}/`, { headers: { authorization: `Basic ${basic}` } })).status,
    ).toBe(200);
    expect(
      (await fetch(`${running.httpUrl}/`, { headers: { authorization: 'Bearer wrong-key-of-same-size' } }))
        .status,
    ).toBe(401);
    for (const text of [...shown, ...log.lines]) {
      expect(text).not.toContain('a-long-enough-api-key');
      expect(text).not.toContain('secret-password');
    }
    await expect(MqttRecorder.connect(running.mqttUrl, ['bimmer/#'])).rejects.toThrow();
    recorder = await MqttRecorder.connect(running.mqttUrl, ['bimmer/#'], {
      username: 'home',
      password: 'secret-password',
    });
    await recorder.waitFor('bimmer/status', (m) => m.payload === 'online');
  });
});
