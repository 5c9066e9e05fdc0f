import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarDataSession, FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import {
  CarDataAccount,
  CarDataNotFoundError,
  CarDataQuotaError,
  CarDataRestClient,
  carDataStatePathFor,
  FileCarDataStateStore,
  openCarDataAccount,
  QuotaLedger,
} from '@bimmer/cardata';
import { LockState, SnapshotSource, vehicleToJSON } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const FIXTURES = new URL('../../../fixtures/cardata/rest/', import.meta.url);
const BEV = 'WBASIMCARDATA0001';
const MINI = 'WBASIMCARDATA0002';
const SECONDARY = 'WBASIMCARDATA0003';

let sim: Simulator;
let dir: string;
let tokenStore: FileTokenStore;
let statePath: string;

async function control(path: string, body: unknown, method = 'POST'): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method,
    body: JSON.stringify(body),
  });
  return response.json();
}

async function loadVehicle(vin: string): Promise<void> {
  const fixture = JSON.parse(await readFile(new URL(`${vin}.json`, FIXTURES), 'utf8')) as Record<
    string,
    unknown
  >;
  await control(`vehicles/${vin}`, fixture, 'PUT');
  await control(`telematic/${vin}`, { telematicData: fixture.telematicData }, 'PUT');
}

async function login(scope?: string): Promise<void> {
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore,
    ...(scope === undefined ? {} : { scope }),
    onUserCode: async () => {
      await control('approve', {});
    },
  });
}

function restCalls(): { method: string; path: string; status: number | null }[] {
  return sim
    .requests()
    .filter((entry) => entry.handledBy === 'cardata' && entry.path.startsWith('/customers/'));
}

