import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore, isCarDataTokens, loginWithCarDataDeviceCode } from '@bimmer/auth';
import {
  CARDATA_API_BASE_URL,
  type CarDataAccount,
  carDataStatePathFor,
  FileCarDataStateStore,
  openCarDataAccount,
  QuotaLedger,
} from '@bimmer/cardata';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const FIXTURES = new URL('../../../fixtures/cardata/rest/', import.meta.url);
const BEV = 'WBASIMCARDATA0001';
const MINI = 'WBASIMCARDATA0002';

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

function restCalls(): string[] {
  return sim
    .requests()
    .filter((entry) => entry.handledBy === 'cardata' && entry.path.startsWith('/customers/'))
    .map((entry) => `${entry.method} ${entry.path}`);
}

async function open(quotaLimit?: number): Promise<{ account: CarDataAccount; warnings: string[] }> {
  const account = await openCarDataAccount({
    tokenStore,
    statePath,
    loginBaseUrl: sim.url,
    apiBaseUrl: sim.url,
    quotaLimit,
  });
  const warnings: string[] = [];
  account.on('warning', (text) => warnings.push(text));
  return { account, warnings };
}

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [], cardataVehicles: false });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-ledger-'));
  tokenStore = new FileTokenStore(join(dir, 'tokens.json'));
  statePath = carDataStatePathFor(tokenStore.path);
  await control('config', { pollIntervalSeconds: 0.01 });
  for (const vin of [BEV, MINI]) {
    const fixture = JSON.parse(await readFile(new URL(`${vin}.json`, FIXTURES), 'utf8')) as Record<
      string,
      unknown
    >;
    await control(`vehicles/${vin}`, fixture, 'PUT');
    await control(`telematic/${vin}`, { telematicData: fixture.telematicData }, 'PUT');
  }
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore,
    onUserCode: async () => {
      await control('approve', {});
    },
  });
  sim.clearRequests();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CarData ledger after an unreadable state file', () => {
  it('keeps the file aside, warns, and sends nothing until the lost calls can have left the window', async () => {
    const { account: first } = await open();
    await first.loadVehicles();
    const spent = restCalls().length;
    // A crash of another tool, a full disk, an older bimmer: the file is cut short.
    const text = await readFile(statePath, 'utf8');
    await writeFile(statePath, text.slice(0, Math.floor(text.length / 2)));
    sim.clearRequests();

    const { account, warnings } = await open();
    await expect(account.loadVehicles({ refreshCache: true })).rejects.toMatchObject({
      code: 'quota',
      action: 'wait',
    });
    expect(restCalls()).toEqual([]);
    const kept = (await readdir(dir)).filter((name) => name.startsWith('cardata-state.json.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(warnings.filter((warning) => warning.includes(join(dir, kept[0] ?? '')))).toHaveLength(1);
    const usage = await account.quota();
    expect(usage.remaining).toBe(0);
    expect(usage.lostLedger?.until.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
    console.info(`first load spent ${spent} calls; after losing the ledger 0 calls were sent`);
  });
});

describe('CarData status with fewer calls left than vehicles', () => {
  it('loads what it can pay for and reports what it could not fetch and why', async () => {
    const { account: first } = await open(50);
    await first.loadVehicles();
    const firstRun = restCalls().length;
    sim.clearRequests();
    // One call left of the budget: two vehicles need two telematic reads.
    const { account, warnings } = await open(firstRun + 1);
    const report = await account.loadVehicles();
    expect(restCalls()).toEqual([`GET /customers/vehicles/${BEV}/telematicData`]);
    expect(report.vehicles.map((vehicle) => vehicle.vin)).toEqual([BEV, MINI]);
    expect(report.vehicles[0]?.snapshot.fuelAndBattery?.remainingBatteryPercent).toBeDefined();
    expect(report.vehicles[1]?.name).toBe('Cooper S 5-door');
    expect(report.missing).toHaveLength(1);
    expect(report.missing[0]).toMatchObject({ vin: MINI, part: 'telematicData', error: { code: 'quota' } });
    expect(report.missing[0]?.reason).toMatch(/quota is used up/);
    expect(warnings.some((warning) => warning.includes(MINI))).toBe(true);
    console.info(
      `first load ${firstRun} calls, second load 1 call paid for, 1 vehicle state reported missing`,
    );
  });

  it('keeps the simulator budget apart from BMW budget in one state file', async () => {
    const { account } = await open();
    await account.loadVehicles();
    const store = new FileCarDataStateStore(statePath);
    const tokens = await tokenStore.load();
    if (!isCarDataTokens(tokens)) throw new Error('no CarData login stored');
    const simulatorLedger = new QuotaLedger({ store, gcid: tokens.gcid, baseUrl: sim.url });
    const bmwLedger = new QuotaLedger({ store, gcid: tokens.gcid, baseUrl: CARDATA_API_BASE_URL });
    expect((await simulatorLedger.usage()).used).toBe(restCalls().length);
    expect((await bmwLedger.usage()).used).toBe(0);
  });
});
