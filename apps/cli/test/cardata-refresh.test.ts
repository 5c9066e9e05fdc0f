import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';

const VIN = 'WBA00000CARDATA02';
const SECOND_VIN = 'WBA00000CARDATA03';

/**
 * A new user logs in before BMW maps the car to the account: the empty vehicle list is not cached,
 * so the car shows up as soon as it is mapped. A non-empty list is cached until --refresh.
 */
describe('CarData vehicle list cache', () => {
  let sim: Simulator;
  let home: TestHome;
  let args: string[];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    home = await createTestHome();
    args = ['--base-url', sim.url, '--token-file', join(home.dir, 'cardata.json')];
    await cardataControl(sim, '/config', { pollIntervalSeconds: 0.05 });
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  it('logs the device-code login requests with --debug, never a token', async () => {
    const { run, approved } = await loginCarDataApproved(sim, home, ['--debug', ...args]);
    expect(approved).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/debug: CarData POST \/gcdm\/oauth\/device\/code 200/);
    expect(run.stderr).toMatch(/debug: CarData POST \/gcdm\/oauth\/token 200/);
    const stored = JSON.parse(await readFile(join(home.dir, 'cardata.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const key of ['accessToken', 'idToken', 'refreshToken']) {
      expect(typeof stored[key]).toBe('string');
      expect(run.stderr).not.toContain(String(stored[key]));
    }
  });

  it('shows a vehicle mapped after a login that found none, without --refresh', async () => {
    const status = (extra: string[] = []) =>
      runBimmer([...extra, ...args, 'status', '--transport', 'cardata', '--json'], { env: home.env() });
    const empty = await status();
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.stderr).toContain('PRIMARY user');
    expect(empty.stderr).not.toContain('--refresh');

    await cardataControl(sim, `/vehicles/${VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    const mapped = await status();
    expect(mapped.code, mapped.stderr).toBe(0);
    expect((JSON.parse(mapped.stdout) as Array<{ vin: string }>).map((vehicle) => vehicle.vin)).toEqual([
      VIN,
    ]);
  });

  it('keeps a non-empty vehicle list cached until --refresh', async () => {
    const status = (extra: string[] = [], refresh: string[] = []) =>
      runBimmer([...extra, ...args, 'status', '--transport', 'cardata', ...refresh, '--json'], {
        env: home.env(),
      });
    const vinsOf = (stdout: string) =>
      (JSON.parse(stdout) as Array<{ vin: string }>).map((vehicle) => vehicle.vin);
    await cardataControl(sim, `/vehicles/${SECOND_VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    const cached = await status(['--debug']);
    expect(cached.code, cached.stderr).toBe(0);
    expect(vinsOf(cached.stdout)).toEqual([VIN]);
    expect(cached.stderr).not.toMatch(/CarData GET \/customers\/vehicles\/mappings/);

    const refreshed = await status(['--debug'], ['--refresh']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(vinsOf(refreshed.stdout).sort()).toEqual([VIN, SECOND_VIN].sort());
    expect(refreshed.stderr).toMatch(/debug: CarData GET \/customers\/vehicles\/mappings 200/);

    const later = await status();
    expect(vinsOf(later.stdout).sort()).toEqual([VIN, SECOND_VIN].sort());
  });

  it('refuses --refresh without --transport cardata', async () => {
    const run = await runBimmer([...args, 'status', '--refresh'], { env: home.env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--transport cardata');
  });
});
