import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarDataSession, type MemoryTokenStore } from '@bimmer/auth';
import { type CarDataLiveAccount, CarDataStreamConnection } from '@bimmer/cardata';
import type { LiveConnection, VehicleEvent } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CARDATA_VIN,
  cardataControl,
  cardataLogin,
  openLiveOverSimulator,
  publish,
  restRequests,
  statePathIn,
  streamMessage,
} from './cardata-simulator';
import { connected, nextEvent } from './describe-live-account';

const BATTERY = 'vehicle.drivetrain.batteryManagement.header';
const TRUNK = 'vehicle.body.trunk.isOpen';

let sim: Simulator;
let tokenStore: MemoryTokenStore;
let stateDir: string;
let accounts: CarDataLiveAccount[] = [];

async function open(options: Parameters<typeof openLiveOverSimulator>[3] = {}) {
  const account = await openLiveOverSimulator(sim, tokenStore, stateDir, options);
  accounts.push(account);
  return account;
}

/** Resolves once the first automatic reads are done (every vehicle read over REST). */
function firstReadsDone(account: CarDataLiveAccount) {
  const done = () =>
    account.budget.vehicles.length > 0 &&
    account.budget.vehicles.every((v) => v.lastRestReadAt !== undefined);
  if (done()) return Promise.resolve();
  return nextEvent(account, 'budget', done);
}

