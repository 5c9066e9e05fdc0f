import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryTokenStore } from '@bimmer/auth';
import type { CarDataLiveAccount } from '@bimmer/cardata';
import type { VehicleEvent, VehicleEventSettings } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CARDATA_VIN,
  cardataLogin,
  openLiveOverSimulator,
  restRequests,
  spendLedger,
} from './cardata-simulator';
import { connected, nextEvent } from './describe-live-account';
import {
  advanceClock,
  type ClockStep,
  playOnClock,
  readScenario,
  rebaseScenario,
  type ScenarioFile,
} from './scenario-clock';

const HOUR = 3_600_000;
const OTHER_VIN = 'WBASIMCARDATA0002';
/** Home and work of the scenarios (the fleet's BEV is parked at home). */
const EVENTS: VehicleEventSettings = {
  geofences: [
    { name: 'home', center: { latitude: 52.5163, longitude: 13.3777 }, radiusMeters: 200 },
    { name: 'work', center: { latitude: 52.4862, longitude: 13.4213 }, radiusMeters: 200 },
  ],
  batteryBelow: [70],
  batteryAbove: [80],
};

let sim: Simulator;
let tokenStore: MemoryTokenStore;
let stateDir: string;
let accounts: CarDataLiveAccount[] = [];

/** A live account on the simulator clock, checking its budget every few milliseconds of real time. */
async function open(options: Parameters<typeof openLiveOverSimulator>[3] = {}) {
  const account = await openLiveOverSimulator(sim, tokenStore, stateDir, {
    now: () => sim.now(),
    events: EVENTS,
    ...options,
    budget: { checkIntervalMs: 10, ...options.budget },
  });
  accounts.push(account);
  return account;
}

/** Waits until every vehicle has been read over REST once (the first automatic reads). */
async function firstReads(account: CarDataLiveAccount) {
  const done = () =>
    account.budget.vehicles.length === 2 &&
    account.budget.vehicles.every((v) => v.lastRestReadAt !== undefined);
  if (!done()) await nextEvent(account, 'budget', done);
}

/**
 * Plays steps, waiting after each for the account to take the message: its `change` event, or a
 * short while for a message that changes nothing the snapshot shows.
 */
function play(account: CarDataLiveAccount, steps: readonly ClockStep[], quietMs = 300) {
  let taken = 0;
  account.on('change', () => taken++);
  return playOnClock(sim, steps, () => {
    const before = taken;
    return async () => {
      const deadline = Date.now() + quietMs;
      while (taken === before && Date.now() < deadline) await sleep(2);
    };
  });
}

