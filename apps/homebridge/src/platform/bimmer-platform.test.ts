// The platform inside Homebridge 2.1.0's real API and HAP objects, on the simulator's CarData
// backend over real HTTP and MQTT: accessories from the fleet, reads from live state, stream pushes,
// the honest CarData lock, trips and home from the account's derived events, the REST budget's plan,
// a duplicate entry, a restart without REST calls, and clean logs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarDataLiveBudget } from '@bimmer/cardata';
import type { Simulator } from '@bimmer/simulator';
import type { API, PlatformAccessory, PlatformConfig, Service } from 'homebridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTokenFile } from '../config/parse-platform-config';
import { type LoggedLine, loadHomebridge, recordingLog, waitFor } from '../test-support/homebridge-harness';
import { control, loginOnSimulator, startCarDataSimulator, streamMessage } from '../test-support/simulator';
import { BimmerPlatform } from './bimmer-platform';

const BEV = 'WBASIMCARDATA0001';
const PETROL = 'WBASIMCARDATA0002';
const SECONDARY = 'WBASIMCARDATA0003';
/** A circle around the BEV's parking place in the fixture. */
const HOME = { latitude: 52.5163, longitude: 13.3777, radiusMeters: 150 };

let storage: string;
let simulator: Simulator;
let homebridge: Awaited<ReturnType<typeof loadHomebridge>>;

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'bimmer-hb-'));
  simulator = await startCarDataSimulator();
  homebridge = await loadHomebridge(storage);
  await loginOnSimulator(simulator, defaultTokenFile(storage));
});

afterAll(async () => {
  await simulator?.stop();
  await rm(storage, { recursive: true, force: true });
});

function config(extra: Record<string, unknown> = {}): PlatformConfig {
  return {
    platform: 'Bimmer',
    name: 'Bimmer',
    transport: 'cardata',
    baseUrl: simulator.url,
    streamUrl: simulator.mqttUrl,
    ...extra,
  } as PlatformConfig;
}

interface Running {
  api: API & NodeJS.EventEmitter;
  platform: BimmerPlatform;
  lines: LoggedLine[];
  registered: PlatformAccessory[];
}

function launch(platformConfig: PlatformConfig, cached: PlatformAccessory[] = []): Running {
  const api = new homebridge.HomebridgeAPI();
  const lines: LoggedLine[] = [];
  const registered: PlatformAccessory[] = [];
  api.on('registerPlatformAccessories', (accessories: PlatformAccessory[]) =>
    registered.push(...accessories),
  );
  const platform = new BimmerPlatform(recordingLog(lines), platformConfig, api);
  for (const accessory of cached) platform.configureAccessory(accessory);
  api.emit('didFinishLaunching');
  return { api, platform, lines, registered };
}

function service(accessory: PlatformAccessory, subtype: string): Service {
  const found = accessory.services.find((candidate) => candidate.subtype === subtype);
  if (found === undefined) throw new Error(`no ${subtype} tile`);
  return found;
}

/** A characteristic's value as HomeKit reads it (through onGet). */
async function read(accessory: PlatformAccessory, subtype: string, name: string): Promise<unknown> {
  const characteristic = service(accessory, subtype).characteristics.find((c) => c.constructor.name === name);
  if (characteristic === undefined) throw new Error(`no ${name} on ${subtype}`);
  return characteristic.handleGetRequest();
}

function accessoryOf(running: Running, vin: string): PlatformAccessory | undefined {
  return [...running.platform.accessories.values()].find((handler) => handler.accessory.context.vin === vin)
    ?.accessory;
}