const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [] });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  tokenStore = await cardataLogin(sim);
  stateDir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-live-'));
  accounts = [];
});
afterEach(async () => {
  for (const account of accounts) await account.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('CarData live account: restart-safe', () => {
  it('restarts with zero REST calls and no replayed event, started and streaming', async () => {
    const first = await open({ events: { batteryBelow: [20] } });
    await first.start();
    await connected(first);
    await firstReadsDone(first);
    const below = nextEvent(first, 'event', (e) => e.type === 'battery-below');
    await publish(sim, streamMessage(CARDATA_VIN, ago(60_000), { [BATTERY]: 30, [TRUNK]: false }));
    await publish(sim, streamMessage(CARDATA_VIN, ago(30_000), { [BATTERY]: 18, [TRUNK]: true }));
    await below;
    await first.stop();

    sim.clearRequests();
    const again = await open({ events: { batteryBelow: [20] } });
    const events: VehicleEvent[] = [];
    again.on('event', (event) => events.push(event));
    expect(again.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([
      'WBASIMCARDATA0001',
      'WBASIMCARDATA0002',
    ]);
    expect(again.getVehicle(CARDATA_VIN)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(18);
    // The lock state came by REST in the first run; it is back with its time and channel.
    expect(
      again.getVehicle(CARDATA_VIN)?.snapshot.fieldTimes?.['doorsAndWindows.doorLockState'],
    ).toMatchObject({
      channel: 'rest',
      at: new Date('2026-11-30T18:21:10.000Z'),
    });
    expect(again.budget.vehicles.every((vehicle) => vehicle.automaticReadsToday === 1)).toBe(true);
    await again.start();
    await connected(again);
    const change = nextEvent(
      again,
      'change',
      (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 17,
    );
    await publish(sim, streamMessage(CARDATA_VIN, ago(0), { [BATTERY]: 17 }));
    await change;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(restRequests(sim)).toEqual([]);
    expect(events).toEqual([]);
  });

  it('writes the last values at most every persist interval while messages arrive, and on stop', async () => {
    const account = await open({ persistIntervalMs: 60_000, budget: { readsPerVehiclePerDay: 0 } });
    await account.start();
    await connected(account);
    const at = ago(5_000);
    const change = nextEvent(
      account,
      'change',
      (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 71,
    );
    await publish(sim, streamMessage(CARDATA_VIN, at, { [BATTERY]: 71 }));
    await change;
    const entry = async () => {
      const text = await readFile(statePathIn(stateDir), 'utf8').catch(() => '{}');
      const state = JSON.parse(text) as { accounts?: Record<string, { live?: unknown }> };
      return Object.values(state.accounts ?? {})[0]?.live as
        | { vehicles: Record<string, { values: Record<string, unknown> }> }
        | undefined;
    };
    expect((await entry())?.vehicles[CARDATA_VIN]).toBeUndefined();
    await account.stop();
    expect((await entry())?.vehicles[CARDATA_VIN]?.values[BATTERY]).toEqual({
      value: 71,
      at: at.getTime(),
      channel: 'stream',
    });
  });

  it('tells what it could not do while opening (an unreadable state file) once it starts', async () => {
    await writeFile(statePathIn(stateDir), '{"version": 2, "accounts": ');
    const account = await open({ budget: { readsPerVehiclePerDay: 0 } });
    const warning = nextEvent(account, 'warning', (w) => /could not be read/.test(w.message));
    await account.start();
    expect((await warning).message).toMatch(/kept as .*unreadable/);
    // The ledger counts the budget as used up: refresh() is refused, nothing sent.
    await expect(account.refresh(CARDATA_VIN)).rejects.toMatchObject({ code: 'quota' });
    expect(restRequests(sim)).toEqual([]);
  });
});

describe('CarData live account: connection', () => {
  it('reports kicked with bimmer hub as the fix when another program takes the stream, and comes back', async () => {
    const account = await open({
      budget: { readsPerVehiclePerDay: 0 },
      stream: { initialBackoffMs: 20, maxBackoffMs: 200, maxKickBackoffMs: 300, healthyAfterMs: 60_000 },
    });
    await account.start();
    await connected(account);
    const kicked = nextEvent(account, 'connection', (c) => c.state === 'kicked');
    const other = new CarDataStreamConnection({
      tokens: new CarDataSession({ tokenStore, baseUrl: sim.url }),
      url: sim.mqttUrl ?? '',
      initialBackoffMs: 60_000,
    });
    other.start();
    const connection: LiveConnection = await kicked;
    expect(connection.reason).toContain('`bimmer hub`');
    expect(connection.retryAt).toBeInstanceOf(Date);
    await other.stop();
    await connected(account);
    const state = (await (await fetch(`${sim.url}/_simulator/cardata/state`)).json()) as { kicks: number };
    expect(state.kicks).toBeGreaterThanOrEqual(1);
  });

  it('fails with code auth when the login is gone, keeping the last state', async () => {
    const account = await open({ budget: { readsPerVehiclePerDay: 0 } });
    await account.start();
    await connected(account);
    const change = nextEvent(
      account,
      'change',
      (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 44,
    );
    await publish(sim, streamMessage(CARDATA_VIN, ago(1_000), { [BATTERY]: 44 }));
    await change;
    const failed = nextEvent(account, 'connection', (c) => c.state === 'failed');
    await cardataControl(sim, 'revoke');
    const connection = await failed;
    expect(connection).toMatchObject({ state: 'failed', code: 'auth' });
    expect(connection.reason).toMatch(/log in again/);
    expect(account.getVehicle(CARDATA_VIN)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(44);
  });
});

describe('CarData live account: budget', () => {
  it('tells the budget on every spend, with the plan an adapter can show', async () => {
    const account = await open();
    const budgets: number[] = [];
    account.on('budget', (budget) => budgets.push(budget.used));
    expect(account.budget).toMatchObject({ limit: 50, used: 0, left: 50, reserve: 10, vehicles: [] });
    await account.start();
    await firstReadsDone(account);
    // mappings, 2 × basic data, container list and create, 2 × telematic data
    expect(restRequests(sim)).toHaveLength(7);
    expect(budgets.at(-1)).toBe(7);
    expect(new Set(budgets).size).toBeGreaterThanOrEqual(5);
    const budget = account.budget;
    expect(budget.summary).toBe(
      `Next automatic REST read at ${budget.nextRestReadAt?.toISOString()}; 43 of 50 calls left (33 for automatic reads, 10 kept for refresh()).`,
    );
    expect(budget.nextRestReadAt?.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect(budget.vehicles.map((vehicle) => vehicle.heldBy)).toEqual(['daily-limit', 'daily-limit']);

    await account.refresh(CARDATA_VIN, { reason: 'siri' });
    // refresh() settles once the budget counts its read, and the event has told it.
    expect(account.budget.used).toBe(8);
    expect(budgets.at(-1)).toBe(8);
    expect(account.budget.lastRefresh).toMatchObject({ reason: 'siri', vins: [CARDATA_VIN] });
    expect(restRequests(sim)).toHaveLength(8);
  });
});
