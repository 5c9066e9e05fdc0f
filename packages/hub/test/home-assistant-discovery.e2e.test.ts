import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../src/index';
import { checkDeviceDiscovery } from './support/home-assistant-rules';
import { MqttRecorder } from './support/mqtt-recorder';
import { recordingLogger } from './support/quiet-logger';
import { BEV_VIN, type LoggedInSimulator, loggedInSimulator, PETROL_VIN } from './support/simulator';

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

async function start(extra: Parameters<typeof startHub>[0] = {}): Promise<Hub> {
  env = await loggedInSimulator();
  hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
    ...extra,
  });
  await hub.ready;
  return hub;
}

type Config = {
  cmps: Record<string, Record<string, unknown>>;
  dev: Record<string, unknown>;
  o: Record<string, unknown>;
};

const hasComponent = (key: string) => (m: { payload: string }) =>
  key in (JSON.parse(m.payload) as Config).cmps;

describe('Home Assistant discovery', () => {
  it('announces one device per vehicle that passes the discovery rules, every entity on a published topic', async () => {
    const running = await start();
    recorder = await MqttRecorder.connect(running.mqttUrl, ['#']);
    const bev = await recorder.waitFor(
      `homeassistant/device/bimmer_${BEV_VIN}/config`,
      hasComponent('lid_trunk'),
    );
    const petrol = await recorder.waitFor(
      `homeassistant/device/bimmer_${PETROL_VIN}/config`,
      hasComponent('fuel'),
    );
    const expected = { discoveryPrefix: 'homeassistant', availabilityTopic: 'bimmer/status' };
    for (const message of [bev, petrol]) {
      expect(checkDeviceDiscovery(message.topic, message.payload, expected), message.topic).toEqual([]);
    }
    const config = JSON.parse(bev.payload) as Config;
    expect(config.dev).toMatchObject({
      ids: [`bimmer_${BEV_VIN}`],
      name: 'BMW i4 eDrive40',
      mf: 'BMW',
      sn: BEV_VIN,
    });
    expect(config.o).toMatchObject({ name: 'bimmer', url: expect.stringContaining('bimmer') });
    expect(config.cmps.battery).toMatchObject({
      p: 'sensor',
      device_class: 'battery',
      unit_of_measurement: '%',
      state_class: 'measurement',
      state_topic: `bimmer/${BEV_VIN}/fuelAndBattery/remainingBatteryPercent`,
      value_template: '{{ value_json.value }}',
    });
    expect(config.cmps.mileage).toMatchObject({
      device_class: 'distance',
      unit_of_measurement: 'km',
      state_class: 'total_increasing',
    });
    expect(config.cmps.plug).toMatchObject({ p: 'binary_sensor', device_class: 'plug' });
    expect(config.cmps.charging).toMatchObject({ p: 'binary_sensor', device_class: 'battery_charging' });
    expect(config.cmps.lock).toMatchObject({ p: 'binary_sensor', device_class: 'lock' });
    expect(config.cmps.location).toMatchObject({
      p: 'device_tracker',
      source_type: 'gps',
      json_attributes_topic: `bimmer/${BEV_VIN}/vehicleLocation/location`,
    });
    expect(config.cmps.lid_left_front).toMatchObject({ p: 'binary_sensor', device_class: 'door' });
    expect(config.cmps.lid_trunk).toMatchObject({ device_class: 'opening' });
    expect(config.cmps.window_right_front).toMatchObject({ device_class: 'window' });
    expect(Object.keys(config.cmps)).toEqual(
      expect.arrayContaining([
        'range_electric',
        'charging_status',
        'charging_target',
        'climate',
        'service_required',
        'check_control',
      ]),
    );
    // The petrol car has fuel, no battery, and its sunroof is a window.
    const petrolConfig = JSON.parse(petrol.payload) as Config;
    expect(petrolConfig.cmps.fuel).toMatchObject({
      device_class: 'volume_storage',
      unit_of_measurement: 'L',
    });
    expect(petrolConfig.cmps.battery).toBeUndefined();
    expect(petrolConfig.cmps.lid_sun_roof).toMatchObject({ name: 'Sunroof', device_class: 'window' });
    // Every topic an entity reads is one the hub publishes, retained.
    for (const component of [...Object.values(config.cmps), ...Object.values(petrolConfig.cmps)]) {
      const topic = (component.state_topic ?? component.json_attributes_topic) as string;
      expect(recorder.last.has(topic), topic).toBe(true);
    }
    // Retained: Home Assistant started later finds both devices.
    const late = await MqttRecorder.connect(running.mqttUrl, ['homeassistant/#']);
    try {
      expect((await late.waitFor(bev.topic)).retain).toBe(true);
      expect((await late.waitFor(petrol.topic)).retain).toBe(true);
    } finally {
      await late.close();
    }
  });

  it('re-sends the configs when Home Assistant says it is online', async () => {
    const running = await start();
    recorder = await MqttRecorder.connect(running.mqttUrl, ['homeassistant/#']);
    const topic = `homeassistant/device/bimmer_${BEV_VIN}/config`;
    await recorder.waitFor(topic, hasComponent('lid_trunk'));
    const before = recorder.messages.filter((m) => m.topic === topic).length;
    await recorder.publish('homeassistant/status', 'online');
    await recorder.waitFor(
      topic,
      () => recorder !== undefined && recorder.messages.filter((m) => m.topic === topic).length > before,
    );
    const resent = recorder.messages.filter((m) => m.topic === topic).at(-1);
    expect(resent?.retain).toBe(false);
    expect(JSON.parse(resent?.payload ?? '{}')).toMatchObject({ dev: { ids: [`bimmer_${BEV_VIN}`] } });
  });

  it('announces nothing with discovery off, and uses the given prefixes', async () => {
    const running = await start({ discovery: false, prefix: 'cars' });
    recorder = await MqttRecorder.connect(running.mqttUrl, ['#']);
    await recorder.waitFor(`cars/${BEV_VIN}/state`);
    await recorder.waitFor('cars/status', (m) => m.payload === 'online');
    expect([...recorder.last.keys()].filter((topic) => topic.startsWith('homeassistant/'))).toEqual([]);
  });
});
