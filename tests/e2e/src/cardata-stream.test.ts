import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CarDataSession, loginWithCarDataDeviceCode, MemoryTokenStore } from '@bimmer/auth';
import {
  acquireCarDataStream,
  CarDataAccount,
  type CarDataChangeEvent,
  CarDataStreamConnection,
  MemoryCarDataStateStore,
  type StreamStateChange,
} from '@bimmer/cardata';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const VIN = 'WBASIMCARDATA0001';
const SCENARIOS = new URL('../../../fixtures/cardata/scenarios/', import.meta.url);

let sim: Simulator;
let session: CarDataSession;
const cleanups: (() => Promise<void>)[] = [];

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/_simulator/cardata/${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
  });
  return response.json();
}

function message(timestamp: string, data: Record<string, { value: unknown; unit?: string }>) {
  return {
    vin: VIN,
    entityId: sim.url,
    topic: VIN,
    timestamp: `${timestamp}.123Z`,
    data: Object.fromEntries(
      Object.entries(data).map(([key, entry]) => [key, { ...entry, timestamp: `${timestamp}Z` }]),
    ),
  };
}

/** Resolves when `predicate` holds for an emitted value; rejects after a generous timeout. */
function waitFor<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  predicate: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('timed out waiting for the event'));
    }, 15_000);
    const unsubscribe = subscribe((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

async function openAccount(): Promise<CarDataAccount> {
  const account = await CarDataAccount.create({
    tokens: session,
    stateStore: new MemoryCarDataStateStore(),
    apiBaseUrl: sim.url,
    streamUrl: sim.mqttUrl ?? '',
    stream: { initialBackoffMs: 20, maxBackoffMs: 200 },
  });
  return account;
}

function changes(account: CarDataAccount) {
  return (predicate: (event: CarDataChangeEvent) => boolean) =>
    waitFor<CarDataChangeEvent>((listener) => {
      account.on('change', listener);
      return () => account.off('change', listener);
    }, predicate);
}

async function login(
  options: { tokenLifetimeSeconds?: number; refreshMarginMs?: number } = {},
): Promise<void> {
  await control('config', { pollIntervalSeconds: 0.01, ...(options.tokenLifetimeSeconds ? options : {}) });
  const store = new MemoryTokenStore();
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore: store,
    onUserCode: async () => {
      await control('approve');
    },
  });
  session = new CarDataSession({
    tokenStore: store,
    baseUrl: sim.url,
    ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs }),
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
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('CarData stream onto the model', () => {
  it('merges partial messages with per-field times, ignores older values and pairs the position', async () => {
    await login();
    const account = await openAccount();
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    const next = changes(account);

    let event = next((change) => change.descriptors.includes('vehicle.drivetrain.batteryManagement.header'));
    await control(
      'publish',
      message('2026-12-01T10:00:05', {
        'vehicle.drivetrain.batteryManagement.header': { value: 61, unit: 'percent' },
      }),
    );
    expect((await event).snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(61);

    // An older value arriving later is ignored; the mileage in the same message is taken.
    event = next((change) => change.descriptors.includes('vehicle.vehicle.travelledDistance'));
    await control(
      'publish',
      message('2026-12-01T10:00:01', {
        'vehicle.drivetrain.batteryManagement.header': { value: 58, unit: 'percent' },
        'vehicle.vehicle.travelledDistance': { value: 23600, unit: 'km' },
      }),
    );
    const afterOld = (await event).snapshot;
    expect(afterOld.fuelAndBattery?.remainingBatteryPercent).toBe(61);
    expect(afterOld.mileage).toEqual({ value: 23600, unit: 'km' });
    expect(afterOld.fieldTimes['fuelAndBattery.remainingBatteryPercent']).toMatchObject({
      at: new Date('2026-12-01T10:00:05Z'),
      channel: 'stream',
    });

    // Latitude and longitude in separate messages become one position.
    event = next((change) => change.snapshot.vehicleLocation !== undefined);
    await control(
      'publish',
      message('2026-12-01T10:01:00', {
        'vehicle.cabin.infotainment.navigation.currentLocation.latitude': { value: 52.4 },
      }),
    );
    await control(
      'publish',
      message('2026-12-01T10:01:00', {
        'vehicle.cabin.infotainment.navigation.currentLocation.longitude': { value: 13.3 },
      }),
    );
    expect((await event).snapshot.vehicleLocation?.location).toEqual({ latitude: 52.4, longitude: 13.3 });
  });

  it('reads ASN booleans and the door-status lock proxy', async () => {
    await login();
    const account = await openAccount();
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    const event = changes(account)((change) => change.descriptors.includes('vehicle.cabin.door.status'));
    await control(
      'publish',
      message('2026-12-01T11:00:00', {
        'vehicle.isMoving': { value: 'ASN_isTrue' },
        'vehicle.cabin.door.row1.driver.isOpen': { value: 'OPEN' },
        'vehicle.cabin.door.status': { value: 'ASN_unlocked' },
      }),
    );
    const snapshot = (await event).snapshot;
    expect(account.getVehicle(VIN)?.telemetry.get('vehicle.isMoving')?.value).toBe(true);
    expect(snapshot.doorsAndWindows?.doorLockState).toBe('UNLOCKED');
    expect(snapshot.doorsAndWindows?.openLids.map((lid) => lid.name)).toEqual(['leftFront']);
  });

  it('ignores malformed messages with a warning and keeps streaming', async () => {
    await login();
    const account = await openAccount();
    const warnings: string[] = [];
    account.on('warning', (text) => warnings.push(text));
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    const event = changes(account)((change) => change.descriptors.includes('vehicle.body.hood.isOpen'));
    await fetch(`${sim.url}/_simulator/cardata/publish?vin=${VIN}`, {
      method: 'POST',
      body: '{"vin": "broken',
    });
    await control('publish', { vin: VIN, timestamp: '2026-12-01T12:00:00Z', data: 'nope' });
    await control(
      'publish',
      message('2026-12-01T12:00:00', { 'vehicle.body.hood.isOpen': { value: 'CLOSED' } }),
    );
    await event;
    expect(warnings.filter((text) => /Ignored a malformed/.test(text))).toHaveLength(2);
    expect(warnings.join('\n')).not.toContain((await session.tokens()).gcid);
  });

  it('plays a scenario file onto the model', async () => {
    await login();
    const account = await openAccount();
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    const scenario = JSON.parse(
      await readFile(new URL('charging-session.json', SCENARIOS), 'utf8'),
    ) as unknown;
    const unplugged = changes(account)(
      (change) =>
        change.descriptors.includes('vehicle.body.chargingPort.status') &&
        !change.snapshot.fuelAndBattery?.isChargerConnected,
    );
    const plugged = changes(account)(
      (change) => change.snapshot.fuelAndBattery?.chargingStatus === 'CHARGING',
    );
    await control('scenario', scenario);
    expect((await plugged).snapshot.fuelAndBattery?.isChargerConnected).toBe(true);
    const final = (await unplugged).snapshot;
    expect(final.fuelAndBattery).toMatchObject({
      remainingBatteryPercent: 80,
      remainingRangeElectric: { value: 356, unit: 'km' },
      chargingStatus: 'NOT_CHARGING',
      isChargerConnected: false,
    });
  });
});

describe('CarData stream connection rules', () => {
  it('shares one connection per gcid in a process, and a second client kicks the first', async () => {
    await login();
    const url = sim.mqttUrl ?? '';
    const first = await acquireCarDataStream(session, { url, initialBackoffMs: 5_000 });
    const again = await acquireCarDataStream(session, { url });
    cleanups.push(
      () => again.release(),
      () => first.release(),
    );
    expect(again.connection).toBe(first.connection);
    await first.connection.waitUntilConnected();

    const kicked = waitFor<StreamStateChange>(
      (listener) => {
        first.connection.on('state', listener);
        return () => first.connection.off('state', listener);
      },
      (change) => change.state === 'kicked',
    );
    const other = new CarDataStreamConnection({ tokens: session, url, initialBackoffMs: 5_000 });
    cleanups.push(() => other.stop());
    other.start();
    await other.waitUntilConnected();
    const change = await kicked;
    expect(change.reason).toMatch(/another program/);
    expect(change.error).toMatchObject({ code: 'api', action: 'use-hub' });
    const state = (await (await fetch(`${sim.url}/_simulator/cardata/state`)).json()) as { kicks: number };
    expect(state.kicks).toBe(1);
  });

  it('renews the connection with a fresh ID token shortly before the token expires', async () => {
    await login({ tokenLifetimeSeconds: 3, refreshMarginMs: 2_500 });
    const account = await CarDataAccount.create({
      tokens: session,
      stateStore: new MemoryCarDataStateStore(),
      apiBaseUrl: sim.url,
      streamUrl: sim.mqttUrl ?? '',
      stream: {
        initialBackoffMs: 20,
        maxBackoffMs: 200,
        reconnectBeforeExpiryMs: 2_000,
        minTokenRotationMs: 500,
      },
    });
    const states: StreamStateChange[] = [];
    account.on('connection', (change) => states.push(change));
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    await waitFor<StreamStateChange>(
      (listener) => {
        account.on('connection', listener);
        return () => account.off('connection', listener);
      },
      (change) => change.state === 'connected',
    );
    expect(states.find((change) => change.state === 'reconnecting')?.reason).toMatch(/expires soon/);
    const event = changes(account)((change) => change.descriptors.includes('vehicle.body.hood.isOpen'));
    await control(
      'publish',
      message('2026-12-01T14:00:00', { 'vehicle.body.hood.isOpen': { value: 'OPEN' } }),
    );
    expect((await event).snapshot.doorsAndWindows?.openLids.map((lid) => lid.name)).toEqual(['hood']);
  });

  it('reconnects with a fresh ID token when it expires and loses no message published after', async () => {
    await login({ tokenLifetimeSeconds: 2, refreshMarginMs: 500 });
    const account = await CarDataAccount.create({
      tokens: session,
      stateStore: new MemoryCarDataStateStore(),
      apiBaseUrl: sim.url,
      streamUrl: sim.mqttUrl ?? '',
      stream: { initialBackoffMs: 20, maxBackoffMs: 200, reconnectBeforeExpiryMs: 0 },
    });
    const states: StreamStateChange[] = [];
    account.on('connection', (change) => states.push(change));
    const stream = await account.stream();
    cleanups.push(() => stream.stop());
    await stream.connected();
    const firstToken = (await session.tokens()).idToken;

    // The broker closes the connection when the ID token expires; the client comes back.
    await waitFor<StreamStateChange>(
      (listener) => {
        account.on('connection', listener);
        return () => account.off('connection', listener);
      },
      (change) => change.state === 'connected',
    );
    expect(states.some((change) => change.state === 'reconnecting')).toBe(true);
    expect((await session.tokens()).idToken).not.toBe(firstToken);
    const refreshes = sim
      .requests()
      .filter(
        (entry) =>
          entry.path === '/gcdm/oauth/token' &&
          (entry.body as { grant_type?: string })?.grant_type === 'refresh_token',
      );
    expect(refreshes.length).toBeGreaterThan(0);

    const event = changes(account)((change) => change.descriptors.includes('vehicle.body.trunk.isOpen'));
    await control(
      'publish',
      message('2026-12-01T13:00:00', { 'vehicle.body.trunk.isOpen': { value: 'OPEN' } }),
    );
    expect((await event).snapshot.doorsAndWindows?.openLids.map((lid) => lid.name)).toEqual(['trunk']);
  });
});
