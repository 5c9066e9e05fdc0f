// Users of the plugin's first builds keep their last values: the file those builds wrote is moved
// into the CarData state file once, and the plugin starts from it without a REST call (asserted
// from the simulator's request log).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataAccount } from '@bimmer/cardata';
import type { Simulator } from '@bimmer/simulator';
import type { API, PlatformAccessory, PlatformConfig } from 'homebridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTokenFile } from '../config/parse-platform-config';
import { BimmerPlatform } from '../platform/bimmer-platform';
import { type LoggedLine, loadHomebridge, recordingLog, waitFor } from '../test-support/homebridge-harness';
import { loginOnSimulator, startCarDataSimulator } from '../test-support/simulator';
import { interimLiveStatePath, migrateInterimLiveState } from './interim-state-migration';

const BEV = 'WBASIMCARDATA0001';
const PETROL = 'WBASIMCARDATA0002';
const BATTERY = 'vehicle.drivetrain.batteryManagement.header';

let storage: string;
let tokenFile: string;
let interimFile: string;
let simulator: Simulator;

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'bimmer-hb-migrate-'));
  tokenFile = defaultTokenFile(storage);
  interimFile = interimLiveStatePath(join(storage, 'bimmer'), tokenFile, tokenFile);
  simulator = await startCarDataSimulator();
  await loginOnSimulator(simulator, tokenFile);
});

afterAll(async () => {
  await simulator?.stop();
  await rm(storage, { recursive: true, force: true });
});

/** The file of the first builds: each descriptor's value, unit, time (epoch ms) and channel. */
async function writeInterimFile(batteryPercent: number, at: number): Promise<void> {
  const value = (v: unknown, source: 'stream' | 'rest', unit?: string) => ({
    value: v,
    unit,
    timestamp: at,
    source,
  });
  await writeFile(
    interimFile,
    JSON.stringify({
      version: 1,
      vehicles: {
        [BEV]: {
          basicData: { vin: BEV, brand: 'BMW', modelName: 'i4 eDrive40', driveTrain: 'BEV' },
          values: {
            [BATTERY]: value(batteryPercent, 'stream', 'percent'),
            'vehicle.vehicle.travelledDistance': value(23_600, 'rest', 'km'),
            'vehicle.cabin.door.status': value('SECURED', 'rest'),
          },
        },
        [PETROL]: {
          basicData: { vin: PETROL, brand: 'BMW', modelName: '320i', driveTrain: 'COMBUSTION' },
          values: { 'vehicle.drivetrain.fuelSystem.level': value(55, 'rest', 'percent') },
        },
      },
    }),
  );
}

function batteryOf(accessory: PlatformAccessory, api: API): unknown {
  return accessory.services
    .find((service) => service.subtype === 'battery')
    ?.getCharacteristic(api.hap.Characteristic.BatteryLevel).value;
}

describe('the last values of the first plugin builds', () => {
  it('are moved into the state file once, and the plugin starts from them without a REST call', async () => {
    // What a first build left behind: BMW's vehicle list and basic data cached in the state file by
    // the account it used, and the values in a file of their own.
    const account = await openCarDataAccount({
      tokenStore: new FileTokenStore(tokenFile),
      statePath: carDataStatePathFor(tokenFile),
      loginBaseUrl: simulator.url,
      apiBaseUrl: simulator.url,
    });
    await account.getVehicles({ fetchState: false });
    const measuredAt = Date.now() - 60_000;
    await writeInterimFile(33, measuredAt);
    simulator.clearRequests();

    const homebridge = await loadHomebridge(storage);
    const api = new homebridge.HomebridgeAPI();
    const lines: LoggedLine[] = [];
    const platform = new BimmerPlatform(
      recordingLog(lines),
      {
        platform: 'Bimmer',
        name: 'Bimmer',
        baseUrl: simulator.url,
        streamUrl: simulator.mqttUrl,
      } as PlatformConfig,
      api,
    );
    api.emit('didFinishLaunching');
    try {
      const bev = await waitFor(
        () => [...platform.accessories.values()].find((handler) => handler.accessory.context.vin === BEV),
        10_000,
        'the BEV from the moved values',
      );
      expect(batteryOf(bev.accessory, api)).toBe(33);
      expect(platform.account?.getVehicle(BEV)?.restored).toBe(true);
      expect(
        platform.account?.getVehicle(BEV)?.snapshot.fieldTimes?.['fuelAndBattery.remainingBatteryPercent'],
      ).toMatchObject({
        at: new Date(measuredAt),
        channel: 'stream',
      });
      expect(platform.account?.getVehicle(PETROL)?.snapshot.fuelAndBattery?.remainingFuelPercent).toBe(55);
      expect(lines.map((line) => line.text)).toContain(
        'The last vehicle values of the previous plugin version were kept.',
      );
      expect(existsSync(interimFile)).toBe(false);
      await waitFor(() => platform.account?.connection.state === 'connected', 15_000, 'the stream');
      // The policy has planned every car's next read for later: nothing is due at this start.
      await waitFor(
        () => {
          const budget = platform.account?.budget as { vehicles?: { nextReadAt?: Date }[] } | undefined;
          return (
            budget?.vehicles?.length === 2 &&
            budget.vehicles.every((plan) => (plan.nextReadAt?.getTime() ?? 0) > Date.now())
          );
        },
        5_000,
        'the plan',
      );
      expect(simulator.requests().filter((request) => request.path.startsWith('/customers/'))).toEqual([]);
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    } finally {
      await platform.shutdown();
    }
  });

  it('leave a newer live state alone: an old file found later is only removed', async () => {
    await writeInterimFile(99, Date.now());
    const input = {
      interimPath: interimFile,
      statePath: carDataStatePathFor(tokenFile),
      tokenFile,
      apiBaseUrl: simulator.url,
    };
    expect(await migrateInterimLiveState(input)).toBe('superseded');
    expect(existsSync(interimFile)).toBe(false);
    const state = JSON.parse(await readFile(carDataStatePathFor(tokenFile), 'utf8')) as {
      accounts: Record<
        string,
        { live?: { vehicles: Record<string, { values: Record<string, { value: unknown }> }> } }
      >;
    };
    const [entry] = Object.values(state.accounts);
    expect(entry?.live?.vehicles[BEV]?.values[BATTERY]?.value).toBe(33);
    expect(await migrateInterimLiveState(input)).toBe('none');
  });

  it('stay where they are while no login is stored, and an unreadable file is left alone', async () => {
    await writeInterimFile(40, Date.now());
    const noLogin = join(storage, 'elsewhere', 'cardata-tokens.json');
    const input = {
      interimPath: interimFile,
      statePath: carDataStatePathFor(noLogin),
      tokenFile: noLogin,
      apiBaseUrl: simulator.url,
    };
    expect(await migrateInterimLiveState(input)).toBe('no-login');
    expect(existsSync(interimFile)).toBe(true);
    await writeFile(interimFile, '{"version":1,"vehic');
    expect(
      await migrateInterimLiveState({ ...input, tokenFile, statePath: carDataStatePathFor(tokenFile) }),
    ).toBe('unreadable');
    expect(existsSync(interimFile)).toBe(true);
    expect(existsSync(carDataStatePathFor(noLogin))).toBe(false);
  });
});
