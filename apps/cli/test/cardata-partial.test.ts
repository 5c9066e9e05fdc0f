import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { carDataStatePathFor, FileCarDataStateStore, QuotaLedger } from '@bimmer/cardata';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';

const FIRST = 'WBA00000PARTIAL01';
const SECOND = 'WBA00000PARTIAL02';

/** Requests for a vehicle's telematic data (one REST call each) the simulator answered. */
const stateReads = (sim: Simulator) =>
  sim.requests().filter((request) => request.path.endsWith('/telematicData'));

/**
 * `status --transport cardata` with fewer calls left than vehicles: it prints what the budget paid
 * for, says on stderr what it could not fetch and exits 10, instead of printing nothing.
 */
describe('status --transport cardata with too few calls left', () => {
  let sim: Simulator;
  let home: TestHome;
  let tokenFile: string;
  let args: string[];
  const status = (extra: readonly string[] = []) =>
    runBimmer([...args, 'status', '--transport', 'cardata', ...extra], { env: home.env() });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    home = await createTestHome();
    tokenFile = join(home.dir, 'cardata.json');
    args = ['--base-url', sim.url, '--token-file', tokenFile];
    await cardataControl(sim, '/config', { pollIntervalSeconds: 0.05 });
    for (const [vin, percent] of [
      [FIRST, '61'],
      [SECOND, '62'],
    ] as const) {
      await cardataControl(sim, `/vehicles/${vin}`, { mappingType: 'PRIMARY' }, 'PUT');
      await cardataControl(
        sim,
        `/telematic/${vin}`,
        {
          telematicData: {
            'vehicle.powertrain.electric.battery.stateOfCharge.displayed': {
              value: percent,
              unit: '%',
              timestamp: '2026-12-01T07:00:00Z',
            },
          },
        },
        'PUT',
      );
    }
    const { run } = await loginCarDataApproved(sim, home, args);
    expect(run.code, run.stderr).toBe(0);
    // The vehicle list, basic data and container are cached by a first, complete status.
    const first = await status(['--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveLength(2);
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  /** Spends calls in the ledger beside the token file, as another program sharing it would: none is sent. */
  async function spendAllBut(left: number): Promise<void> {
    const { gcid } = JSON.parse(await readFile(tokenFile, 'utf8')) as { gcid: string };
    const ledger = new QuotaLedger({
      store: new FileCarDataStateStore(carDataStatePathFor(tokenFile)),
      gcid,
      baseUrl: sim.url,
    });
    const { remaining } = await ledger.usage();
    for (let spent = 0; spent < remaining - left; spent++) await ledger.spend('GET /spent-elsewhere');
    expect((await ledger.usage()).remaining).toBe(left);
  }

  it('prints the vehicle one call paid for, names the other on stderr and exits 10', async () => {
    await spendAllBut(1);
    sim.clearRequests();
    const run = await status(['--json']);
    expect(run.code, run.stderr).toBe(10);
    const vehicles = JSON.parse(run.stdout) as Array<{
      vin: string;
      fuelAndBattery?: Record<string, unknown>;
    }>;
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual([FIRST]);
    expect(vehicles[0]?.fuelAndBattery).toMatchObject({ remainingBatteryPercent: 61 });
    expect(run.stderr).toContain('Only part of the account was loaded; missing:');
    // The live account's refusal, before anything was sent, with when enough calls are free.
    expect(run.stderr).toMatch(
      new RegExp(`- ${SECOND}: .*needs 1 REST call and 0 of \\d+ are left; nothing was sent\\. .*free at `),
    );
    expect(run.stderr).toContain(
      'hint: The CarData quota did not allow the rest: bimmer quota shows when the next call is free',
    );
    // Said once: the account's own warning about the same vehicle is not repeated.
    expect(run.stderr.split('\n').filter((line) => line.includes(SECOND))).toHaveLength(1);
    // The one call left was spent on the first vehicle; nothing was sent for the second.
    expect(stateReads(sim).map((request) => request.path)).toEqual([expect.stringContaining(FIRST)]);
  });

  it('with no call left, sends nothing, names every vehicle and still exits 10 (text)', async () => {
    sim.clearRequests();
    const run = await status();
    expect(run.code, run.stderr).toBe(10);
    expect(run.stdout).toContain('Found 0 vehicles.');
    for (const vin of [FIRST, SECOND]) {
      expect(run.stderr).toMatch(new RegExp(`- ${vin}: .*0 of \\d+ are left; nothing was sent`));
    }
    expect(sim.requests().filter((request) => request.path.startsWith('/customers/'))).toEqual([]);
  });
});