describe('the Bimmer platform on the CarData simulator', () => {
  let first: Running;

  it('creates one accessory per readable VIN with the fleet values', async () => {
    first = launch(config({ staleAfterMinutes: 60, home: HOME }));
    await waitFor(() => first.platform.account?.connection.state === 'connected', 15_000, 'the stream');
    // A new login: the account reads the vehicle list, then each car once (the lock state and
    // services never come over the stream); then nothing more for hours.
    const budget = await waitFor(
      () => {
        const current = first.platform.account?.budget as CarDataLiveBudget | undefined;
        return current?.vehicles.length === 2 &&
          current.vehicles.every((vehicle) => vehicle.lastRestReadAt !== undefined)
          ? current
          : undefined;
      },
      15_000,
      'the first REST read of both cars',
    );
    // Nothing streamed yet: the next read waits for three silent hours (the policy's default).
    expect(budget.vehicles.map((vehicle) => vehicle.reason)).toEqual(['stream-silent', 'stream-silent']);
    expect(budget.nextRestReadAt?.getTime()).toBeGreaterThan(Date.now() + 2.5 * 3_600_000);
    expect(budget.reserve).toBe(10);
    const bev = await waitFor(() => accessoryOf(first, BEV), 5_000, 'the BEV accessory');
    expect(accessoryOf(first, PETROL)).toBeDefined();
    expect(accessoryOf(first, SECONDARY)).toBeUndefined();
    expect(first.registered.map((accessory) => accessory.UUID).sort()).toEqual(
      [BEV, PETROL].map((vin) => first.api.hap.uuid.generate(`bimmer:${vin}`)).sort(),
    );
    // i4 BEV: 64 %, NOT_CHARGING, unplugged, SECURED, passenger window part-open, doors closed.
    expect(await read(bev, 'battery', 'BatteryLevel')).toBe(64);
    expect(await read(bev, 'battery', 'ChargingState')).toBe(0);
    expect(await read(bev, 'battery', 'StatusLowBattery')).toBe(0);
    expect(await read(bev, 'lock', 'LockCurrentState')).toBe(1);
    expect(await read(bev, 'doors', 'ContactSensorState')).toBe(0);
    expect(await read(bev, 'windows', 'ContactSensorState')).toBe(1);
    expect(await read(bev, 'plugged-in', 'OccupancyDetected')).toBe(0);
    expect(await read(bev, 'at-home', 'OccupancyDetected')).toBe(1);
    expect(await read(bev, 'in-use', 'MotionDetected')).toBe(false);
    // The fixture's values are days old: stale against a one-hour threshold.
    expect(await read(bev, 'doors', 'StatusFault')).toBe(1);
    const info = bev.getService(first.api.hap.Service.AccessoryInformation);
    expect(info?.getCharacteristic(first.api.hap.Characteristic.SerialNumber).value).toBe(
      'WBA**********0001',
    );
    expect(info?.getCharacteristic(first.api.hap.Characteristic.Manufacturer).value).toBe('BMW');
    expect(service(bev, 'battery').getCharacteristic(first.api.hap.Characteristic.ConfiguredName).value).toBe(
      'Battery',
    );
  });

  it('pushes stream messages to the characteristics', async () => {
    const bev = accessoryOf(first, BEV) as PlatformAccessory;
    const C = first.api.hap.Characteristic;
    await control(simulator, 'publish', [
      streamMessage(BEV, {
        'vehicle.drivetrain.batteryManagement.header': 71,
        'vehicle.drivetrain.electricEngine.charging.hvStatus': 'CHARGING',
        'vehicle.body.chargingPort.status': 'CONNECTED',
        'vehicle.cabin.door.row1.driver.isOpen': true,
      }),
    ]);
    await waitFor(
      () => service(bev, 'battery').getCharacteristic(C.BatteryLevel).value === 71,
      2_000,
      'level 71',
    );
    expect(service(bev, 'battery').getCharacteristic(C.ChargingState).value).toBe(1);
    expect(service(bev, 'plugged-in').getCharacteristic(C.OccupancyDetected).value).toBe(1);
    expect(service(bev, 'charging').getCharacteristic(C.OccupancyDetected).value).toBe(1);
    expect(service(bev, 'doors').getCharacteristic(C.ContactSensorState).value).toBe(1);
    // A value measured just now: fresh again.
    expect(await read(bev, 'doors', 'StatusFault')).toBe(0);
  });

  it("switches In use and At home with the account's derived trip and geofence events", async () => {
    const bev = accessoryOf(first, BEV) as PlatformAccessory;
    const C = first.api.hap.Characteristic;
    const motion = () => service(bev, 'in-use').getCharacteristic(C.MotionDetected).value;
    const home = () => service(bev, 'at-home').getCharacteristic(C.OccupancyDetected).value;
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const position = (latitude: number, longitude: number) => ({
      'vehicle.cabin.infotainment.navigation.currentLocation.latitude': latitude,
      'vehicle.cabin.infotainment.navigation.currentLocation.longitude': longitude,
    });
    // Parked (the first driving state is where watching starts), then driving away: 2 km off home.
    await control(simulator, 'publish', [
      streamMessage(BEV, { 'vehicle.isMoving': 'ASN_isFalse' }, at(-3)),
      streamMessage(BEV, { 'vehicle.isMoving': 'ASN_isTrue', ...position(52.5283, 13.3977) }, at(-2)),
    ]);
    await waitFor(() => motion() === true && home() === 0, 2_000, 'In use on, At home off');
    // Back home and parked.
    await control(simulator, 'publish', [
      streamMessage(BEV, { 'vehicle.isMoving': 'ASN_isFalse', ...position(52.5164, 13.3778) }, at(-1)),
    ]);
    await waitFor(() => motion() === false && home() === 1, 2_000, 'In use off, At home on');
    const told = first.lines.filter((line) => line.level === 'debug').map((line) => line.text);
    for (const expected of ['trip-started.', 'left (home).', 'arrived (home).', 'trip-ended.']) {
      expect(told.some((text) => text.endsWith(expected))).toBe(true);
    }
  });

  it('answers a lock tap over CarData with the car state and a clear log line, never a fake success', async () => {
    const bev = accessoryOf(first, BEV) as PlatformAccessory;
    const C = first.api.hap.Characteristic;
    const target = service(bev, 'lock').getCharacteristic(C.LockTargetState);
    const before = simulator.requests().length;
    await target.handleSetRequest(0);
    await waitFor(() => target.value === 1, 2_000, 'the target back at secured');
    expect(service(bev, 'lock').getCharacteristic(C.LockCurrentState).value).toBe(1);
    expect(first.lines.some((line) => line.level === 'info' && /cannot unlock the car/.test(line.text))).toBe(
      true,
    );
    expect(simulator.requests().length).toBe(before);
  });

  it('refuses a second platform entry for the same account with a clear error', async () => {
    const twin = launch(config());
    await waitFor(() => twin.lines.find((line) => line.level === 'error'), 5_000, 'the error');
    expect(twin.lines.find((line) => line.level === 'error')?.text).toMatch(/listed twice in config\.json/);
    expect(twin.platform.account).toBeUndefined();
    await twin.platform.shutdown();
  });

  it('logs configuration errors instead of throwing, and starts nothing', async () => {
    const broken = launch(
      config({ transport: 'tesla', lowBatteryPercent: 300, vehicles: [{ vin: 'short' }] }),
    );
    const error = await waitFor(
      () => broken.lines.find((line) => line.level === 'error'),
      5_000,
      'the error',
    );
    expect(error.text).toMatch(/"transport" must be one of/);
    expect(error.text).toMatch(/"lowBatteryPercent" must be a number from 1 to 99/);
    expect(error.text).toMatch(/vehicles\[0\]\.vin must be a 17-character VIN/);
    expect(broken.platform.account).toBeUndefined();
  });

  it('restores the last state after a restart before any REST call, and logged no secret', async () => {
    const cached = [...first.platform.accessories.values()].map((handler) =>
      homebridge.PlatformAccessory.deserialize(
        JSON.parse(JSON.stringify(homebridge.PlatformAccessory.serialize(handler.accessory))),
      ),
    );
    await first.platform.shutdown();
    const restRequests = () =>
      simulator.requests().filter((request) => request.path.startsWith('/customers/'));
    const before = restRequests().length;
    const second = launch(config({ staleAfterMinutes: 60, home: HOME }), cached);
    const bev = await waitFor(() => accessoryOf(second, BEV), 5_000, 'the restored BEV');
    expect(await read(bev, 'battery', 'BatteryLevel')).toBe(71);
    expect(await read(bev, 'battery', 'ChargingState')).toBe(1);
    expect(await read(bev, 'at-home', 'OccupancyDetected')).toBe(1);
    expect(await read(bev, 'in-use', 'MotionDetected')).toBe(false);
    await waitFor(() => second.platform.account?.connection.state === 'connected', 15_000, 'the stream');
    expect(second.registered).toHaveLength(0);
    expect(restRequests().length - before).toBe(0);
    await second.platform.shutdown();

    const token = JSON.parse(await readFile(defaultTokenFile(storage), 'utf8')) as Record<string, string>;
    const everything = [...first.lines, ...second.lines].map((line) => line.text).join('\n');
    expect(first.lines.some((line) => line.level === 'debug')).toBe(true);
    for (const vin of [BEV, PETROL, SECONDARY]) expect(everything).not.toContain(vin);
    for (const secret of Object.values(token).filter(
      (value) => typeof value === 'string' && value.length > 16,
    )) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/52\.516|13\.377/);
    expect([...first.lines, ...second.lines].filter((line) => line.level === 'warn')).toEqual([]);
  });
});
