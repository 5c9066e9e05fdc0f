import { CarDataSession, FileTokenStore } from '@bimmer/auth';
import { CarDataStreamConnection } from '@bimmer/cardata';
import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../src/index';
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
  restRequests,
  streamMessage,
  TRUNK,
} from './support/simulator';

let env: LoggedInSimulator | undefined;
const hubs: Hub[] = [];
const recorders: MqttRecorder[] = [];

afterEach(async () => {
  for (const recorder of recorders.splice(0)) await recorder.close();
  for (const hub of hubs.splice(0)) await hub.stop();
  await env?.close();
  env = undefined;
});

async function start(extra: Parameters<typeof startHub>[0] = {}): Promise<Hub> {
  env ??= await loggedInSimulator();
  const hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
    stream: { initialBackoffMs: 50, maxBackoffMs: 300, maxKickBackoffMs: 500, jitter: 0 },
    ...extra,
  });
  hubs.push(hub);
  return hub;
}

async function subscribe(hub: Hub, topics = ['bimmer/#']): Promise<MqttRecorder> {
  const recorder = await MqttRecorder.connect(hub.mqttUrl, topics);
  recorders.push(recorder);
  return recorder;
}

const connectionIs = (state: string) => (m: { payload: string }) => JSON.parse(m.payload).state === state;
const batteryIs = (value: number) => (m: { payload: string }) => JSON.parse(m.payload).value === value;
const BATTERY_TOPIC = `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`;

