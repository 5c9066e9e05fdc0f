import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';

const VIN = 'WBA00000CARDATA02';

/**
 * A new user logs in before BMW maps the car to the account: the empty vehicle list is cached, so
 * the car only shows up with --refresh, and the empty status says so.
 */
describe('CarData vehicle list cache', () => {
  let sim: Simulator;
  let home: TestHome;
  let args: string[];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
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

  it('says how to see a vehicle mapped after the list was cached, and --refresh shows it', async () => {
    const empty = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.stderr).toContain('--refresh');

    await cardataControl(sim, `/vehicles/${VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    const cached = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect(JSON.parse(cached.stdout)).toEqual([]);

    const refreshed = await runBimmer(
      ['--debug', ...args, 'status', '--transport', 'cardata', '--refresh', '--json'],
      {
        env: home.env(),
      },
    );
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const vehicles = JSON.parse(refreshed.stdout) as Array<{ vin: string }>;
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual([VIN]);
    expect(refreshed.stderr).not.toContain('--refresh');
    expect(refreshed.stderr).toMatch(/debug: CarData GET \/customers\/vehicles\/mappings 200/);

    const later = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect((JSON.parse(later.stdout) as Array<{ vin: string }>).map((vehicle) => vehicle.vin)).toEqual([VIN]);
  });

  it('refuses --refresh without --transport cardata', async () => {
    const run = await runBimmer([...args, 'status', '--refresh'], { env: home.env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--transport cardata');
  });
});
