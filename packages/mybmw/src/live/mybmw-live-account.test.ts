/**
 * The MyBMW live account over the simulator (real HTTP): polling and its schedule (quiet hours,
 * backoff on BMW's rate limits), a block or a refused login stopping it, partial loads, what the
 * state file holds and how a restart restores it. The contract itself is proven by the shared
 * conformance suite (tests/e2e/src/live/mybmw.live.test.ts).
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore } from '@bimmer/auth';
import type { LiveAccountEventName, LiveAccountEvents, LiveConnection } from '@bimmer/core';
import { DEFAULT_FINGERPRINTS, type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MyBMWLiveSettings } from './live-account-options';
import type { MyBMWLiveAccount } from './mybmw-live-account';
import { openMyBMWLiveAccount } from './open-live-account';

const I5 = 'WBA00000BIMMER001';
const IX1 = 'WBA00000BIMMER002';
const STATE = '/eadrax-vcs/v4/vehicles/state';
const LIST = '/eadrax-vcs/v5/vehicle-list';
const LOGIN = {
  username: 'live-unit@bimmer.test',
  password: 'Unit-Pa55-Secret-Never-Logged',
  captchaToken: 'unit-captcha-Secret-Token',
};
/** The i5's recorded report time, to the millisecond. */
const I5_REPORTED = '2026-11-30T11:48:21.512Z';

const fleet = (...dirs: string[]) => dirs.map((dir) => join(DEFAULT_FINGERPRINTS ?? '', dir));

