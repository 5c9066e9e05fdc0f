/**
 * The conformance suite of the live-account contract (`LiveAccount` in `@bimmer/core`): one set of
 * tests that every implementation runs over the simulator, the way unstorage runs one test suite
 * against every driver. An implementation that passes it behaves like the others for every
 * adapter (CLI, Node-RED, Homebridge, the hub).
 *
 * ## Running it for an implementation
 *
 * ```ts
 * describeLiveAccount('CarData', async () => harness);   // in `<implementation>.live.test.ts`
 * ```
 *
 * `setup` runs once (before all tests) and returns a {@link LiveAccountHarness}; `reset` runs before
 * each test, `close` after all. Each test gets a fresh, empty state directory of its own, and opens
 * accounts on it through `open` (twice when it tests a restart). The suite stops every account it
 * opened and removes the directory after each test.
 *
 * ## The harness, per implementation
 *
 * - CarData (`openCarDataLiveAccount`): `open` passes `<stateDir>/cardata-state.json` and the token
 *   store logged in by `reset`; `produce` publishes a stream message through the simulator's
 *   `/_simulator/cardata/publish`; `dataRequests` counts `/customers/…` requests in the simulator's
 *   log; `exhaustBudget` spends the ledger of the state file from outside, as another process would.
 * - MyBMW polling (`openMyBMWLiveAccount`, planned): `open` with a short poll interval; `produce`
 *   changes the polled vehicle state in the simulator (the values' `at` as the state's update time);
 *   `dataRequests` counts `/eadrax-vcs/…` state requests; no `exhaustBudget` (MyBMW has no counted
 *   budget: `account.budget` is undefined and the suite skips the refusal).
 * - The hub client (`openHubAccount`, planned): `open` connects to a hub that runs over the
 *   simulator; `produce` goes to the hub's upstream (a CarData stream message); `dataRequests`
 *   counts the requests BMW (the simulator) answered for the hub; `exhaustBudget` spends the hub's
 *   ledger.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  FieldChannel,
  LiveAccount,
  LiveAccountEventName,
  LiveAccountEvents,
  LiveConnection,
  VehicleEvent,
  VehicleEventSettings,
} from '@bimmer/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** What a test asks the simulator to report for the harness's vehicle; every part is optional. */
export interface ConformanceChange {
  /** When the car measured these values: the field time every implementation must keep. */
  readonly at: Date;
  /** State of charge in percent (`fuelAndBattery.remainingBatteryPercent`). */
  readonly batteryPercent?: number | undefined;
  /** The trunk (`doorsAndWindows.lids.trunk`). */
  readonly trunk?: 'OPEN' | 'CLOSED' | undefined;
}

/** How the suite opens an account. */
export interface ConformanceOpenOptions {
  /** A directory of this test only: all persisted state goes there (the same one for a restart). */
  readonly stateDir: string;
  /** Event settings to pass through (the suite uses a battery threshold). */
  readonly events?: VehicleEventSettings | undefined;
  /** The staleness threshold to pass through. */
  readonly staleAfterMs?: number | undefined;
}

/** What an implementation gives the suite to drive it over the simulator. */
export interface LiveAccountHarness {
  /** A VIN the simulator serves and the account reads; `produce` changes this vehicle. */
  readonly vin: string;
  /** The channel the implementation's new values arrive by (`stream` for CarData and the hub, `poll` for MyBMW). */
  readonly channel: FieldChannel;
  /** Before each test: back to a clean simulator and a valid login. */
  reset?(): Promise<void>;
  /** Opens an account whose persisted state lives in `stateDir`; it must not be started yet. */
  open(options: ConformanceOpenOptions): Promise<LiveAccount>;
  /**
   * Makes BMW (the simulator) report new values of the vehicle, measured at `change.at`: a stream
   * message, a changed polled state, a message upstream of the hub. Resolves once the simulator has
   * it, not once the account saw it.
   */
  produce(change: ConformanceChange): Promise<void>;
  /** Requests for vehicle data BMW answered since the last `resetRequests()` (not logins or token refreshes). */
  dataRequests(): number;
  resetRequests(): void;
  /**
   * Uses up the account's REST budget from outside (as another program sharing the ledger would),
   * so that the next `refresh()` must be refused. Leave it out when the transport has no counted
   * budget; the suite then skips the refusal.
   */
  exhaustBudget?(stateDir: string): Promise<void>;
  /** After all tests. */
  close(): Promise<void>;
}

