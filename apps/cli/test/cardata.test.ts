import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDATA_CLIENT_ID, cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { createTestHome, runBimmer, startBimmer, type TestHome } from './helpers/run-bimmer';

const VIN = 'WBA00000CARDATA01';

/** The CarData flow end to end: device-code login, status, quota, stream, doctor. One login for all. */
describe('CarData commands', () => {
  let sim: Simulator;
  let home: TestHome;
  let args: string[];

  const control = (path: string, body: unknown, method = 'POST') => cardataControl(sim, path, body, method);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    home = await createTestHome();
    args = ['--base-url', sim.url, '--token-file', join(home.dir, 'cardata.json')];
    await control('/config', { pollIntervalSeconds: 0.05 });
    await control(`/vehicles/${VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    await control(
      `/telematic/${VIN}`,
      {
        telematicData: {
          'vehicle.vehicle.travelledDistance': {
            value: '12345',
            unit: 'km',
            timestamp: '2026-12-01T07:00:00Z',
          },
          'vehicle.powertrain.electric.battery.stateOfCharge.displayed': {
            value: '67',
            unit: '%',
            timestamp: '2026-12-01T07:00:00Z',
          },
        },
      },
      'PUT',
    );
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  it('logs in with the device code, after the user approves it', async () => {
    const { run, approved } = await loginCarDataApproved(sim, home, args);
    expect(approved).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Logged in to BMW CarData');
    const stored = JSON.parse(await readFile(join(home.dir, 'cardata.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({ kind: 'cardata', clientId: CARDATA_CLIENT_ID });
    for (const key of ['accessToken', 'idToken', 'refreshToken']) {
      expect(run.stderr).not.toContain(String(stored[key]));
    }
  });

  it('prints the same status through --transport cardata, text and JSON', async () => {
    const json = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect(json.code, json.stderr).toBe(0);
    const vehicles = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(vehicles).toHaveLength(1);
    expect(vehicles[0]).toMatchObject({ vin: VIN, source: 'cardata', mileage: { value: 12345, unit: 'km' } });
    expect(vehicles[0]?.fuelAndBattery).toMatchObject({ remainingBatteryPercent: 67 });

    const text = await runBimmer([...args, 'status', '--transport', 'cardata', '--vin', VIN], {
      env: home.env(),
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(VIN);
    expect(text.stdout).toMatch(/Mileage\s+12,345 km/);
    expect(text.stdout).toMatch(/Battery\s+67 %/);
  });

  it('keeps what status read, so status --cached afterwards shows it without a single request', async () => {
    sim.clearRequests();
    const read = await runBimmer([...args, 'status', '--transport', 'cardata', '--json'], {
      env: home.env(),
    });
    expect(read.code, read.stderr).toBe(0);
    // The status read over REST: one call for the vehicle's data.
    expect(sim.requests().filter((request) => request.path.endsWith('/telematicData'))).toHaveLength(1);
    const [fromRest] = JSON.parse(read.stdout) as Array<Record<string, unknown>>;

    sim.clearRequests();
    const cached = await runBimmer([...args, 'status', '--transport', 'cardata', '--cached', '--json'], {
      env: home.env(),
    });
    expect(cached.code, cached.stderr).toBe(0);
    const [kept] = JSON.parse(cached.stdout) as Array<Record<string, unknown>>;
    const { freshness, ...json } = kept ?? {};
    // Exactly what the status read, value for value and with the time of each.
    expect(json).toEqual(fromRest);
    expect(json).toMatchObject({ vin: VIN, mileage: { value: 12345, unit: 'km' } });
    expect((json.fieldTimes as Record<string, { channel?: string }>).mileage).toMatchObject({
      at: '2026-12-01T07:00:00Z',
      channel: 'rest',
    });
    expect(freshness).toMatchObject({ restored: true });
    // Not a request of any kind: no token refresh, no REST call, no stream.
    expect(sim.requests()).toEqual([]);
  });

  it('counts the REST calls in bimmer quota, without spending one', async () => {
    const first = await runBimmer([...args, 'quota', '--json'], { env: home.env() });
    expect(first.code, first.stderr).toBe(0);
    const usage = JSON.parse(first.stdout) as { used: number; limit: number; remaining: number };
    expect(usage.used).toBeGreaterThan(0);
    expect(usage.remaining).toBe(usage.limit - usage.used);
    const second = await runBimmer([...args, 'quota', '--json'], { env: home.env() });
    expect((JSON.parse(second.stdout) as { used: number }).used).toBe(usage.used);
    const text = await runBimmer([...args, 'quota'], { env: home.env() });
    expect(text.stdout).toContain(`${usage.used} of ${usage.limit} used`);
  });

  it('streams changes as JSON lines until Ctrl-C, then exits 130', async () => {
    const mqttUrl = sim.mqttUrl;
    expect(mqttUrl).toBeDefined();
    const running = startBimmer([...args, '--stream-url', mqttUrl ?? '', 'stream', '--json'], {
      env: home.env(),
    });
    await waitFor(() => running.stderr().includes('Connected to the CarData stream')).catch(
      (error: unknown) => {
        running.child.kill('SIGKILL');
        throw new Error(`${String(error)}: ${running.stderr()}`);
      },
    );
    await control('/publish', {
      vin: VIN,
      entityId: 'stream-test',
      topic: `${VIN}`,
      timestamp: '2026-12-01T07:05:00Z',
      data: {
        'vehicle.powertrain.electric.battery.stateOfCharge.displayed': {
          value: 71,
          unit: '%',
          timestamp: '2026-12-01T07:05:00Z',
        },
      },
    });
    await waitFor(() => running.stdout().includes('"field":"fuelAndBattery.remainingBatteryPercent"'));
    running.child.kill('SIGINT');
    const run = await running.exited;
    expect(run.code, run.stderr).toBe(130);
    const changes = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.type === 'change');
    expect(changes).toContainEqual({
      type: 'change',
      vin: VIN,
      at: '2026-12-01T07:05:00Z',
      field: 'fuelAndBattery.remainingBatteryPercent',
      value: 71,
      unit: '%',
      channel: 'stream',
    });
  });

  it('streams changes as readable lines without --json', async () => {
    const running = startBimmer([...args, '--stream-url', sim.mqttUrl ?? '', 'stream'], { env: home.env() });
    await waitFor(() => running.stderr().includes('Connected to the CarData stream'));
    await control('/publish', {
      vin: VIN,
      entityId: 'stream-test',
      topic: VIN,
      timestamp: '2026-12-01T07:06:00Z',
      data: {
        'vehicle.powertrain.electric.battery.stateOfCharge.displayed': {
          value: 72,
          unit: '%',
          timestamp: '2026-12-01T07:06:00Z',
        },
      },
    });
    await waitFor(() => running.stdout().includes('72 %'));
    running.child.kill('SIGINT');
    const run = await running.exited;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stdout).toContain(
      `2026-12-01 07:06:00 UTC  ${VIN}  fuelAndBattery.remainingBatteryPercent  72 %  (stream)`,
    );
    expect(run.stderr).toContain('Stream stopped');
  });

  it('bimmer doctor reports the CarData login and quota', async () => {
    const run = await runBimmer([...args, 'doctor'], { env: home.env() });
    expect(run.stdout).toMatch(/✔ Node\.js/);
    expect(run.stdout).toMatch(/✔ CarData login stored/);
    expect(run.stdout).toMatch(/CarData quota: \d+ of \d+ calls used/);
    expect(run.stdout).toContain('✔ CarData scope cardata:api:read granted');
    expect(run.stdout).toContain('✔ CarData scope cardata:streaming:read granted');
    expect(run.stdout).toContain(`✔ CarData vehicles: ${VIN} (PRIMARY)`);
    expect(run.stdout).toMatch(/✔ bimmer's CarData container \S+ is set up/);
    // Against the simulator the doctor says so, instead of warning about BMW's block of MyBMW clients.
    expect(run.stdout).toContain(`✔ ${sim.url} is the bimmer simulator`);
    expect(run.stdout).not.toContain('BMW blocks third-party clients');
    expect(run.code, run.stdout).toBe(0);

    const elsewhere = await runBimmer([...args.slice(2), '--base-url', 'http://127.0.0.1:1', 'doctor'], {
      env: home.env(),
    });
    expect(elsewhere.stdout).toMatch(/✖ http:\/\/127\.0\.0\.1:1 does not answer/);
    expect(elsewhere.stdout).toContain('BMW blocks third-party clients');
  });

  it('bimmer doctor --stream connects to the stream once, and fails with the fix when it cannot', async () => {
    const ok = await runBimmer([...args, '--stream-url', sim.mqttUrl ?? '', 'doctor', '--stream'], {
      env: home.env(),
    });
    expect(ok.stdout).toContain('✔ CarData stream: connected and subscribed');
    expect(ok.code, ok.stdout).toBe(0);
    // Nothing listens on port 1: the check fails (exit 1) and names the portal steps.
    const down = await runBimmer([...args, '--stream-url', 'mqtt://127.0.0.1:1', 'doctor', '--stream'], {
      env: home.env(),
    });
    expect(down.stdout).toMatch(/✖ CarData stream did not connect: .*Configure data stream/);
    expect(down.code).toBe(1);
  });

  it('explains what to do when there is no CarData login', async () => {
    const other = ['--base-url', sim.url, '--token-file', join(home.dir, 'none.json')];
    const run = await runBimmer([...other, 'status', '--transport', 'cardata'], { env: home.env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('bimmer login --cardata');
    const stream = await runBimmer([...other, 'stream'], { env: home.env() });
    expect(stream.code).toBe(3);
    // --base-url alone would send the stream to BMW's broker, not the simulator's.
    expect(stream.stderr).toContain('--stream-url');
    const noClient = await runBimmer([...other, 'login', '--cardata'], { env: home.env() });
    expect(noClient.code).toBe(2);
    expect(noClient.stderr).toContain('--client-id');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
