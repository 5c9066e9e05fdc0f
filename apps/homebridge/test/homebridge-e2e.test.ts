// End to end in a real Homebridge 2.1.0: the packed plugin installed from its tarball into a fresh
// folder, Homebridge started on free ports against the simulator (login through the settings page's
// own login flow, approved on the simulator), tiles read from /accessories, stream messages pushed,
// and a restart that shows the last values before any REST call. Startup logs no warning.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTokenFile } from '../src/config/parse-platform-config';
import { waitFor } from '../src/test-support/homebridge-harness';
import {
  characteristicValue,
  freePort,
  HAP_TYPES,
  type HapAccessoryJson,
  HomebridgeProcess,
  accessoriesWhen as waitForAccessories,
} from '../src/test-support/homebridge-process';
import { installPackedPlugin } from '../src/test-support/packed-plugin';
import {
  control,
  loginOnSimulator,
  startCarDataSimulator,
  streamMessage,
} from '../src/test-support/simulator';

const BEV = 'WBASIMCARDATA0001';
const BEV_SERIAL = 'WBA**********0001';
const PETROL_SERIAL = 'WBA**********0002';

let work: string;
let storage: string;
let pluginPath: string;
let simulator: Simulator;
let port: number;
let homebridge: HomebridgeProcess | undefined;

/** Reads /accessories until `ready` holds for it. */
const accessoriesWhen = (
  ready: (accessories: HapAccessoryJson[]) => boolean,
  timeoutMs: number,
  what: string,
) => waitForAccessories(port, ready, timeoutMs, what, () => homebridge?.text() ?? '');

const value = (
  accessories: HapAccessoryJson[],
  serial: string,
  service: string,
  name: string | undefined,
  c: string,
) => characteristicValue(accessories, serial, service, name, c);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bimmer-hb-e2e-'));
  storage = join(work, 'storage');
  await mkdir(storage, { recursive: true });
  pluginPath = await installPackedPlugin(work);
  simulator = await startCarDataSimulator();
  await loginOnSimulator(simulator, defaultTokenFile(storage));
  port = await freePort();
  await writeFile(
    join(storage, 'config.json'),
    JSON.stringify({
      bridge: {
        name: 'Bimmer Test',
        username: '0E:42:B1:3A:7C:11',
        port,
        pin: '031-45-154',
        advertiser: 'ciao',
      },
      accessories: [],
      platforms: [
        {
          platform: 'Bimmer',
          name: 'Bimmer',
          transport: 'cardata',
          baseUrl: simulator.url,
          streamUrl: simulator.mqttUrl,
        },
      ],
    }),
  );
}, 180_000);

afterAll(async () => {
  await homebridge?.stop();
  await simulator?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('the packed plugin in Homebridge 2.1.0', () => {
  it('shows the simulator car as tiles, read from /accessories', async () => {
    homebridge = new HomebridgeProcess(storage, pluginPath);
    const accessories = await accessoriesWhen(
      (list) =>
        value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 64 &&
        value(list, PETROL_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 70,
      60_000,
      'the battery tiles of both cars',
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
    expect(value(accessories, PETROL_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel)).toBe(70);
    expect(value(accessories, PETROL_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(2);
  });

  it('shows stream messages within two seconds', async () => {
    await waitFor(() => /connected to BMW CarData/.test(homebridge?.text() ?? ''), 20_000, 'the stream');
    await control(simulator, 'publish', [
      streamMessage(BEV, {
        'vehicle.drivetrain.batteryManagement.header': 72,
        'vehicle.drivetrain.electricEngine.charging.hvStatus': 'CHARGING',
        'vehicle.body.chargingPort.status': 'CONNECTED',
        'vehicle.body.trunk.isOpen': true,
      }),
    ]);
    const published = Date.now();
    const accessories = await accessoriesWhen(
      (list) =>
        value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 72 &&
        value(list, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Trunk', HAP_TYPES.ContactSensorState) === 1,
      2_000,
      'the pushed values',
    );
    expect(Date.now() - published).toBeLessThan(2_000);
    expect(value(accessories, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(1);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.OccupancySensor, 'Plugged in', HAP_TYPES.OccupancyDetected),
    ).toBe(1);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.OccupancySensor, 'Charging', HAP_TYPES.OccupancyDetected),
    ).toBe(1);
  });

  it('started without any warning, and logged no VIN or token', () => {
    const text = homebridge?.text() ?? '';
    expect(text).toMatch(/Added i4 eDrive40 \(WBA\*{10}0001\)/);
    expect(homebridge?.warnings()).toEqual([]);
    expect(text).not.toMatch(/WBASIMCARDATA000\d/);
  });

  it('restores the last values after a restart before any REST call', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await homebridge?.stop();
    simulator.clearRequests();
    homebridge = new HomebridgeProcess(storage, pluginPath);
    const accessories = await accessoriesWhen(
      (list) => value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) !== undefined,
      60_000,
      'the restored tiles',
    );
    const rest = () => simulator.requests().filter((request) => request.path.startsWith('/customers/'));
    expect(rest()).toEqual([]);
    expect(value(accessories, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel)).toBe(72);
    expect(value(accessories, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.ChargingState)).toBe(1);
    expect(
      value(accessories, BEV_SERIAL, HAP_TYPES.ContactSensor, 'Trunk', HAP_TYPES.ContactSensorState),
    ).toBe(1);
    await waitFor(() => /connected to BMW CarData/.test(homebridge?.text() ?? ''), 20_000, 'the stream');
    expect(rest()).toEqual([]);
    expect(homebridge?.warnings()).toEqual([]);
  });

  it('works as a child bridge', async () => {
    await homebridge?.stop();
    const childPort = await freePort();
    await writeFile(
      join(storage, 'config.json'),
      JSON.stringify({
        bridge: {
          name: 'Bimmer Test',
          username: '0E:42:B1:3A:7C:11',
          port,
          pin: '031-45-154',
          advertiser: 'ciao',
        },
        accessories: [],
        platforms: [
          {
            platform: 'Bimmer',
            name: 'Bimmer',
            transport: 'cardata',
            baseUrl: simulator.url,
            streamUrl: simulator.mqttUrl,
            _bridge: { username: '0E:42:B1:3A:7C:22', port: childPort },
          },
        ],
      }),
    );
    homebridge = new HomebridgeProcess(storage, pluginPath);
    const mainPort = port;
    port = childPort;
    try {
      const accessories = await accessoriesWhen(
        (list) => value(list, BEV_SERIAL, HAP_TYPES.Battery, undefined, HAP_TYPES.BatteryLevel) === 72,
        60_000,
        'the tiles on the child bridge',
      );
      expect(
        value(accessories, BEV_SERIAL, HAP_TYPES.LockMechanism, 'Lock', HAP_TYPES.LockCurrentState),
      ).toBe(1);
      await waitFor(() => /connected to BMW CarData/.test(homebridge?.text() ?? ''), 20_000, 'the stream');
      expect(homebridge?.warnings()).toEqual([]);
    } finally {
      port = mainPort;
    }
  });
});