async function openAccount(
  options: { now?: () => number; quotaLimit?: number } = {},
): Promise<CarDataAccount> {
  return openCarDataAccount({
    tokenStore,
    statePath,
    loginBaseUrl: sim.url,
    apiBaseUrl: sim.url,
    ...options,
  });
}

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [], cardataVehicles: false });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-'));
  tokenStore = new FileTokenStore(join(dir, 'tokens.json'));
  statePath = carDataStatePathFor(tokenStore.path);
  await control('config', { pollIntervalSeconds: 0.01 });
  for (const vin of [BEV, MINI, SECONDARY]) await loadVehicle(vin);
  await login();
  sim.clearRequests();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CarData status over REST', () => {
  it('costs N calls for N vehicles once mappings, basic data and the container are cached', async () => {
    const first = await openAccount();
    await first.getVehicles();
    // First run: mappings, 2 basic data, container list + create, 2 telematic data.
    expect(restCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /customers/vehicles/mappings',
      `GET /customers/vehicles/${BEV}/basicData`,
      `GET /customers/vehicles/${MINI}/basicData`,
      'GET /customers/containers',
      'POST /customers/containers',
      `GET /customers/vehicles/${BEV}/telematicData`,
      `GET /customers/vehicles/${MINI}/telematicData`,
    ]);
    sim.clearRequests();
    // Another process with the same store: only the two telematic calls.
    const second = await openAccount();
    const vehicles = await second.getVehicles();
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual([BEV, MINI]);
    expect(restCalls().map((call) => call.path)).toEqual([
      `/customers/vehicles/${BEV}/telematicData`,
      `/customers/vehicles/${MINI}/telematicData`,
    ]);
    expect((await second.quota()).used).toBe(9);
    const mode = (await stat(statePath)).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('keeps tokens out of the state file and the snapshot JSON', async () => {
    const account = await openAccount();
    await account.getVehicles();
    const tokens = (await tokenStore.load()) as {
      accessToken: string;
      idToken: string;
      refreshToken: string;
    };
    const stateText = await readFile(statePath, 'utf8');
    const json = JSON.stringify(account.vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)));
    for (const secret of [tokens.accessToken, tokens.idToken, tokens.refreshToken]) {
      expect(stateText).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
    expect(json).toContain('"source":"cardata"');
  });

  it('recreates the container once when BMW no longer knows the cached one', async () => {
    const account = await openAccount();
    await account.getVehicles();
    const state = JSON.parse(await readFile(statePath, 'utf8')) as {
      accounts: Record<string, { container?: { id: string } }>;
    };
    const cached = Object.values(state.accounts)[0]?.container?.id ?? '';
    await account.rest.deleteContainer(cached);
    sim.clearRequests();
    await account.getVehicle(BEV)?.getVehicleState();
    expect(restCalls().map((call) => `${call.method} ${call.status}`)).toEqual([
      'GET 403',
      'GET 200',
      'POST 201',
      'GET 200',
    ]);
    expect(account.getVehicle(BEV)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(64);
  });

  it('reports SECONDARY vehicles as not readable', async () => {
    const account = await openAccount();
    const warnings: string[] = [];
    account.on('warning', (text) => warnings.push(text));
    await account.getVehicles({ fetchState: false });
    expect(account.unreadableVehicles.map((mapping) => mapping.vin)).toEqual([SECONDARY]);
    expect(account.getVehicle(SECONDARY)).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/SECONDARY.*PRIMARY/);
  });

  it('maps typed REST values onto the core snapshot with their time and channel', async () => {
    const account = await openAccount();
    await account.getVehicles();
    const bev = account.getVehicle(BEV)?.snapshot;
    expect(bev).toMatchObject({
      vin: BEV,
      source: SnapshotSource.CARDATA,
      brand: 'bmw',
      driveTrain: 'ELECTRIC',
      name: 'i4 eDrive40',
      bodyType: 'G26',
      year: 2023,
      mileage: { value: 23512, unit: 'km' },
      isRemoteLockEnabled: false,
      fuelAndBattery: {
        remainingBatteryPercent: 64,
        remainingRangeElectric: { value: 287, unit: 'km' },
        chargingStatus: 'NOT_CHARGING',
        isChargerConnected: false,
        chargingTarget: 80,
        remainingFuelPercent: undefined,
      },
      vehicleLocation: { location: { latitude: 52.5163, longitude: 13.3777 }, heading: 95 },
      doorsAndWindows: { doorLockState: LockState.SECURED, allLidsClosed: true, allWindowsClosed: false },
      climate: { activity: 'STANDBY', isClimateOn: false },
      chargingProfile: { acCurrentLimit: 16 },
      tires: {
        frontLeft: { currentPressure: 250, targetPressure: 250 },
        rearRight: { currentPressure: 265 },
      },
      conditionBasedServices: { isServiceRequired: true },
      checkControlMessages: { hasCheckControlMessages: true, urgentCheckControlMessages: 'WASHER_FLUID' },
    });
    // Only what CarData knows: no invented timers, window or modes.
    expect(bev?.chargingProfile).toEqual({ acCurrentLimit: 16 });
    expect(bev?.fieldTimes['fuelAndBattery.remainingBatteryPercent']).toEqual({
      at: new Date('2026-11-30T18:20:00.000Z'),
      source: 'cardata',
      channel: 'rest',
      descriptor: 'vehicle.drivetrain.batteryManagement.header',
    });
    expect(bev?.conditionBasedServices?.messages.map((service) => service.serviceType)).toEqual([
      'BRAKE_FLUID',
      'VEHICLE_CHECK',
    ]);
    const mini = account.getVehicle(MINI)?.snapshot;
    expect(mini).toMatchObject({
      brand: 'mini',
      driveTrain: 'COMBUSTION',
      fuelAndBattery: {
        remainingFuel: { value: 31, unit: 'L' },
        remainingFuelPercent: 70,
        remainingRangeFuel: { value: 455 },
      },
      doorsAndWindows: { doorLockState: LockState.SELECTIVE_LOCKED },
    });
    expect(mini?.fuelAndBattery?.remainingBatteryPercent).toBeUndefined();
    expect(mini?.vehicleLocation).toBeUndefined();
  });

  it('refuses remote services with the read-only explanation, sending nothing', async () => {
    const account = await openAccount();
    await account.getVehicles({ fetchState: false });
    sim.clearRequests();
    const vehicle = account.getVehicle(BEV);
    await expect(vehicle?.remoteServices.doorLock()).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/read-only/),
    });
    await expect(vehicle?.remoteServices.trigger('climateStart')).rejects.toMatchObject({
      code: 'unsupported',
    });
    expect(restCalls()).toEqual([]);
  });

  it('serves charging history (paginated), image, tyre diagnosis and charging settings', async () => {
    const account = await openAccount();
    await account.getVehicles({ fetchState: false });
    sim.clearRequests();
    const bev = account.getVehicle(BEV);
    const sessions = await bev?.getChargingHistory(
      new Date('2025-11-01T00:00:00Z'),
      new Date('2025-12-01T00:00:00Z'),
    );
    expect(sessions?.map((session) => session.displayedSoc)).toEqual([80, 70, 64]);
    expect(restCalls()).toHaveLength(2);
    const image = await bev?.getVehicleImage();
    expect(
      Buffer.from(image ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const tyres = await bev?.getTyreDiagnosis();
    expect(tyres?.passengerCar?.mountedTyres?.frontLeft?.dimension?.sectionWidth).toBe(245);
    await expect(bev?.getLocationBasedChargingSettings()).rejects.toBeInstanceOf(CarDataNotFoundError);
    await expect(bev?.getLocationBasedChargingSettings()).rejects.toMatchObject({ cuCode: 'CU-127' });
    const settings = await account.getVehicle(MINI)?.getLocationBasedChargingSettings();
    expect(settings?.[0]?.acCurrentLimit).toBe(16);
  });

  it('turns a token without the CarData scope into CU-103 with a hint', async () => {
    await login('authenticate_user openid');
    const account = await openAccount();
    const failure = await account.getVehicles().catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'auth',
      cuCode: 'CU-103',
      hint: expect.stringMatching(/CarData API/),
    });
  });
});