const telematicReads = (vin: string) =>
  restRequests(sim).filter((entry) => entry.path === `/customers/vehicles/${vin}/telematicData`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (real time) until `condition` holds; fails the test after a generous timeout. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [] });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  tokenStore = await cardataLogin(sim);
  stateDir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-scenarios-'));
  accounts = [];
});
afterEach(async () => {
  for (const account of accounts) await account.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** The scenario's own wall-clock time (HH:MM:SS) of an instant of a rebased play. */
function scenarioTime(at: Date, steps: readonly ClockStep[], scenario: ScenarioFile): string {
  const firstSent = Math.min(
    ...scenario.steps.flatMap((step) =>
      step.message === undefined ? [] : [Date.parse(String(step.message.timestamp))],
    ),
  );
  const shift = (steps[0]?.at ?? 0) - firstSent;
  return new Date(at.getTime() - shift).toISOString().slice(11, 19);
}

/** A parked car saying so (it is not moving), an hour before `at`: where watching starts. */
function parked(at: number): ClockStep {
  const timestamp = new Date(at - HOUR).toISOString();
  return {
    at: at - HOUR,
    message: {
      vin: CARDATA_VIN,
      timestamp,
      data: { 'vehicle.isMoving': { value: 'ASN_isFalse', timestamp } },
    },
  };
}

describe('derived events from the scenario files, on the simulator clock', () => {
  it('tells a morning drive and an evening charge as a person would, each at its field time', async () => {
    const account = await open();
    const events: VehicleEvent[] = [];
    account.on('event', (event) => events.push(event));
    await account.start();
    await connected(account);
    await firstReads(account);
    const start = Math.ceil(sim.now() / 1000) * 1000 + 2 * HOUR;
    const trip = await readScenario('trip-doors-locks');
    const tripSteps = rebaseScenario(trip, start);
    await play(account, [parked(start), ...tripSteps]);
    const charging = await readScenario('charging-session');
    const chargingSteps = rebaseScenario(charging, start + 9 * HOUR);
    await play(account, chargingSteps);

    const told = (list: VehicleEvent[], steps: ClockStep[], scenario: ScenarioFile) =>
      list.map((event) => `${scenarioTime(event.at, steps, scenario)} ${event.type}`);
    const tripEvents = events.filter((event) => event.at.getTime() < start + 9 * HOUR - HOUR);
    const chargingEvents = events.slice(tripEvents.length);
    expect(events.every((event) => event.vin === CARDATA_VIN)).toBe(true);
    expect(told(tripEvents, tripSteps, trip)).toEqual([
      '07:30:00 unlocked',
      '07:30:05 door-opened',
      '07:30:12 door-closed',
      '07:31:00 trip-started',
      '07:31:00 left',
      '07:52:30 arrived',
      '07:52:30 trip-ended',
      '07:53:10 door-opened',
      '07:53:20 door-closed',
      '07:53:25 locked',
    ]);
    expect(tripEvents.find((event) => event.type === 'trip-ended')?.detail).toMatchObject({
      inferred: false,
      durationSeconds: 21 * 60 + 30,
      distanceKm: 19,
      mileageKm: 23531,
    });
    expect(tripEvents.find((event) => event.type === 'left')?.detail).toMatchObject({ geofence: 'home' });
    expect(tripEvents.find((event) => event.type === 'arrived')?.detail).toMatchObject({ geofence: 'work' });
    expect(told(chargingEvents, chargingSteps, charging)).toEqual([
      '17:00:00 plugged-in',
      '17:00:02 charging-started',
      '19:50:00 charging-finished',
      '19:50:00 battery-above',
      '20:10:00 unplugged',
    ]);
    expect(chargingEvents.find((event) => event.type === 'charging-finished')?.detail).toMatchObject({
      reason: 'target-reached',
      percent: 80,
      target: 80,
    });

    // Playing the same messages again (late and repeated) tells nothing more.
    const count = events.length;
    await play(account, [...tripSteps, ...chargingSteps].reverse(), 50);
    await sleep(200);
    expect(events).toHaveLength(count);
  });
});

describe('the REST budget policy over a commuting day, on the simulator clock', () => {
  it('reads each vehicle at most twice a day, 12 hours apart, and spends nothing on a restart', async () => {
    const t0 = sim.now();
    let account = await open();
    await account.start();
    await connected(account);
    await firstReads(account);
    // The first run: the vehicle list, basic data, the container and one read of each vehicle.
    expect(restRequests(sim)).toHaveLength(7);

    const day = rebaseScenario(await readScenario('commuter-day'), t0 + HOUR);
    const morning = day.filter((step) => step.at < t0 + 2 * HOUR);
    await play(account, [parked(t0 + HOUR), ...morning]);
    // A restart in the middle of the day: the last state, no call, no event told again.
    await account.stop();
    const before = restRequests(sim).length;
    account = await open();
    const events: VehicleEvent[] = [];
    account.on('event', (event) => events.push(event));
    expect(account.getVehicle(CARDATA_VIN)?.snapshot.doorsAndWindows?.doorLockState).toBe('SECURED');
    await account.start();
    await connected(account);
    await sleep(100);
    expect(restRequests(sim)).toHaveLength(before);
    await play(account, day.slice(morning.length));
    const commuterDay = await readScenario('commuter-day');
    // The restarted account tells the afternoon, and nothing of the morning again.
    expect(events.map((event) => `${scenarioTime(event.at, day, commuterDay)} ${event.type}`)).toEqual([
      '17:15:00 unlocked',
      '17:15:06 door-opened',
      '17:15:14 door-closed',
      '17:16:00 trip-started',
      '17:35:00 left',
      '17:35:00 battery-below',
      '17:52:00 arrived',
      '17:52:00 trip-ended',
      '17:53:00 door-opened',
      '17:53:08 door-closed',
      '17:53:30 locked',
      '18:30:00 plugged-in',
      '18:30:04 charging-started',
      '20:25:00 charging-finished',
      '20:25:00 battery-above',
    ]);
    expect(events.find((event) => event.type === 'left')?.detail).toMatchObject({ geofence: 'work' });
    await advanceClock(sim, t0 + 26 * HOUR, HOUR / 4, 15);
    await until(() => restRequests(sim).length >= 11, 'the reads at 12 and 24 hours are made');
    await sleep(200);

    for (const vin of [CARDATA_VIN, OTHER_VIN]) {
      const reads = telematicReads(vin).map((entry) => Date.parse(entry.time));
      expect(reads).toHaveLength(3);
      for (const [index, at] of reads.entries()) {
        if (index > 0) expect(at - (reads[index - 1] ?? 0)).toBeGreaterThanOrEqual(12 * HOUR);
        expect(reads.filter((other) => other > at - 24 * HOUR && other <= at).length).toBeLessThanOrEqual(2);
      }
    }
    // Nothing else was spent: 7 the first time, then one read per vehicle twice.
    expect(restRequests(sim)).toHaveLength(11);
    // The first run's calls have left the rolling window; the reads at 12 and 24 hours remain.
    expect(account.budget.used).toBe(4);
  });

  it('keeps the reserve for refresh(), which spends it until the budget refuses, sending nothing', async () => {
    const t0 = sim.now();
    let account = await open();
    await account.start();
    await firstReads(account);
    await account.stop();
    // Another program of the account spends all but the reserve.
    await spendLedger(sim, tokenStore, stateDir, { count: 33, now: () => sim.now() });
    sim.setClock(t0 + 13 * HOUR);
    const before = restRequests(sim).length;
    account = await open();
    expect(account.budget.left).toBe(10);
    await account.start();
    await connected(account);
    await sleep(200);
    expect(restRequests(sim)).toHaveLength(before);
    expect(account.budget.vehicles.map((vehicle) => vehicle.heldBy)).toEqual(['reserve', 'reserve']);
    expect(account.budget.nextRestReadAt?.getTime()).toBeGreaterThanOrEqual(t0 + 24 * HOUR);

    await account.refresh(CARDATA_VIN, { reason: 'user' });
    expect(restRequests(sim)).toHaveLength(before + 1);
    await spendLedger(sim, tokenStore, stateDir, { now: () => sim.now() });
    const refused = await account.refresh(undefined, { reason: 'user' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'quota' });
    expect((refused as { retryAt?: Date }).retryAt?.getTime()).toBeGreaterThanOrEqual(t0 + 24 * HOUR);
    expect(restRequests(sim)).toHaveLength(before + 1);
  });

  it('never retries a failed read in a loop: the next attempt waits for its turn', async () => {
    const t0 = sim.now();
    sim.addFault(`500@/customers/vehicles/${CARDATA_VIN}/telematicData*1`);
    const account = await open();
    const warnings: string[] = [];
    account.on('warning', (warning) => warnings.push(warning.message));
    await account.start();
    await connected(account);
    await nextEvent(account, 'warning', (warning) => /first-read/.test(warning.message));
    await advanceClock(sim, t0 + 6 * HOUR, HOUR / 4, 15);
    expect(telematicReads(CARDATA_VIN)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(
      /automatic REST read \(first-read\) of vehicle WBASIMCARDATA0001 failed/,
    );
    expect(account.getVehicle(CARDATA_VIN)?.snapshot.doorsAndWindows?.doorLockState).toBeUndefined();
    await advanceClock(sim, t0 + 12 * HOUR + HOUR / 4, HOUR / 4, 15);
    await until(() => telematicReads(CARDATA_VIN).length >= 2, 'the read after 12 hours is made');
    await sleep(100);
    expect(telematicReads(CARDATA_VIN)).toHaveLength(2);
    await until(
      () => account.getVehicle(CARDATA_VIN)?.snapshot.doorsAndWindows?.doorLockState !== undefined,
      'the read is merged',
    );
    expect(account.getVehicle(CARDATA_VIN)?.snapshot.doorsAndWindows?.doorLockState).toBe('SECURED');
  });
});
