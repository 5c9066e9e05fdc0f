import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type Hub, hubStartupLines, startHub } from '../src/index';
import { MosquittoBroker, mosquittoMissing, mosquittoSub } from './support/mosquitto';
import { MqttRecorder } from './support/mqtt-recorder';
import { recordingLogger } from './support/quiet-logger';
import {
  BATTERY,
  BEV_VIN,
  type LoggedInSimulator,
  loggedInSimulator,
  PETROL_VIN,
  publish,
  streamMessage,
} from './support/simulator';

const skip = mosquittoMissing();
const BATTERY_TOPIC = `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`;
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe.skipIf(skip !== undefined)('the hub publishing into a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let env: LoggedInSimulator;
  let hub: Hub | undefined;
  const recorders: MqttRecorder[] = [];

  beforeAll(async () => {
    broker = await MosquittoBroker.start();
    env = await loggedInSimulator();
  });

  afterEach(async () => {
    for (const recorder of recorders.splice(0)) await recorder.close();
    await hub?.stop();
    hub = undefined;
  });

  afterAll(async () => {
    await broker?.stop();
    await env?.close();
  });

  const subscribe = async (topics = ['bimmer/#']) => {
    const recorder = await MqttRecorder.connect(broker.url, topics, {
      username: broker.username,
      password: broker.password,
    });
    recorders.push(recorder);
    return recorder;
  };

  const startOnBroker = async (log = recordingLogger()) => {
    hub = await startHub({
      mqttUrl: broker.urlWithCredentials,
      tokenFile: env.tokenFile,
      baseUrl: env.sim.url,
      streamUrl: env.sim.mqttUrl,
      httpPort: 0,
      reconnectPeriodMs: 100,
      log,
    });
    await hub.ready;
    return hub;
  };

  it('logs in with the credentials of the URL, never shows them, and mosquitto_sub sees the topics', async () => {
    const log = recordingLogger();
    const running = await startOnBroker(log);
    expect(hubStartupLines(running)).toEqual([
      `hub http on ${running.httpUrl}`,
      `hub publishing to ${broker.url}`,
    ]);
    const health = await (await fetch(`${running.httpUrl}/health`)).text();
    expect(JSON.parse(health)).toMatchObject({
      broker: { mode: 'external', url: broker.url, connected: true },
    });
    // Two kinds of subscriber at once: mqtt.js and Debian's mosquitto_sub.
    const viaMqttJs = await subscribe();
    const lines = await mosquittoSub(broker, 'bimmer/#', (seen) =>
      [`bimmer/${BEV_VIN}/state`, `bimmer/${PETROL_VIN}/state`, BATTERY_TOPIC, 'bimmer/status online'].every(
        (wanted) => seen.some((line) => line.startsWith(wanted)),
      ),
    );
    expect(lines).toContain('bimmer/status online');
    const battery = lines.find((line) => line.startsWith(`${BATTERY_TOPIC} `));
    expect(JSON.parse(battery?.slice(BATTERY_TOPIC.length + 1) ?? '{}')).toMatchObject({
      value: 64,
      channel: 'rest',
    });
    const fromMqttJs = await viaMqttJs.waitFor(BATTERY_TOPIC);
    expect(JSON.parse(fromMqttJs.payload)).toEqual(
      JSON.parse(battery?.slice(BATTERY_TOPIC.length + 1) ?? '{}'),
    );
    expect((await viaMqttJs.waitFor('bimmer/status')).payload).toBe('online');
    for (const text of [health, ...log.lines]) expect(text).not.toContain(broker.password);
  });

  it('survives Mosquitto restarting empty: it reconnects and republishes every retained topic', async () => {
    const running = await startOnBroker();
    const before = await subscribe();
    await before.waitFor(`bimmer/${BEV_VIN}/state`);
    await before.close();
    recorders.splice(0);

    await broker.halt();
    for (let i = 0; i < 50 && running.account !== undefined; i++) {
      const health = (await (await fetch(`${running.httpUrl}/health`)).json()) as {
        broker: { connected: boolean };
      };
      if (!health.broker.connected) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const offlineHealth = (await (await fetch(`${running.httpUrl}/health`)).json()) as {
      broker: { connected: boolean };
    };
    expect(offlineHealth.broker.connected).toBe(false);
    // A change while the broker is away reaches it once it is back.
    await publish(env.sim, streamMessage(BEV_VIN, new Date(), { [BATTERY]: 39 }));
    await broker.resume();

    const after = await subscribe(['bimmer/#', 'homeassistant/#']);
    await after.waitFor('bimmer/status', (m) => m.payload === 'online');
    await after.waitFor(BATTERY_TOPIC, (m) => JSON.parse(m.payload).value === 39);
    await after.waitFor(`homeassistant/device/bimmer_${BEV_VIN}/config`);
    // Once the hub republished, the restarted (empty) broker holds everything retained again.
    const late = await subscribe(['bimmer/#', 'homeassistant/#']);
    for (const topic of [
      'bimmer/status',
      BATTERY_TOPIC,
      `bimmer/${PETROL_VIN}/state`,
      'bimmer/connection',
      `homeassistant/device/bimmer_${BEV_VIN}/config`,
    ]) {
      expect((await late.waitFor(topic)).retain, topic).toBe(true);
    }
    expect(JSON.parse(late.last.get(BATTERY_TOPIC)?.payload ?? '{}').value).toBe(39);
    const metrics = await (await fetch(`${running.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^bimmer_hub_mqtt_reconnects_total 1$/m);
  });

  it('stop() leaves offline retained; a hub that vanishes leaves its last will, offline', async () => {
    const running = await startOnBroker();
    await running.stop();
    hub = undefined;
    const afterStop = await subscribe(['bimmer/status']);
    expect((await afterStop.waitFor('bimmer/status')).payload).toBe('offline');

    expect(existsSync(DIST), `${DIST} is missing: run "pnpm --filter @bimmer/hub build" first`).toBe(true);
    const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-hub-killed-'));
    const child: ChildProcess = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('./fixtures/run-demo-hub.mjs', import.meta.url)),
        broker.urlWithCredentials,
        stateDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    onTestFinished(async () => {
      child.kill('SIGKILL');
      await rm(stateDir, { recursive: true, force: true });
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const watcher = await subscribe(['bimmer/status']);
    for (let i = 0; i < 200 && !stdout.includes('ready'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toMatch(
      /^hub http on http:\/\/127\.0\.0\.1:\d+\nhub publishing to mqtt:\/\/127\.0\.0\.1:\d+\n/,
    );
    await watcher.waitForMessage((m) => m.topic === 'bimmer/status' && m.payload === 'online');
    child.kill('SIGKILL');
    const will = await watcher.waitForMessage(
      (m, index = watcher.messages.indexOf(m)) =>
        m.payload === 'offline' &&
        watcher.messages.slice(0, index).some((earlier) => earlier.payload === 'online'),
      15_000,
    );
    expect(will.topic).toBe('bimmer/status');
  });
});

describe.skipIf(skip !== undefined)('the demo, as a new user sees it', () => {
  it("`bimmer hub --demo`, then `mosquitto_sub -t 'bimmer/#' -v`: the Home Assistant-ready topics, at once", async () => {
    const hub = await startHub({ demo: true, httpPort: 0, mqttPort: 0, log: recordingLogger() });
    try {
      const port = Number(new URL(hub.mqttUrl).port);
      const lines = await mosquittoSub({ port }, 'bimmer/#', (seen) =>
        [
          `bimmer/${BEV_VIN}/state `,
          `bimmer/${PETROL_VIN}/state `,
          `${BATTERY_TOPIC} `,
          'bimmer/status online',
        ].every((wanted) => seen.some((line) => line.startsWith(wanted))),
      );
      expect(lines.length).toBeGreaterThan(50);
      const discovery = await mosquittoSub({ port }, 'homeassistant/#', (seen) => seen.length >= 2);
      expect(discovery.map((line) => line.split(' ')[0]).sort()).toEqual([
        `homeassistant/device/bimmer_${BEV_VIN}/config`,
        `homeassistant/device/bimmer_${PETROL_VIN}/config`,
      ]);
    } finally {
      await hub.stop();
    }
  });
});
