// The hub and MyBMW transports end to end in a real Homebridge 2.1.0, with the packed plugin
// installed from its tarball. Hub: a real `bimmer hub` on the simulator (embedded broker, API key),
// the plugin reading through it with no BMW login of its own: tiles from /accessories, a stream
// message on the simulator in Home within two seconds, BMW seeing the hub's one stream connection.
// MyBMW: the MyBMW live account polling the simulator; a tap on the lock (PUT /characteristics, as
// a HomeKit controller sends it) locks the car on the simulator and the tile follows.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Hub, startHub } from '@bimmer/hub';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../src/test-support/homebridge-harness';
import {
  accessoriesWhen,
  characteristicValue,
  findCharacteristic,
  freePort,
  HAP_TYPES,
  type HapAccessoryJson,
  HomebridgeProcess,
  writeCharacteristic,
} from '../src/test-support/homebridge-process';
import { installPackedPlugin } from '../src/test-support/packed-plugin';
import {
  control,
  loginOnSimulator,
  startCarDataSimulator,
  streamMessage,
} from '../src/test-support/simulator';

const PIN = '031-45-154';
const BEV = 'WBASIMCARDATA0001';
const BEV_SERIAL = 'WBA**********0001';
const PETROL_SERIAL = 'WBA**********0002';
const I5 = 'WBA00000BIMMER001';
const I5_SERIAL = 'WBA**********R001';

let work: string;
let pluginPath: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bimmer-hb-transports-'));
  pluginPath = await installPackedPlugin(work);
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A fresh Homebridge storage folder whose config.json has the bridge and one Bimmer platform. */
async function storageWith(name: string, port: number, platform: Record<string, unknown>): Promise<string> {
  const storage = join(work, name);
  await mkdir(storage, { recursive: true });
  await writeFile(
    join(storage, 'config.json'),
    JSON.stringify({
      bridge: { name: `Bimmer ${name}`, username: '0E:42:B1:3A:7C:33', port, pin: PIN, advertiser: 'ciao' },
      accessories: [],
      platforms: [{ platform: 'Bimmer', name: 'Bimmer', ...platform }],
    }),
  );
  return storage;
}

const value = (
  accessories: HapAccessoryJson[],
  serial: string,
  service: string,
  name: string | undefined,
  c: string,
) => characteristicValue(accessories, serial, service, name, c);

