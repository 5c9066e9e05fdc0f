import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, seedLastKnownValues, streamMessage } from './helpers/cardata-live';
import { cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';

const FRESH = 'WBA00000CACHED001';
const OLD = 'WBA00000CACHED002';
const NEVER_SEEN = 'WBA00000CACHED003';
const SOC = 'vehicle.powertrain.electric.battery.stateOfCharge.displayed';
const MILEAGE = 'vehicle.vehicle.travelledDistance';
const HOUR = 3_600_000;

interface CachedVehicleJSON {
  vin: string;
  mileage?: { value: number; unit: string };
  fuelAndBattery?: { remainingBatteryPercent?: number };
  fieldTimes?: Record<string, { at: string; channel?: string }>;
  freshness: {
    restored: boolean;
    knownValues: number;
    newestAt?: string;
    ageSeconds?: number;
    oldestAgeSeconds?: number;
    stale: boolean;
    staleSince?: string;
    staleAfterSeconds: number;
    fieldAgeSeconds: Record<string, number>;
  };
}

/**
 * `status --transport cardata --cached`: what bimmer last knew, with each value's age, from the state
 * file beside the CarData tokens, without a single request to the simulator.
 */
describe('status --transport cardata --cached', () => {
  let sim: Simulator;
  let home: TestHome;
  let tokenFile: string;
  let args: string[];
  const cached = (extra: readonly string[] = []) =>
    runBimmer([...args, 'status', '--transport', 'cardata', '--cached', ...extra], { env: home.env() });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    home = await createTestHome();
    tokenFile = join(home.dir, 'cardata.json');
    args = ['--base-url', sim.url, '--token-file', tokenFile];
    await cardataControl(sim, '/config', { pollIntervalSeconds: 0.05 });
    for (const vin of [FRESH, OLD, NEVER_SEEN]) {
      await cardataControl(sim, `/vehicles/${vin}`, { mappingType: 'PRIMARY' }, 'PUT');
    }
    const { run } = await loginCarDataApproved(sim, home, args);
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  it('says clearly that nothing is cached yet, exits 12 and sends nothing', async () => {
    sim.clearRequests();
    for (const extra of [[], ['--json'], ['--vin', FRESH]]) {
      const run = await cached(extra);
      expect(run.code, run.stderr).toBe(12);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Nothing cached yet');
      expect(run.stderr).toContain('bimmer stream');
    }
    expect(sim.requests()).toEqual([]);
  });

  it('prints the last known state with the age of every value, spending no call', async () => {
    await seedLastKnownValues(sim, tokenFile, [
      streamMessage(FRESH, ago(2 * HOUR), { [MILEAGE]: [12_345, 'km'] }),
      streamMessage(FRESH, ago(5 * 60_000), { [SOC]: [71, '%'] }),
      streamMessage(OLD, ago(13 * HOUR), { [SOC]: [40, '%'], [MILEAGE]: [999, 'km'] }),
    ]);
    sim.clearRequests();

    const text = await cached();
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('What bimmer last knew of 2 vehicles');
    expect(text.stdout).toMatch(/Last known\s+newest value 5 min ago, oldest 2 h ago/);
    expect(text.stdout).toMatch(/Battery\s+71 %\s+\(5 min ago\)/);
    expect(text.stdout).toMatch(/Mileage\s+12,345 km\s+\(2 h ago\)/);
    // The other vehicle's newest value is older than 12 hours: stale, and since when.
    expect(text.stdout).toMatch(
      /Last known\s+every value 13 h ago; stale since \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );

    const json = await cached(['--json']);
    expect(json.code, json.stderr).toBe(0);
    const vehicles = JSON.parse(json.stdout) as CachedVehicleJSON[];
    expect(vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([FRESH, OLD]);
    const fresh = vehicles.find((vehicle) => vehicle.vin === FRESH);
    expect(fresh).toMatchObject({
      mileage: { value: 12_345, unit: 'km' },
      fuelAndBattery: { remainingBatteryPercent: 71 },
      fieldTimes: { mileage: { channel: 'stream' }, 'fuelAndBattery.remainingBatteryPercent': {} },
      freshness: { restored: true, knownValues: 2, stale: false, staleAfterSeconds: 12 * 3600 },
    });
    const ages = fresh?.freshness.fieldAgeSeconds ?? {};
    expect(ages.mileage).toBeGreaterThanOrEqual(2 * 3600);
    expect(ages.mileage).toBeLessThan(2 * 3600 + 120);
    expect(ages['fuelAndBattery.remainingBatteryPercent']).toBeGreaterThanOrEqual(300);
    expect(fresh?.freshness.ageSeconds).toBe(ages['fuelAndBattery.remainingBatteryPercent']);
    expect(fresh?.freshness.oldestAgeSeconds).toBe(ages.mileage);
    expect(fresh?.freshness.newestAt).toBe(fresh?.fieldTimes?.['fuelAndBattery.remainingBatteryPercent']?.at);
    const old = vehicles.find((vehicle) => vehicle.vin === OLD);
    expect(old?.freshness).toMatchObject({ stale: true, knownValues: 2 });
    expect(Date.parse(old?.freshness.staleSince ?? '')).toBeLessThan(Date.now());

    const one = await cached(['--json', '--vin', OLD]);
    expect(one.code, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as CachedVehicleJSON).vin).toBe(OLD);

    expect(sim.requests().filter((request) => request.path.startsWith('/customers/'))).toEqual([]);
    expect(sim.requests()).toEqual([]);
  });

  it('names the vehicles it knows nothing of (exit 10), or exit 12 for the one asked for', async () => {
    // A status through REST caches the vehicle list; the third vehicle never sent a value to the stream.
    const status = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect(status.code, status.stderr).toBe(0);
    sim.clearRequests();

    const all = await cached(['--json']);
    expect(all.code, all.stderr).toBe(10);
    expect((JSON.parse(all.stdout) as CachedVehicleJSON[]).map((vehicle) => vehicle.vin).sort()).toEqual([
      FRESH,
      OLD,
    ]);
    expect(all.stderr).toContain('Nothing is cached yet of part of the account; missing:');
    expect(all.stderr).toMatch(new RegExp(`- ${NEVER_SEEN}: no value of it was kept yet`));

    const one = await cached(['--vin', NEVER_SEEN]);
    expect(one.code, one.stderr).toBe(12);
    expect(one.stderr).toContain(`Nothing cached yet for ${NEVER_SEEN}`);
    expect(sim.requests()).toEqual([]);
  });

  it('refuses --cached with MyBMW, with --refresh, or with positionals (exit 2)', async () => {
    for (const extra of [
      ['status', '--cached'],
      ['status', '--transport', 'cardata', '--cached', '--refresh'],
      ['status', '--transport', 'cardata', '--cached', '48.1', '11.5'],
    ]) {
      const run = await runBimmer([...args, ...extra], { env: home.env() });
      expect(run.code, `${extra.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain('--cached');
    }
  });
});
