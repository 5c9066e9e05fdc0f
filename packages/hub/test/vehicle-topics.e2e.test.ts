import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../src/index';
import { MqttRecorder } from './support/mqtt-recorder';
import { recordingLogger } from './support/quiet-logger';
import {
  BATTERY,
  BEV_VIN,
  type LoggedInSimulator,
  loggedInSimulator,
  publish,
  streamMessage,
  TRUNK,
} from './support/simulator';

let env: LoggedInSimulator;
let hub: Hub;
let recorder: MqttRecorder;

beforeAll(async () => {
  env = await loggedInSimulator();
  hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
    events: { batteryBelow: [20] },
  });
  await hub.ready;
  recorder = await MqttRecorder.connect(hub.mqttUrl, ['bimmer/#']);
  await recorder.waitFor('bimmer/connection', (m) => JSON.parse(m.payload).state === 'connected');
  await recorder.waitFor(`bimmer/${BEV_VIN}/doorsAndWindows/lids/trunk`);
});

afterAll(async () => {
  await recorder?.close();
  await hub?.stop();
  await env?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('vehicle topics', () => {
  it('publishes derived events, not retained, with the time of the field that caused them', async () => {
    const at = new Date(Date.now() - 1_000);
    await publish(env.sim, streamMessage(BEV_VIN, at, { [TRUNK]: true, [BATTERY]: 15 }));
    const opened = await recorder.waitFor(
      `bimmer/${BEV_VIN}/event`,
      (m) => JSON.parse(m.payload).type === 'lid-opened',
    );
    expect(JSON.parse(opened.payload)).toEqual({
      type: 'lid-opened',
      vin: BEV_VIN,
      at: at.toISOString().replace('.000Z', 'Z'),
      detail: expect.objectContaining({ lid: 'trunk' }),
    });
    expect(opened.retain).toBe(false);
    const below = await recorder.waitForMessage(
      (m) => m.topic.endsWith('/event') && JSON.parse(m.payload).type === 'battery-below',
    );
    expect(JSON.parse(below.payload)).toMatchObject({ detail: { percent: 15, threshold: 20 } });
    // A consumer that subscribes afterwards gets no old event.
    const late = await MqttRecorder.connect(hub.mqttUrl, [`bimmer/${BEV_VIN}/event`]);
    await sleep(300);
    expect(late.messages).toEqual([]);
    await late.close();
  });

  it('passes BMW stream messages on unchanged', async () => {
    const message = streamMessage(BEV_VIN, new Date(Date.now() - 500), {
      [BATTERY]: 33,
      'vehicle.unknown.descriptor': 'x',
    });
    await publish(env.sim, message);
    const raw = await recorder.waitFor(`bimmer/raw/${BEV_VIN}`, (m) => m.payload.includes('"value":33'));
    expect(raw.payload).toBe(JSON.stringify(message));
  });

  it('sends the state at most once a second, ending with the last values; each field topic at once', async () => {
    const topic = `bimmer/${BEV_VIN}/state`;
    await sleep(1_100);
    const from = recorder.messages.length;
    const base = Date.now() - 200;
    for (let i = 0; i < 5; i++)
      await publish(env.sim, streamMessage(BEV_VIN, new Date(base + i * 20), { [BATTERY]: 50 + i }));
    await recorder.waitFor(topic, (m) => JSON.parse(m.payload).fuelAndBattery.remainingBatteryPercent === 54);
    const fieldValues = recorder.messages
      .slice(from)
      .filter((m) => m.topic === `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`)
      .map((m) => JSON.parse(m.payload).value);
    expect(fieldValues).toEqual([50, 51, 52, 53, 54]);
    const states = recorder.messages.slice(from).filter((m) => m.topic === topic);
    expect(states.length).toBeLessThanOrEqual(2);
    const state = JSON.parse(states.at(-1)?.payload ?? '{}');
    expect(state.fieldTimes['fuelAndBattery.remainingBatteryPercent'].at).toBe(
      new Date(base + 80).toISOString().replace('.000Z', 'Z'),
    );
  });
});
