import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CAPTCHA, DEMO, passwordLogins, secretsIn, useSimulator } from './helpers/simulator-setup';

describe('bimmer status', () => {
  const harness = useSimulator();

  it('prints a readable summary of every vehicle', async () => {
    const run = await harness.run(['status']);
    expect(run.code, run.stderr).toBe(0);
    const vins = harness.sim.vins();
    expect(run.stdout).toContain(`Found ${vins.length} vehicles.`);
    for (const vin of vins) expect(run.stdout).toContain(vin);
    expect(run.stdout).toMatch(/Mileage\s+[\d,]+ km/);
    expect(run.stdout).toMatch(/Lock\s+locked/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).not.toContain('Logging in');
    expect(secretsIn(run, [DEMO.password, CAPTCHA])).toEqual([]);
  });

  it('prints the JSON form of every vehicle and nothing else with --json', async () => {
    const run = await harness.run(['status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const vehicles = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(vehicles.map((vehicle) => vehicle.vin).sort()).toEqual(harness.sim.vins());
    for (const vehicle of vehicles) {
      expect(vehicle).toMatchObject({ source: 'mybmw', region: 'rest_of_world' });
      expect(typeof vehicle.isRemoteLightsEnabled).toBe('boolean');
    }
    const served = harness.sim.state(String(vehicles[0]?.vin)) as { state: { currentMileage?: number } };
    if (served.state.currentMileage !== undefined) {
      expect(vehicles[0]?.mileage).toEqual({ value: served.state.currentMileage, unit: 'km' });
    }
  });

  it('prints one object with --vin, matching the VIN case-insensitively', async () => {
    const vin = harness.sim.vins()[0] ?? '';
    const run = await harness.run(['status', '-j', '-v', vin.toLowerCase()]);
    expect(run.code, run.stderr).toBe(0);
    const vehicle = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Array.isArray(vehicle)).toBe(false);
    expect(vehicle.vin).toBe(vin);

    const text = await harness.run(['status', '--vin', vin]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toContain(vin);
    expect(text.stdout).not.toContain('Found');
  });

  it('with a vehicle whose state keeps failing, prints the others, names exactly what is missing and exits 10', async () => {
    const vins = harness.sim.vins();
    const failing = vins[1] ?? '';
    // Every try of that vehicle's state fails (the retries too); everything else answers.
    harness.sim.addFault(`500@/eadrax-vcs/v4/vehicles/state#${failing}`);

    const json = await harness.run(['status', '--json']);
    expect(json.code, json.stderr).toBe(10);
    const printed = (JSON.parse(json.stdout) as Array<{ vin: string }>).map((vehicle) => vehicle.vin);
    expect(printed.sort()).toEqual(vins.filter((vin) => vin !== failing));
    const missing = json.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(missing).toEqual([expect.stringMatching(new RegExp(`^  - ${failing} \\(state\\): .*HTTP 500`))]);
    expect(json.stderr).toContain('Only part of the account was loaded; missing:');
    expect(json.stderr.match(/^hint: /gm)).toHaveLength(1);

    const text = await harness.run(['status']);
    expect(text.code, text.stderr).toBe(10);
    expect(text.stdout).toContain(`Found ${vins.length - 1} vehicles.`);
    expect(text.stdout).not.toContain(failing);
    expect(text.stderr).toContain(`- ${failing} (state)`);

    // The vehicles that loaded are whole on their own; the one that did not is said so, never "not found".
    const other = await harness.run(['status', '--json', '--vin', vins[0] ?? '']);
    expect(other.code, other.stderr).toBe(0);
    const one = await harness.run(['status', '--json', '--vin', failing]);
    expect(one.code).toBe(1);
    expect(one.stdout).toBe('');
    expect(one.stderr).toContain(`${failing} could not be loaded`);
    expect(one.stderr).not.toContain('Could not find');
  });

  it('exits 8 for an unknown VIN and lists the valid ones', async () => {
    const run = await harness.run(['status', '--json', '--vin', 'WBA00000000NOSUCH']);
    expect(run.code, run.stderr).toBe(8);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Could not find vehicle for VIN WBA00000000NOSUCH');
    for (const vin of harness.sim.vins()) expect(run.stderr).toContain(vin);
  });

  it('reuses the token file: the second run logs in without password or captcha', async () => {
    const first = await harness.run(['status', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(passwordLogins(harness.sim)).toBe(1);
    const stored = await readFile(harness.home.tokenFile, 'utf8');
    expect(stored).toContain('refreshToken');
    expect((await stat(harness.home.tokenFile)).mode & 0o777).toBe(0o600);

    const second = await harness.run(['status', '--json'], { env: harness.home.env() });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toHaveLength(harness.sim.vins().length);
    expect(passwordLogins(harness.sim)).toBe(1);
  });

  it('keeps tokens in the config folder by default, one file per account', async () => {
    const env = harness.home.env({ BIMMER_PASSWORD: DEMO.password, BIMMER_CAPTCHA_TOKEN: CAPTCHA });
    const { runBimmer } = await import('./helpers/run-bimmer');
    const args = ['--base-url', harness.sim.url, '--username', DEMO.username, 'status', '--json'];
    expect((await runBimmer(args, { env })).code).toBe(0);
    const { readdir } = await import('node:fs/promises');
    const files = await readdir(`${harness.home.dir}/config/bimmer/tokens`);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^mybmw-rest_of_world-[0-9a-f]{16}\.json$/);
    expect(files[0]).not.toContain('demo');

    const again = await runBimmer(args, { env: harness.home.env() });
    expect(again.code, again.stderr).toBe(0);
    expect(passwordLogins(harness.sim)).toBe(1);
  });

  it('logs in afresh with --no-token-store and writes no file', async () => {
    for (let i = 0; i < 2; i++)
      expect((await harness.run(['--no-token-store', 'status', '--json'])).code).toBe(0);
    expect(passwordLogins(harness.sim)).toBe(2);
    await expect(stat(harness.home.tokenFile)).rejects.toThrow();
  });

  it('accepts bimmer_connected positionals: username password region', async () => {
    const { runBimmer } = await import('./helpers/run-bimmer');
    const run = await runBimmer(
      [
        'status',
        DEMO.username,
        DEMO.password,
        'rest_of_world',
        '--json',
        '--base-url',
        harness.sim.url,
        '--no-token-store',
        '--captcha-token',
        CAPTCHA,
      ],
      { env: harness.home.env() },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(harness.sim.vins().length);
  });

  it('logs requests with --debug, without secrets', async () => {
    const run = await harness.run(['--debug', 'status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/debug: (GET|POST) \/eadrax-vcs\/v5\/vehicle-list 200/);
    // The login requests too, with their status.
    expect(run.stderr).toMatch(/debug: GET \/eadrax-ucs\/v1\/presentation\/oauth\/config 200/);
    expect(run.stderr).toMatch(/debug: POST \/gcdm\/oauth\/authenticate 200/);
    expect(run.stderr).toMatch(/debug: POST \/gcdm\/oauth\/token 200/);
    const tokens = JSON.parse(await readFile(harness.home.tokenFile, 'utf8')) as Record<string, unknown>;
    const secrets = [DEMO.password, CAPTCHA, ...collectStrings(tokens, ['accessToken', 'refreshToken'])];
    expect(secrets.length).toBeGreaterThan(2);
    expect(secretsIn(run, secrets)).toEqual([]);
    JSON.parse(run.stdout);
  });

  it('colours only when asked to (FORCE_COLOR), and never with NO_COLOR or --no-color', async () => {
    const colored = await harness.run(['status'], { extraEnv: { FORCE_COLOR: '1' } });
    expect(colored.code, colored.stderr).toBe(0);
    expect(colored.stdout).toContain('\u001b[');
    const noColor = await harness.run(['status'], { extraEnv: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const flag = await harness.run(['--no-color', 'status'], { extraEnv: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toContain('\u001b[');
  });

  it('takes the base URL and credentials from the environment', async () => {
    const { runBimmer } = await import('./helpers/run-bimmer');
    const env = harness.home.env({
      BIMMER_BASE_URL: harness.sim.url,
      BIMMER_USERNAME: DEMO.username,
      BIMMER_PASSWORD: DEMO.password,
      BIMMER_REGION: 'row',
      BIMMER_CAPTCHA_TOKEN: CAPTCHA,
    });
    const run = await runBimmer(['status', '--json', '--no-token-store'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(harness.sim.vins().length);
  });
});

function collectStrings(value: unknown, keys: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys.includes(key) && typeof inner === 'string' ? [inner] : collectStrings(inner, keys),
  );
}