describe('CarData containers', () => {
  async function rest(): Promise<CarDataRestClient> {
    const session = new CarDataSession({ tokenStore, baseUrl: sim.url });
    const { gcid } = await session.tokens();
    const store = new FileCarDataStateStore(join(dir, 'other-app-state.json'));
    return new CarDataRestClient({
      tokens: session,
      ledger: new QuotaLedger({ store, gcid }),
      baseUrl: sim.url,
    });
  }

  it('reuses ours by name and signature, replaces only ours and never exceeds 10', async () => {
    const other = await rest();
    for (let index = 0; index < 8; index++) {
      await other.createContainer({
        name: `other-app-${index}`,
        purpose: 'theirs',
        technicalDescriptors: ['vehicle.isMoving'],
      });
    }
    const narrow = await openAccount();
    await narrow.getVehicles();
    const wide = await CarDataAccount.create({
      tokens: new CarDataSession({ tokenStore, baseUrl: sim.url }),
      stateStore: new FileCarDataStateStore(statePath),
      apiBaseUrl: sim.url,
      descriptors: ['vehicle.vehicle.travelledDistance', 'vehicle.isMoving'],
    });
    sim.clearRequests();
    await wide.getVehicles();
    expect(
      restCalls()
        .filter((call) => call.path.startsWith('/customers/containers'))
        .map((call) => call.method),
    ).toEqual(['GET', 'DELETE', 'POST']);
    const containers = (await (await fetch(`${sim.url}/_simulator/cardata/state`)).json()) as {
      containers: { name: string; state: string }[];
    };
    const active = containers.containers.filter((container) => container.state === 'ACTIVE');
    expect(active).toHaveLength(9);
    expect(active.filter((container) => container.name.startsWith('other-app'))).toHaveLength(8);
  });

  it('refuses to create an 11th container without sending the create', async () => {
    const other = await rest();
    for (let index = 0; index < 10; index++) {
      await other.createContainer({
        name: `other-app-${index}`,
        purpose: 'theirs',
        technicalDescriptors: ['vehicle.isMoving'],
      });
    }
    const account = await openAccount();
    sim.clearRequests();
    const report = await account.loadVehicles();
    // No container, so no vehicle state: each vehicle says why, and the list is read once.
    expect(report.missing.map(({ vin, part }) => [vin, part])).toEqual([
      [BEV, 'telematicData'],
      [MINI, 'telematicData'],
    ]);
    for (const missing of report.missing)
      expect(missing.error).toMatchObject({ code: 'api', cuCode: 'CU-124' });
    expect(restCalls().some((call) => call.method === 'POST')).toBe(false);
    expect(restCalls().filter((call) => call.path === '/customers/containers')).toHaveLength(1);
  });
});

describe('CarData quota', () => {
  it('refuses a call over the budget before sending it and says when the next one is free', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const account = await openAccount({ now: () => now, quotaLimit: 8 });
    await account.getVehicles(); // 7 calls
    now += 60_000;
    await account.getVehicle(BEV)?.getVehicleState(); // 8th
    sim.clearRequests();
    now += 60_000;
    const failure = await account
      .getVehicle(BEV)
      ?.getVehicleState()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CarDataQuotaError);
    expect((failure as CarDataQuotaError).retryAt).toEqual(new Date('2026-12-02T09:00:00Z'));
    expect((failure as CarDataQuotaError).message).toMatch(/8 of 8 calls/);
    expect(restCalls()).toEqual([]);
    now = Date.parse('2026-12-02T09:00:01Z');
    await account.getVehicle(BEV)?.getVehicleState();
    expect(restCalls()).toHaveLength(1);
  });

  it('records a CU-429 from BMW in the ledger and stops sending until it clears', async () => {
    await control('config', { quotaLimit: 3, rateLimitStatus: 403 });
    const account = await openAccount();
    await account.getVehicles({ fetchState: false }); // mappings + 2 basic data = 3
    const failure = await account
      .getVehicle(BEV)
      ?.getVehicleState()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'quota', cuCode: 'CU-429' });
    expect((failure as CarDataQuotaError).retryAt?.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
    sim.clearRequests();
    await expect(account.getVehicle(BEV)?.getVehicleState()).rejects.toMatchObject({ code: 'quota' });
    expect(restCalls()).toEqual([]);
    expect((await account.quota()).remaining).toBe(0);
  });

  it('honours Retry-After of an HTTP 429', async () => {
    await control('config', { quotaLimit: 1, rateLimitStatus: 429 });
    const account = await openAccount();
    // Mappings are the one call allowed; the first basic data call gets HTTP 429.
    const report = await account.loadVehicles({ fetchState: false });
    const failure = report.missing[0]?.error;
    expect(report.missing[0]).toMatchObject({ vin: BEV, part: 'basicData' });
    expect(failure).toMatchObject({ code: 'quota', status: 429, cuCode: 'CU-429' });
    const blockedUntil = (await account.quota()).blockedUntil;
    expect(blockedUntil).toEqual((failure as CarDataQuotaError).retryAt);
    sim.clearRequests();
    const again = await account.loadVehicles({ fetchState: false, refreshCache: true });
    expect(again.missing.length).toBeGreaterThan(0);
    for (const missing of again.missing) {
      expect(missing.error).toMatchObject({ code: 'quota', message: expect.stringMatching(/not sent/) });
    }
    expect(restCalls()).toEqual([]);
  });
});
