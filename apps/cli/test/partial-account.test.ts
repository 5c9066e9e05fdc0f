import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';
import { CAPTCHA, DEMO } from './helpers/simulator-setup';

const FLEET = fileURLToPath(new URL('../../../fixtures/mybmw/', import.meta.url));
/** A vehicle that loads. */
const LOADS = 'WBA00000BIMMER001';
/** A vehicle whose profile is listed but whose state BMW does not send (404, not a transient fault). */
const FAILS = 'WBA00000BIMMER007';

/**
 * An account where one vehicle's state cannot be loaded: `status` must not exit 0 with it missing,
 * and a command for that vehicle must not say "not found" or "not supported".
 */
describe('an account that loads only in part', () => {
  let sim: Simulator;
  let home: TestHome;
  let fingerprints: string;

  beforeAll(async () => {
    fingerprints = await mkdtemp(join(tmpdir(), 'bimmer-partial-fleet-'));
    await cp(join(FLEET, 'i5-charging-settings'), join(fingerprints, 'loads'), { recursive: true });
    await cp(join(FLEET, '320d-attention'), join(fingerprints, 'fails'), { recursive: true });
    await rm(join(fingerprints, 'fails', `bmw-eadrax-vcs_v4_vehicles_state_${FAILS}.json`));
    sim = await startSimulator({ port: 0, fingerprints });
    home = await createTestHome();
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
    await rm(fingerprints, { recursive: true, force: true });
  });

  const run = (args: readonly string[]) =>
    runBimmer(['--base-url', sim.url, '--no-token-store', '--username', DEMO.username, ...args], {
      env: home.env({ BIMMER_PASSWORD: DEMO.password, BIMMER_CAPTCHA_TOKEN: CAPTCHA }),
    });

  it('status prints what loaded, names what is missing on stderr and exits 10', async () => {
    const json = await run(['status', '--json']);
    expect(json.code, json.stderr).toBe(10);
    const vehicles = JSON.parse(json.stdout) as Array<{ vin: string }>;
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual([LOADS]);
    expect(json.stderr).toContain('Only part of the account was loaded; missing:');
    // The SDK's load report names the vehicle and the request that failed.
    expect(json.stderr).toMatch(new RegExp(`- ${FAILS} \\(state\\): .+`));

    const text = await run(['status']);
    expect(text.code).toBe(10);
    expect(text.stdout).toContain('Found 1 vehicle.');
    expect(text.stdout).toContain(LOADS);
    expect(text.stdout).not.toContain(FAILS);
  });

  it('status --vin of the vehicle that loaded is complete and exits 0', async () => {
    const one = await run(['status', '--json', '--vin', LOADS]);
    expect(one.code, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { vin: string }).vin).toBe(LOADS);
  });

  it('a command for the vehicle that failed says it could not be loaded, and sends nothing', async () => {
    const run404 = await run(['lightflash', FAILS, '--poll-interval', '0.05', '--timeout', '5']);
    expect(run404.code).not.toBe(0);
    expect(run404.code).not.toBe(9);
    expect(run404.stderr).toContain(`${FAILS} could not be loaded`);
    expect(run404.stderr).not.toContain('Could not find vehicle');
    expect(sim.events()).toEqual([]);
  });
});