describe('the hub transport in Homebridge 2.1.0', () => {
  const API_KEY = 'homebridge-e2e-hub-key-0001';
  let simulator: Simulator;
  let hub: Hub;
  let homebridge: HomebridgeProcess | undefined;
  let port: number;
  const hubLog: string[] = [];

  beforeAll(async () => {
    simulator = await startCarDataSimulator();
    const tokenFile = join(work, 'hub-cardata-tokens.json');
    await loginOnSimulator(simulator, tokenFile);
    hub = await startHub({
      tokenFile,
      baseUrl: simulator.url,
      streamUrl: simulator.mqttUrl,
      httpPort: 0,
      mqttPort: 0,
      apiKey: API_KEY,
      log: { info: (line) => hubLog.push(line), warn: (line) => hubLog.push(`warning: ${line}`) },
    });
    await hub.ready;
    // The hub's own first reads (its budget policy), so both cars are complete before Homebridge.
    await waitFor(
      () =>
        hub.account?.connection.state === 'connected' &&
        hub.account.vehicles.filter((vehicle) => vehicle.snapshot.mileage !== undefined).length === 2,
      30_000,
      "the hub's first reads",
    );
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    await homebridge?.stop();
    await hub?.stop();
    await simulator?.stop();
  });

  it('shows the cars the hub holds, and a stream message within two seconds', async () => {
    const storage = await storageWith('hub', port, {
      transport: 'hub',
      hubUrl: hub.httpUrl,
      hubApiKey: API_KEY,
    });
    homebridge = new HomebridgeProcess(storage, pluginPath);
    const output = () => homebridge?.text() ?? '';
    const accessories = await accessoriesWhen(
      port,
      (list) =>
        value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 64 &&
        value(list, PETROL_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 70,
      60_000,
      'the battery tiles of both cars',
      output,
    );
    expect(value(accessories, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(0);
    expect(value(accessories, BEV_SERIAL, HAP_TYPES.LockMechanism, 'Lock', HAP_TYPES.LockCurrentState)).toBe(
      1,
    );
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Doors', HAP_TYPES.ContactSensorState),
    ).toBe(0);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Windows', HAP_TYPES.ContactSensorState),
    ).toBe(1);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Trunk', HAP_TYPES.ContactSensorState),
    ).toBe(0);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.OccupancySensor, 'Plugged in', HAP_TYPES.OccupancyDetected),
    ).toBe(0);
    expect(value(accessories, PETROL_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(2);

    await waitFor(() => /connected to the bimmer hub/.test(output()), 20_000, 'the hub connection');
    const restBefore = simulator
      .requests()
      .filter((request) => request.path.startsWith('/customers/')).length;
    await control(simulator, 'publish', [
      streamMessage(BEV, {
        'vehicle.drivetrain.batteryManagement.header': 71,
        'vehicle.drivetrain.electricEngine.charging.hvStatus': 'CHARGING',
        'vehicle.body.chargingPort.status': 'CONNECTED',
        'vehicle.body.trunk.isOpen': true,
      }),
    ]);
    const published = Date.now();
    const pushed = await accessoriesWhen(
      port,
      (list) =>
        value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 71 &&
        value(list, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Trunk', HAP_TYPES.ContactSensorState) === 1,
      2_000,
      'the pushed values',
      output,
    );
    expect(Date.now() - published).toBeLessThan(2_000);
    expect(value(pushed, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(1);
    expect(
      value(pushed, BEV_SERIAL, HAP_TYPES.OccupancySensor, 'Charging', HAP_TYPES.OccupancyDetected),
    ).toBe(1);

    // Homebridge cost BMW nothing: no REST call, no stream connection besides the hub's.
    expect(simulator.requests().filter((request) => request.path.startsWith('/customers/')).length).toBe(
      restBefore,
    );
    const brokerState = (await fetch(`${simulator.url}/_simulator/cardata/state`).then((response) =>
      response.json(),
    )) as { streamLogins: number; kicks: number };
    expect(brokerState.streamLogins).toBe(1);
    expect(brokerState.kicks).toBe(0);
    expect(homebridge.warnings()).toEqual([]);
    expect(output()).not.toContain(API_KEY);
    expect(output()).not.toMatch(/WBASIMCARDATA000\d/);
  });
});

describe('the MyBMW transport in Homebridge 2.1.0', () => {
  const LOGIN = { username: 'demo@bimmer.dev', password: 'bimmer-demo' };
  let simulator: Simulator;
  let homebridge: HomebridgeProcess | undefined;
  let port: number;

  beforeAll(async () => {
    simulator = await startSimulator({
      port: 0,
      cardataVehicles: false,
      remoteServices: { stepsPerStatus: 0 },
    });
    // The i5 was left unlocked.
    simulator.changeState(I5, { patch: { state: { doorsState: { combinedSecurityState: 'UNLOCKED' } } } });
    port = await freePort();
  });

  afterAll(async () => {
    await homebridge?.stop();
    await simulator?.stop();
  });

  it('locks the car on a tap, and the tile shows the car locked', async () => {
    const storage = await storageWith('mybmw', port, {
      transport: 'mybmw',
      ...LOGIN,
      region: 'rest_of_world',
      captchaToken: 'any-token',
      baseUrl: simulator.url,
    });
    homebridge = new HomebridgeProcess(storage, pluginPath);
    const output = () => homebridge?.text() ?? '';
    const accessories = await accessoriesWhen(
      port,
      (list) => value(list, I5_SERIAL, HAP_TYPES.LockMechanism, 'Lock', HAP_TYPES.LockCurrentState) === 0,
      60_000,
      'the unlocked i5',
      output,
    );
    const target = findCharacteristic(
      accessories,
      I5_SERIAL,
      HAP_TYPES.LockMechanism,
      'Lock',
      HAP_TYPES.LockTargetState,
    );
    if (target === undefined) throw new Error('the lock has no target state');
    expect(await writeCharacteristic(port, PIN, target, 1)).toBe(204);
    await accessoriesWhen(
      port,
      (list) => value(list, I5_SERIAL, HAP_TYPES.LockMechanism, 'Lock', HAP_TYPES.LockCurrentState) === 1,
      60_000,
      'the i5 locked',
      output,
    );
    const commands = simulator.events().map((event) => event.service);
    expect(commands).toEqual(['door-lock']);
    expect(
      (simulator.state(I5) as { state: { doorsState: { combinedSecurityState: string } } }).state.doorsState
        .combinedSecurityState,
    ).toBe('LOCKED');
    await waitFor(() => /Lock: lock done\./.test(output()), 10_000, 'the command done');
    expect(output()).toMatch(/Lock: sending lock to the car…/);
    expect(output()).toMatch(/Lock: lock EXECUTED after \d+ s/);
    expect(homebridge.warnings()).toEqual([]);
    expect(output()).not.toContain(I5);
    expect(output()).not.toContain(LOGIN.password);
  });
});
