import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, openDemoLiveAccount, startHub } from '../src/index';
import { MqttRecorder } from './support/mqtt-recorder';
import { recordingLogger } from './support/quiet-logger';
import { BATTERY, BEV_VIN, PETROL_VIN, publish, streamMessage } from './support/simulator';

let hub: Hub | undefined;
let recorder: MqttRecorder | undefined;
let dir: string | undefined;

afterEach(async () => {
  await recorder?.close();
  await hub?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  recorder = undefined;
  hub = undefined;
  dir = undefined;
});

describe('the demo', () => {
  it('openDemoLiveAccount gives a logged-in CarData live account on the simulator with our fleet', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bimmer-demo-'));
    const demo = await openDemoLiveAccount({ stateDir: dir, account: { events: { batteryBelow: [20] } } });
    try {
      expect(demo.account.kind).toBe('cardata');
      expect(demo.account.connection.state).toBe('idle');
      const connected = new Promise<void>((resolve) =>
        demo.account.on('connection', (connection) => connection.state === 'connected' && resolve()),
      );
      const vehicles = new Promise<void>((resolve) =>
        demo.account.on('change', () => {
          const read = demo.account.vehicles.filter((vehicle) => vehicle.snapshot.mileage !== undefined);
          if (read.length >= 2) resolve();
        }),
      );
      await demo.account.start();
      await Promise.all([connected, vehicles]);
      expect(demo.account.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([BEV_VIN, PETROL_VIN]);
      // Its simulator is there to play BMW: a stream message reaches the account.
      const event = new Promise((resolve) => demo.account.on('event', resolve));
      await publish(demo.simulator, streamMessage(BEV_VIN, new Date(), { [BATTERY]: 12 }));
      expect(await event).toMatchObject({ type: 'battery-below', vin: BEV_VIN });
    } finally {
      await demo.stop();
    }
    expect(existsSync(join(dir, 'demo-cardata-state.json'))).toBe(true);
    await expect(fetch(`${demo.simulator.url}/_simulator/info`)).rejects.toThrow();
  });

  it('startHub({ demo: true }) publishes Home Assistant-ready topics within seconds, with no car and no account', async () => {
    const log = recordingLogger();
    const started = Date.now();
    hub = await startHub({ demo: true, httpPort: 0, mqttPort: 0, log });
    recorder = await MqttRecorder.connect(hub.mqttUrl, ['bimmer/#', 'homeassistant/#']);
    await recorder.waitFor(`bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`);
    await recorder.waitFor(`homeassistant/device/bimmer_${BEV_VIN}/config`);
    await recorder.waitFor(`bimmer/${PETROL_VIN}/state`);
    // Not a timed assertion: the figure goes to the benchmark; this only says "seconds, not minutes".
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(hub.account?.kind).toBe('cardata');
    expect(log.lines.some((line) => line.startsWith('Demo:'))).toBe(true);
    const health = (await (await fetch(`${hub.httpUrl}/health`)).json()) as { vehicles: number };
    expect(health.vehicles).toBe(2);
  });

  it("keeps the demo's login and state in the given directory", async () => {
    dir = await mkdtemp(join(tmpdir(), 'bimmer-demo-'));
    hub = await startHub({ demo: true, stateDir: dir, httpPort: 0, mqttPort: 0, log: recordingLogger() });
    await hub.ready;
    await hub.stop();
    expect(existsSync(join(dir, 'demo-cardata-tokens.json'))).toBe(true);
    expect(existsSync(join(dir, 'demo-cardata-state.json'))).toBe(true);
  });
});