const BATTERY = 'fuelAndBattery.remainingBatteryPercent';
const TRUNK = 'doorsAndWindows.lids.trunk';
const WAIT_MS = 15_000;

/** Resolves with the first payload of `event` that satisfies `predicate`; rejects after a timeout. */
export function nextEvent<E extends LiveAccountEventName>(
  account: LiveAccount,
  event: E,
  predicate: (payload: LiveAccountEvents[E]) => boolean = () => true,
  timeoutMs = WAIT_MS,
): Promise<LiveAccountEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for a "${event}" event`));
    }, timeoutMs);
    const unsubscribe = account.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload);
    });
  });
}

/** Resolves once the account is connected (now or later). */
export function connected(account: LiveAccount): Promise<unknown> {
  if (account.connection.state === 'connected') return Promise.resolve();
  return nextEvent(account, 'connection', (connection) => connection.state === 'connected');
}

/** Everything an account emits, for assertions after the fact. */
function record(account: LiveAccount) {
  const seen = {
    events: [] as VehicleEvent[],
    connections: [] as LiveConnection[],
    warnings: [] as string[],
    budgets: [] as NonNullable<LiveAccount['budget']>[],
  };
  account.on('event', (event) => seen.events.push(event));
  account.on('connection', (connection) => seen.connections.push(connection));
  account.on('warning', (warning) => seen.warnings.push(warning.message));
  account.on('budget', (budget) => seen.budgets.push(budget));
  return seen;
}

/** Active resources that keep the process alive, counted by kind (timers, sockets, file requests). */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Waits until no kind of resource is above `baseline` (sockets of finished requests take a moment to close). */
async function settledTo(baseline: Map<string, number>, timeoutMs = 10_000): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = resources();
    const above = [...now].filter(([kind, count]) => count > (baseline.get(kind) ?? 0));
    if (above.length === 0 || Date.now() > deadline) return new Map(above);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ago = (ms: number) => new Date(Date.now() - ms);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Defines the conformance tests of the live-account contract for one implementation, over the
 * simulator. See the top of this file for the harness each implementation provides.
 */
export function describeLiveAccount(name: string, setup: () => Promise<LiveAccountHarness>): void {
  describe(`live-account contract: ${name}`, () => {
    let harness: LiveAccountHarness;
    let stateDir: string;
    let opened: LiveAccount[] = [];

    const open = async (options: Omit<ConformanceOpenOptions, 'stateDir'> = {}) => {
      const account = await harness.open({ stateDir, ...options });
      opened.push(account);
      return account;
    };
    /** A started, connected account. */
    const live = async (options: Omit<ConformanceOpenOptions, 'stateDir'> = {}) => {
      const account = await open(options);
      const seen = record(account);
      await account.start();
      await connected(account);
      return { account, seen };
    };

    beforeAll(async () => {
      harness = await setup();
    });
    afterAll(async () => {
      await harness?.close();
    });
    beforeEach(async () => {
      await harness.reset?.();
      harness.resetRequests();
      stateDir = await mkdtemp(join(tmpdir(), 'bimmer-live-conformance-'));
      opened = [];
    });
    afterEach(async () => {
      for (const account of opened) await account.stop();
      await rm(stateDir, { recursive: true, force: true });
    });

    it('tells each change with the changed fields, their times and channel; an older value changes nothing', async () => {
      const { account } = await live();
      const at = ago(60_000);
      let change = nextEvent(
        account,
        'change',
        (c) => c.vin === harness.vin && c.changes.some((f) => f.path === BATTERY),
      );
      await harness.produce({ at, batteryPercent: 40 });
      const first = await change;
      expect(first.channel).toBe(harness.channel);
      expect(first.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(40);
      expect(first.changes.find((f) => f.path === BATTERY)?.time).toMatchObject({
        at,
        channel: harness.channel,
      });
      expect(account.getVehicle(harness.vin)?.snapshot.fieldTimes?.[BATTERY]?.at).toEqual(at);

      // A late value (measured before the one held) and a newer marker after it.
      const changes: string[][] = [];
      account.on('change', (c) => changes.push(c.changes.map((f) => f.path)));
      change = nextEvent(account, 'change', (c) => c.changes.some((f) => f.path === TRUNK));
      await harness.produce({ at: new Date(at.getTime() - 10 * 60_000), batteryPercent: 90 });
      await harness.produce({ at: new Date(at.getTime() + 1_000), trunk: 'CLOSED' });
      const marker = await change;
      expect(marker.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(40);
      expect(account.getVehicle(harness.vin)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(40);
      expect(changes.flat()).not.toContain(BATTERY);
    });

    it('derives events from the field that caused them; a late value causes none', async () => {
      const { account, seen } = await live({ events: { batteryBelow: [20] } });
      const t = Date.now() - 10 * 60_000;
      let change = nextEvent(
        account,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 30,
      );
      await harness.produce({ at: new Date(t), batteryPercent: 30, trunk: 'CLOSED' });
      await change;
      const opened = nextEvent(account, 'event', (e) => e.type === 'lid-opened');
      const below = nextEvent(account, 'event', (e) => e.type === 'battery-below');
      await harness.produce({ at: new Date(t + 60_000), batteryPercent: 15, trunk: 'OPEN' });
      expect(await opened).toMatchObject({
        vin: harness.vin,
        at: new Date(t + 60_000),
        detail: { lid: 'trunk' },
      });
      expect(await below).toMatchObject({ at: new Date(t + 60_000), detail: { percent: 15, threshold: 20 } });
      // Late: the trunk closed and the battery back up, both measured before what is held.
      change = nextEvent(account, 'change', (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 14);
      await harness.produce({ at: new Date(t + 30_000), batteryPercent: 50, trunk: 'CLOSED' });
      await harness.produce({ at: new Date(t + 120_000), batteryPercent: 14 });
      await change;
      const closed = nextEvent(account, 'event', (e) => e.type === 'lid-closed');
      await harness.produce({ at: new Date(t + 180_000), trunk: 'CLOSED' });
      expect(await closed).toMatchObject({ at: new Date(t + 180_000) });
      const told = seen.events.filter((e) => e.vin === harness.vin && e.type !== 'battery-above');
      expect(told.map((e) => e.type)).toEqual(['lid-opened', 'battery-below', 'lid-closed']);
    });

    it('restores the last state on open, before start, without a request, and replays no event after a restart', async () => {
      const events = { batteryBelow: [20] };
      const first = await live({ events });
      const at = ago(60_000);
      const below = nextEvent(first.account, 'event', (e) => e.type === 'battery-below');
      await harness.produce({ at: ago(120_000), batteryPercent: 30, trunk: 'CLOSED' });
      await nextEvent(
        first.account,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 30,
      );
      await harness.produce({ at, batteryPercent: 15, trunk: 'OPEN' });
      await below;
      await first.account.stop();

      harness.resetRequests();
      const again = await open({ events });
      const vehicle = again.getVehicle(harness.vin);
      expect(vehicle?.restored).toBe(true);
      expect(vehicle?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(15);
      expect(vehicle?.snapshot.fieldTimes?.[BATTERY]?.at).toEqual(at);
      expect(vehicle?.snapshot.doorsAndWindows?.lids.find((lid) => lid.name === 'trunk')?.state).toBe('OPEN');
      const age = vehicle?.ageOf(BATTERY) ?? 0;
      expect(age).toBeGreaterThanOrEqual(60_000);
      expect(age).toBeLessThan(10 * 60_000);
      expect(again.vehicles.map((v) => v.vin)).toContain(harness.vin);
      expect(harness.dataRequests()).toBe(0);

      const seen = record(again);
      await again.start();
      await connected(again);
      // Still below the threshold, the trunk still open: nothing to tell again.
      const change = nextEvent(
        again,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 14,
      );
      await harness.produce({ at: ago(0), batteryPercent: 14, trunk: 'OPEN' });
      await change;
      expect(again.getVehicle(harness.vin)?.restored).toBe(false);
      expect(seen.events).toEqual([]);
    });

    it('keeps a throwing listener from breaking the account, and says so in a warning', async () => {
      const { account, seen } = await live();
      account.on('change', () => {
        throw new Error('listener bug');
      });
      account.on('event', () => {
        throw new Error('listener bug');
      });
      const heard: number[] = [];
      account.on('change', (c) => {
        const percent = c.snapshot.fuelAndBattery?.remainingBatteryPercent;
        if (percent !== undefined) heard.push(percent);
      });
      const warning = nextEvent(account, 'warning', (w) => w.message.includes('listener bug'));
      // The closed trunk is known before it opens, whatever the account reads by itself meanwhile
      // (an initial REST read answers with the latest values, which must not be the first ones seen).
      const closed = nextEvent(
        account,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 55,
      );
      await harness.produce({ at: ago(2_000), batteryPercent: 55, trunk: 'CLOSED' });
      await closed;
      const opened = nextEvent(
        account,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 56,
      );
      await harness.produce({ at: ago(1_000), batteryPercent: 56, trunk: 'OPEN' });
      await opened;
      await warning;
      expect(heard).toContain(56);
      expect(seen.events.map((e) => e.type)).toContain('lid-opened');
      expect(account.connection.state).toBe('connected');
    });

    it('starts and stops idempotently; stop/start cycles work and leave nothing running', async () => {
      const baseline = resources();
      const account = await open();
      const seen = record(account);
      expect(account.connection.state).toBe('idle');
      await Promise.all([account.start(), account.start()]);
      await account.start();
      await connected(account);
      for (let cycle = 1; cycle <= 3; cycle++) {
        if (cycle > 1) {
          await account.start();
          await connected(account);
        }
        const change = nextEvent(
          account,
          'change',
          (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 60 + cycle,
        );
        await harness.produce({ at: ago(10_000 - cycle * 1_000), batteryPercent: 60 + cycle });
        await change;
        await Promise.all([account.stop(), account.stop()]);
        await account.stop();
        expect(account.connection.state).toBe('stopped');
      }
      const states = seen.connections.map((c) => c.state);
      expect(states.filter((state) => state === 'stopped')).toHaveLength(3);
      expect(states.filter((state) => state === 'connected')).toHaveLength(3);
      for (const connection of seen.connections) expect(connection.since).toBeInstanceOf(Date);
      // The vehicle is still there, as last known.
      expect(account.getVehicle(harness.vin)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(63);
      expect([...(await settledTo(baseline))]).toEqual([]);
      const files = await readdir(stateDir);
      expect(files.filter((file) => file.endsWith('.lock') || file.includes('.tmp'))).toEqual([]);
    });

    it('spends budget on refresh(), and the budget refuses one it cannot pay with a typed error, sending nothing', async () => {
      const { account, seen } = await live();
      const before = harness.dataRequests();
      const usedBefore = account.budget?.used;
      const refreshed = await account.refresh(harness.vin, { reason: 'conformance' });
      expect(refreshed.map((vehicle) => vehicle.vin)).toEqual([harness.vin]);
      expect(harness.dataRequests()).toBeGreaterThan(before);
      await expect(account.refresh('not a vin')).rejects.toMatchObject({ code: 'validation' });
      if (account.budget === undefined || harness.exhaustBudget === undefined) return;
      await sleep(50);
      expect(account.budget.used).toBeGreaterThan(usedBefore ?? 0);
      expect(seen.budgets.some((budget) => budget.used > (usedBefore ?? 0))).toBe(true);

      await harness.exhaustBudget(stateDir);
      const sent = harness.dataRequests();
      let refused: unknown;
      try {
        await account.refresh(harness.vin, { reason: 'conformance' });
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({ code: 'quota' });
      const retryAt = (refused as { retryAt?: unknown }).retryAt;
      expect(retryAt).toBeInstanceOf(Date);
      expect((retryAt as Date).getTime()).toBeGreaterThan(Date.now());
      expect(harness.dataRequests()).toBe(sent);
    });

    it('knows how old every value is, and when the vehicle went stale', async () => {
      const { account } = await live({ staleAfterMs: 60 * 60_000 });
      const at = ago(2 * 60 * 60_000);
      let change = nextEvent(
        account,
        'change',
        (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 50,
      );
      await harness.produce({ at, batteryPercent: 50 });
      await change;
      let vehicle = account.getVehicle(harness.vin);
      const age = vehicle?.ageOf(BATTERY) ?? 0;
      expect(age).toBeGreaterThanOrEqual(2 * 60 * 60_000);
      expect(age).toBeLessThan(2 * 60 * 60_000 + 60_000);
      expect(vehicle?.ageOf('no.such.field')).toBeUndefined();
      // Stale since the newest field time plus the threshold; REST data of the first read may be
      // older, never newer than what the stream said.
      const staleSince = vehicle?.staleSince;
      expect(staleSince).toBeInstanceOf(Date);
      expect(staleSince?.getTime()).toBeLessThanOrEqual(Date.now());
      change = nextEvent(account, 'change', (c) => c.snapshot.fuelAndBattery?.remainingBatteryPercent === 51);
      await harness.produce({ at: ago(0), batteryPercent: 51 });
      await change;
      vehicle = account.getVehicle(harness.vin);
      expect(vehicle?.staleSince).toBeUndefined();
      expect(vehicle?.ageOf(BATTERY)).toBeLessThan(60_000);
    });
  });
}