describe('the hub survives', () => {
  it('its own restart: the retained state comes back at once from the persisted state, with zero REST calls', async () => {
    const first = await start();
    await first.ready;
    const before = await subscribe(first);
    await before.waitFor('bimmer/connection', connectionIs('connected'));
    // Both vehicles read once (the policy's first reads), so a restart owes BMW nothing.
    await before.waitFor(`bimmer/${BEV_VIN}/mileage`);
    await before.waitFor(`bimmer/${PETROL_VIN}/mileage`);
    const at = new Date(Date.now() - 30_000);
    await publish(env?.sim as never, streamMessage(BEV_VIN, at, { [BATTERY]: 42 }));
    await before.waitFor(BATTERY_TOPIC, batteryIs(42));
    await first.stop();

    env?.sim.clearRequests();
    const second = await start();
    // Subscribed right after the start, before the BMW stream is back: the last state is there.
    const after = await subscribe(second);
    const battery = await after.waitFor(BATTERY_TOPIC);
    expect(JSON.parse(battery.payload)).toEqual({
      value: 42,
      at: at.toISOString().replace('.000Z', 'Z'),
      channel: 'stream',
      stale: false,
    });
    expect(battery.retain).toBe(true);
    const state = JSON.parse((await after.waitFor(`bimmer/${BEV_VIN}/state`)).payload);
    expect(state.fuelAndBattery.remainingBatteryPercent).toBe(42);
    expect(state.mileage).toEqual({ value: 23512, unit: 'km' });
    await after.waitFor('bimmer/connection', connectionIs('connected'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(restRequests(env?.sim as never)).toEqual([]);
  });

  it('BMW dropping the stream: it says reconnecting, comes back by itself, and the data flows again', async () => {
    const hub = await start({ budget: { readsPerVehiclePerDay: 0 } });
    await hub.ready;
    const recorder = await subscribe(hub);
    await recorder.waitFor('bimmer/connection', connectionIs('connected'));
    await control(env?.sim as never, 'disconnect');
    await recorder.waitForMessage(
      (m) => m.topic === 'bimmer/connection' && JSON.parse(m.payload).state === 'reconnecting',
    );
    await recorder.waitForMessage(
      (m, index = recorder.messages.indexOf(m)) =>
        m.topic === 'bimmer/connection' &&
        JSON.parse(m.payload).state === 'connected' &&
        recorder.messages.slice(0, index).some((earlier) => earlier.payload.includes('"reconnecting"')),
    );
    await publish(env?.sim as never, streamMessage(BEV_VIN, new Date(), { [BATTERY]: 58 }));
    await recorder.waitFor(BATTERY_TOPIC, batteryIs(58));
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^bimmer_hub_stream_reconnects_total 1$/m);
  });

  it('another program kicking it off the stream: it says kicked, names the hub as the fix, and takes the stream back', async () => {
    const hub = await start({ budget: { readsPerVehiclePerDay: 0 } });
    await hub.ready;
    const recorder = await subscribe(hub);
    await recorder.waitFor('bimmer/connection', connectionIs('connected'));
    const intruder = new CarDataStreamConnection({
      tokens: new CarDataSession({
        tokenStore: new FileTokenStore(env?.tokenFile ?? ''),
        baseUrl: env?.sim.url,
      }),
      url: env?.sim.mqttUrl,
    });
    intruder.start();
    const kicked = await recorder.waitForMessage(
      (m) => m.topic === 'bimmer/connection' && JSON.parse(m.payload).state === 'kicked',
    );
    await intruder.stop();
    expect(JSON.parse(kicked.payload).reason).toContain('bimmer hub');
    await recorder.waitForMessage(
      (m) =>
        m.topic === 'bimmer/connection' && JSON.parse(m.payload).state === 'connected' && m.at > kicked.at,
    );
    await publish(env?.sim as never, streamMessage(BEV_VIN, new Date(), { [BATTERY]: 57 }));
    await recorder.waitFor(BATTERY_TOPIC, batteryIs(57));
  });

  it('a flood of 10,000 stream messages: about one state a second, every field topic current at the end', async () => {
    const hub = await start({ budget: { readsPerVehiclePerDay: 0 } });
    await hub.ready;
    const recorder = await subscribe(hub, [`bimmer/${BEV_VIN}/#`, 'bimmer/connection']);
    await recorder.waitFor('bimmer/connection', connectionIs('connected'));
    const start0 = Date.now() - 20_000;
    const total = 10_000;
    const startedAt = Date.now();
    for (let chunk = 0; chunk < total / 1_000; chunk++) {
      const messages = Array.from({ length: 1_000 }, (_, index) => {
        const i = chunk * 1_000 + index;
        return streamMessage(BEV_VIN, new Date(start0 + i), {
          [BATTERY]: i % 100,
          [TRUNK]: i % 2 === 0,
          'vehicle.drivetrain.electricEngine.kombiRemainingElectricRange': 100 + (i % 300),
        });
      });
      await publish(env?.sim as never, ...messages);
    }
    const last = total - 1;
    await recorder.waitFor(BATTERY_TOPIC, batteryIs(last % 100), 60_000);
    await recorder.waitFor(
      `bimmer/${BEV_VIN}/state`,
      (m) => JSON.parse(m.payload).fuelAndBattery?.remainingBatteryPercent === last % 100,
      5_000,
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const states = recorder.messages.filter((m) => m.topic === `bimmer/${BEV_VIN}/state`);
    expect(states.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    const finalState = JSON.parse(states.at(-1)?.payload ?? '{}');
    expect(finalState.fuelAndBattery.remainingRangeElectric).toEqual({
      value: 100 + (last % 300),
      unit: 'km',
    });
    expect(finalState.doorsAndWindows.lids.find((lid: { name: string }) => lid.name === 'trunk').state).toBe(
      'CLOSED',
    );
    // A consumer arriving after the flood sees the final values, retained.
    const late = await subscribe(hub, [`bimmer/${BEV_VIN}/#`]);
    expect(JSON.parse((await late.waitFor(BATTERY_TOPIC)).payload).value).toBe(last % 100);
    expect(
      JSON.parse((await late.waitFor(`bimmer/${BEV_VIN}/fuelAndBattery/remainingRangeElectric`)).payload)
        .value,
    ).toBe(100 + (last % 300));
    expect(
      JSON.parse((await late.waitFor(`bimmer/${BEV_VIN}/doorsAndWindows/lids/trunk`)).payload).value,
    ).toBe('CLOSED');
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    expect(Number(/^bimmer_hub_stream_messages_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      total,
    );
  }, 120_000);
});