let sim: Simulator;
let stateDir: string;
let tokenStore: MemoryTokenStore;
let opened: MyBMWLiveAccount[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    fingerprints: fleet('i5-charging-settings', 'ix1-charging'),
    accounts: [{ username: LOGIN.username, password: LOGIN.password }],
  });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  tokenStore = new MemoryTokenStore();
  stateDir = await mkdtemp(join(tmpdir(), 'bimmer-mybmw-live-'));
  opened = [];
});
afterEach(async () => {
  for (const account of opened) await account.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const statePath = () => join(stateDir, 'mybmw-live.json');

async function open(options: Partial<MyBMWLiveSettings> & { password?: string; captchaToken?: string } = {}) {
  const account = await openMyBMWLiveAccount({
    ...LOGIN,
    region: 'rest_of_world',
    baseUrl: sim.url,
    tokenStore,
    statePath: statePath(),
    pollIntervalMs: 250,
    retryDelayMs: 10,
    ...options,
  });
  opened.push(account);
  return account;
}

/** Everything an account emits. */
function record(account: MyBMWLiveAccount) {
  const seen = {
    changes: [] as LiveAccountEvents['change'][],
    connections: [] as LiveConnection[],
    warnings: [] as LiveAccountEvents['warning'][],
    events: [] as LiveAccountEvents['event'][],
  };
  account.on('change', (change) => seen.changes.push(change));
  account.on('connection', (connection) => seen.connections.push(connection));
  account.on('warning', (warning) => seen.warnings.push(warning));
  account.on('event', (event) => seen.events.push(event));
  return seen;
}

function next<E extends LiveAccountEventName>(
  account: MyBMWLiveAccount,
  event: E,
  predicate: (payload: LiveAccountEvents[E]) => boolean = () => true,
): Promise<LiveAccountEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" event`)), 15_000);
    const off = account.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const inState = (account: MyBMWLiveAccount, state: LiveConnection['state']) =>
  account.connection.state === state
    ? Promise.resolve(account.connection)
    : next(account, 'connection', (c) => c.state === state);
const requestsTo = (path: string) => sim.requests().filter((entry) => entry.path === path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A clock that starts at `iso` and runs with real time. */
function clockAt(iso: string): () => number {
  const base = Date.parse(iso);
  const started = Date.now();
  return () => base + (Date.now() - started);
}

describe('polling', () => {
  it("polls at the interval, dates values by the car's report time, and an unchanged report tells nothing", async () => {
    const account = await open();
    const seen = record(account);
    await account.start();
    await inState(account, 'connected');
    expect(account.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([I5, IX1]);
    const i5 = account.getVehicle(I5);
    expect(i5?.snapshot.fieldTimes?.['fuelAndBattery.remainingBatteryPercent']).toEqual({
      at: new Date(I5_REPORTED),
      source: 'mybmw',
      channel: 'poll',
    });
    expect(account.getVehicle(I5.toLowerCase())).toBe(i5);
    expect(account.budget).toBeUndefined();
    // The first poll tells every vehicle once; the same reports polled again tell nothing.
    expect(seen.changes.map((change) => change.vin).sort()).toEqual([I5, IX1]);
    const statesBefore = requestsTo(STATE).length;
    await sleep(1_200);
    const polls = (requestsTo(STATE).length - statesBefore) / 2;
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(7);
    expect(seen.changes).toHaveLength(2);
    expect(seen.events).toEqual([]);
    expect(account.nextPollAt).toBeInstanceOf(Date);
    // A new report of the car is a change, dated by the car.
    const at = new Date(Date.now() - 30_000);
    const change = next(account, 'change', (c) => c.vin === IX1);
    sim.changeState(IX1, { patch: { state: { doorsState: { combinedSecurityState: 'UNLOCKED' } } }, at });
    const told = await change;
    expect(told.channel).toBe('poll');
    expect(told.changes).toContainEqual({
      path: 'doorsAndWindows.doorLockState',
      time: { at, source: 'mybmw', channel: 'poll' },
    });
    // The iX1 charges: its end time (95 minutes from the car's report) moves with the new report.
    expect(told.changes.map((c) => c.path).sort()).toEqual([
      'doorsAndWindows.doorLockState',
      'fuelAndBattery.chargingEndTime',
    ]);
    expect(told.snapshot.fuelAndBattery?.chargingEndTime).toEqual(new Date(at.getTime() + 95 * 60_000));
    for (const { time } of told.changes) expect(time.at).toEqual(at);
    await sleep(50);
    expect(seen.events.map((event) => [event.type, event.vin, event.at])).toEqual([['unlocked', IX1, at]]);
  });

  it('keeps the other vehicles fresh when one fails, and says which in a warning', async () => {
    sim.addFault(`500@${STATE}#${IX1}`);
    const account = await open();
    const seen = record(account);
    await account.start();
    await inState(account, 'connected');
    await next(account, 'warning', (warning) => warning.message.includes(IX1));
    expect(seen.warnings.find((warning) => warning.message.includes(IX1))).toMatchObject({
      code: 'api',
      message: expect.stringMatching(/its state could not be read .*the other vehicles are current/),
    });
    expect(account.getVehicle(I5)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(80);
    const change = next(account, 'change', (c) => c.vin === I5);
    sim.changeState(I5, { patch: { state: { electricChargingState: { chargingLevelPercent: 79 } } } });
    expect((await change).snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(79);
    expect(account.connection.state).toBe('connected');
    // Known, never loaded: not on the list of vehicles until its state comes.
    expect(account.getVehicle(IX1)).toBeUndefined();
  });

  it('reloads the vehicle lists once a day, and drops a vehicle no longer on the account', async () => {
    const clock = { offset: 0 };
    const now = () => Date.now() + clock.offset;
    const account = await open({ now });
    await account.start();
    await inState(account, 'connected');
    await account.stop();
    const lists = requestsTo(LIST).length;
    expect(lists).toBe(3);

    // A day later the account holds only the i5: the next poll reloads the lists and drops the iX1.
    const other = await startSimulator({
      fingerprints: fleet('i5-charging-settings'),
      accounts: [{ username: LOGIN.username, password: LOGIN.password }],
    });
    try {
      const again = await openMyBMWLiveAccount({
        ...LOGIN,
        region: 'rest_of_world',
        baseUrl: other.url,
        statePath: statePath(),
        pollIntervalMs: 250,
        now,
      });
      opened.push(again);
      expect(again.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([I5, IX1]);
      const seen = record(again);
      const dropped = next(again, 'warning', (warning) =>
        warning.message.includes('no longer on this MyBMW account'),
      );
      await again.start();
      await dropped;
      expect(again.vehicles.map((vehicle) => vehicle.vin)).toEqual([I5]);
      expect(seen.warnings.map((warning) => warning.message).join('\n')).toContain(IX1);
      await sleep(600);
      // Later polls read the states only; a day on, the lists once more.
      const listsBefore = other.requests().filter((entry) => entry.path === LIST).length;
      expect(listsBefore).toBe(3);
      clock.offset += 25 * 3_600_000;
      await sleep(700);
      expect(other.requests().filter((entry) => entry.path === LIST).length).toBe(6);
    } finally {
      for (const account of opened) await account.stop();
      await other.stop();
    }
  });
});

describe('quiet hours', () => {
  it('move a poll that falls into them to their end; refresh() still reads', async () => {
    const now = clockAt('2026-12-07T22:59:59.000Z');
    const account = await open({
      now,
      pollIntervalMs: 2_000,
      quietHours: { from: '23:00', to: '06:00', timeZone: 'UTC' },
    });
    await account.start();
    await inState(account, 'connected');
    const polledAt = requestsTo(STATE).length;
    expect(polledAt).toBe(2);
    // The next poll would be after 23:00: it moves to 06:00 plus at most 10 % of the interval.
    const nextPoll = account.nextPollAt?.getTime() ?? 0;
    expect(nextPoll).toBeGreaterThanOrEqual(Date.parse('2026-12-08T06:00:00Z'));
    expect(nextPoll).toBeLessThanOrEqual(Date.parse('2026-12-08T06:00:00.200Z'));
    await sleep(1_000);
    expect(requestsTo(STATE)).toHaveLength(2);
    expect(account.connection.state).toBe('connected');
    const refreshed = await account.refresh(I5, { reason: 'user' });
    expect(refreshed.map((vehicle) => vehicle.vin)).toEqual([I5]);
    expect(requestsTo(STATE)).toHaveLength(3);
  });

  it('hold the first poll back when the account starts within them, and say so', async () => {
    const now = clockAt('2026-12-08T01:00:00.000Z');
    const account = await open({ now, quietHours: { from: '23:00', to: '06:00', timeZone: 'UTC' } });
    await account.start();
    expect(account.connection).toMatchObject({
      state: 'connecting',
      reason: expect.stringContaining('quiet hours (23:00–06:00 UTC)'),
    });
    expect(account.connection.retryAt?.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-08T06:00:00Z'));
    await sleep(600);
    expect(sim.requests()).toEqual([]);
  });
});

describe("BMW's rate limits", () => {
  it("back off after a 429 until BMW's retryAt, refuse refresh() meanwhile, then poll again", async () => {
    const account = await open();
    const seen = record(account);
    await account.start();
    await inState(account, 'connected');
    sim.addFault(`429@${STATE}*1`);
    const limited = await inState(account, 'reconnecting');
    expect(limited).toMatchObject({ code: 'quota', reason: expect.stringContaining('rate limit') });
    const refused = await failure(account.refresh(I5, { reason: 'user' }));
    const sent = sim.requests().length;
    expect(refused).toMatchObject({ code: 'quota', action: 'wait' });
    const retryAt = (refused as { retryAt: Date }).retryAt;
    expect(retryAt.getTime()).toBeGreaterThan(Date.now());
    // BMW said "try again in 1 seconds": nothing is sent before that (the other vehicle's state
    // was asked for at the same moment as the one refused).
    const limitedAt = Date.parse(requestsTo(STATE).find((entry) => entry.status === 429)?.time ?? '');
    await inState(account, 'connected');
    const resumed = requestsTo(STATE).find((entry) => Date.parse(entry.time) > limitedAt + 100);
    expect(Date.parse(resumed?.time ?? '') - limitedAt).toBeGreaterThanOrEqual(900);
    expect(sim.requests().length).toBeGreaterThan(sent);
    expect(seen.warnings.some((warning) => warning.code === 'quota')).toBe(true);
  });

  it('keep a quota backoff across a restart: no request until it has passed', async () => {
    sim.addFault(`quota@${STATE}`);
    const account = await open();
    await account.start();
    const limited = await inState(account, 'reconnecting');
    // BMW: "Quota will be replenished in 02:12:20".
    expect(limited.retryAt?.getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000);
    expect(account.backoffUntil?.getTime()).toBe(limited.retryAt?.getTime());
    expect(account.nextPollAt?.getTime()).toBe(limited.retryAt?.getTime());
    await account.stop();

    sim.clearFaults();
    sim.clearRequests();
    const again = await open();
    await again.start();
    expect(again.connection).toMatchObject({ state: 'reconnecting', code: 'quota' });
    expect(await failure(again.refresh())).toMatchObject({ code: 'quota' });
    await sleep(600);
    expect(sim.requests()).toEqual([]);
  });
});

describe('a client BMW blocks, a login BMW refuses', () => {
  it('goes to failed with the CarData hint when BMW blocks the client, and stops polling', async () => {
    const account = await open();
    const seen = record(account);
    await account.start();
    await inState(account, 'connected');
    sim.addFault('blocked@/eadrax-vcs');
    const failed = await inState(account, 'failed');
    expect(failed).toMatchObject({ code: 'blocked', reason: expect.stringContaining('CarData') });
    expect(account.nextPollAt).toBeUndefined();
    const sent = sim.requests().length;
    await sleep(1_000);
    expect(sim.requests().length).toBe(sent);
    expect(seen.warnings.at(-1)).toMatchObject({ code: 'blocked' });
    // The last state stays; an explicit refresh tries (and is blocked again).
    expect(account.getVehicle(I5)?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBe(80);
    expect(await failure(account.refresh(I5))).toMatchObject({ code: 'blocked', action: 'use-cardata' });
    // Once BMW answers again, a refresh that succeeds resumes polling.
    sim.clearFaults();
    await account.refresh();
    expect(account.connection.state).toBe('connected');
    expect(account.nextPollAt).toBeInstanceOf(Date);
    sim.addFault('blocked@/eadrax-vcs');
    await inState(account, 'failed');
    await account.stop();
    expect(account.connection.state).toBe('stopped');
    // A new start tries again.
    sim.clearFaults();
    await account.start();
    await inState(account, 'connected');
  });

  it('goes to failed with code auth for a wrong password, and captcha-required without a captcha', async () => {
    const wrong = await open({ password: 'not-the-password' });
    await wrong.start();
    expect(await inState(wrong, 'failed')).toMatchObject({
      code: 'auth',
      reason: expect.stringContaining('Log in again'),
    });
    await wrong.stop();
    tokenStore = new MemoryTokenStore();
    const { captchaToken: _, ...noCaptcha } = LOGIN;
    const account = await openMyBMWLiveAccount({
      ...noCaptcha,
      region: 'rest_of_world',
      baseUrl: sim.url,
      tokenStore,
      statePath: statePath(),
    });
    opened.push(account);
    await account.start();
    expect(await inState(account, 'failed')).toMatchObject({ code: 'captcha-required' });
    const serialized = JSON.stringify([account.connection, wrong.connection]);
    for (const secret of [LOGIN.password, 'not-the-password', LOGIN.captchaToken])
      expect(serialized).not.toContain(secret);
  });
});

describe('the state file', () => {
  it('is written atomically with mode 0600, without a secret, and restores with zero requests', async () => {
    const account = await open({ events: { batteryBelow: [50] } });
    await account.start();
    await inState(account, 'connected');
    await account.stop();
    const file = await readFile(statePath(), 'utf8');
    expect((await stat(statePath())).mode & 0o777).toBe(0o600);
    expect((await readdir(stateDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    for (const secret of [LOGIN.username, LOGIN.password, LOGIN.captchaToken])
      expect(file).not.toContain(secret);
    const tokens = await tokenStore.load();
    expect(file).not.toContain(tokens?.accessToken ?? 'no token');
    expect(file).not.toContain(tokens?.refreshToken ?? 'no token');

    sim.clearRequests();
    const again = await open({ events: { batteryBelow: [50] } });
    expect(again.vehicles.map((vehicle) => [vehicle.vin, vehicle.restored]).sort()).toEqual([
      [I5, true],
      [IX1, true],
    ]);
    expect(again.getVehicle(I5)?.snapshot.fieldTimes?.['fuelAndBattery.remainingBatteryPercent']?.at).toEqual(
      new Date(I5_REPORTED),
    );
    expect(sim.requests()).toEqual([]);
    // The same reports polled again: nothing new, still restored, no change, no event.
    const seen = record(again);
    await again.start();
    await inState(again, 'connected');
    await sleep(300);
    expect(seen.changes).toEqual([]);
    expect(seen.events).toEqual([]);
    expect(again.getVehicle(I5)?.restored).toBe(true);
  });

  it('after a restart soon after a poll, waits for the interval instead of loading the account again', async () => {
    const account = await open({ pollIntervalMs: 60_000 });
    await account.start();
    await inState(account, 'connected');
    await account.stop();

    sim.clearRequests();
    const again = await open({ pollIntervalMs: 60_000 });
    await again.start();
    expect(again.connection.state).toBe('connecting');
    expect(again.connection.reason).toMatch(/is restored; the next poll is at/);
    const { polledAt } = JSON.parse(await readFile(statePath(), 'utf8')) as { polledAt: number };
    expect(Date.now() - polledAt).toBeLessThan(30_000);
    expect(again.nextPollAt?.getTime()).toBe(polledAt + 60_000);
    await sleep(500);
    expect(sim.requests()).toEqual([]);
    expect(again.vehicles.map((vehicle) => vehicle.restored)).toEqual([true, true]);
    // An explicit refresh still reads at once.
    await again.refresh(I5);
    expect(requestsTo(STATE).length).toBe(1);
  });

  it('keeps a damaged file aside and says so; refuses a file of another program; ignores another login', async () => {
    await writeFile(statePath(), '{"kind": "mybmw-live", "vers');
    const account = await open();
    const seen = record(account);
    await account.start();
    expect(seen.warnings[0]?.message).toMatch(/damaged .* kept as .*unreadable-/);
    expect((await readdir(stateDir)).some((name) => name.startsWith('mybmw-live.json.unreadable-'))).toBe(
      true,
    );
    await inState(account, 'connected');
    await account.stop();

    const other = await openMyBMWLiveAccount({
      username: 'someone-else@bimmer.test',
      password: 'x',
      region: 'rest_of_world',
      baseUrl: sim.url,
      statePath: statePath(),
    });
    expect(other.vehicles).toEqual([]);
    const warnings = record(other).warnings;
    await other.start();
    await other.stop();
    expect(warnings[0]?.message).toContain('belongs to another MyBMW login');

    const cardata = join(stateDir, 'cardata-state.json');
    await writeFile(cardata, JSON.stringify({ version: 3, accounts: {} }));
    expect(
      await failure(openMyBMWLiveAccount({ ...LOGIN, region: 'rest_of_world', statePath: cardata })),
    ).toMatchObject({ code: 'validation', action: 'check-files' });
    expect(JSON.parse(await readFile(cardata, 'utf8'))).toEqual({ version: 3, accounts: {} });
  });
});

describe('options', () => {
  it('are checked before anything is read or sent, naming each bad one', async () => {
    const refused = (options: Record<string, unknown>) =>
      failure(
        openMyBMWLiveAccount({
          ...LOGIN,
          region: 'rest_of_world',
          statePath: statePath(),
          ...options,
        } as never),
      );
    expect(
      await refused({ pollIntervalMs: 0, pollJitter: 0.9, staleAfterMs: -1, maxBackoffMs: Number.NaN }),
    ).toMatchObject({
      code: 'validation',
      paths: ['pollIntervalMs', 'maxBackoffMs', 'staleAfterMs', 'pollJitter'],
    });
    expect(await refused({ statePath: '' })).toMatchObject({ paths: ['statePath'] });
    expect(await refused({ quietHours: { from: '23:00', to: '23:00' } })).toMatchObject({
      paths: ['quietHours.to'],
    });
    expect(await refused({ events: { batteryBelow: [120] } })).toMatchObject({ code: 'validation' });
    expect(await refused({ region: 'mars' })).toMatchObject({ code: 'validation' });
    const account = await open();
    expect(await failure(account.refresh('not a vin'))).toMatchObject({ code: 'validation', paths: ['vin'] });
    expect(await failure(account.runRemoteService('not a vin', async () => 1))).toMatchObject({
      code: 'validation',
    });
    expect(sim.requests()).toEqual([]);
  });
});
