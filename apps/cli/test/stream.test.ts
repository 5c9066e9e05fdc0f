import { join } from 'node:path';
import { formatInstant } from '@bimmer/core/internal';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, publish, streamMessage } from './helpers/cardata-live';
import { cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import {
  createTestHome,
  type RunningBimmer,
  runBimmer,
  startBimmer,
  type TestHome,
} from './helpers/run-bimmer';

const VIN = 'WBA00000STREAM001';
const SOC = 'vehicle.powertrain.electric.battery.stateOfCharge.displayed';
const MILEAGE = 'vehicle.vehicle.travelledDistance';
const LATITUDE = 'vehicle.cabin.infotainment.navigation.currentLocation.latitude';
const LONGITUDE = 'vehicle.cabin.infotainment.navigation.currentLocation.longitude';
const TRUNK = 'vehicle.body.trunk.isOpen';
const HOME = { latitude: 48.1772, longitude: 11.5562 };

/** Requests that reach BMW's side of the simulator (login, REST), not its control routes. */
const bmwRequests = (sim: Simulator) =>
  sim.requests().filter((request) => !request.path.startsWith('/_simulator'));

async function waitFor(condition: () => boolean, what: string, running?: RunningBimmer): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      running?.child.kill('SIGKILL');
      throw new Error(`${what} did not happen in time; stderr: ${running?.stderr() ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The JSON lines printed so far. */
const jsonLines = (running: RunningBimmer) =>
  running
    .stdout()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * `bimmer stream` on the live CarData account: restored state first, changes or events as they
 * arrive, connection states and the budget on stderr, Ctrl-C stops cleanly with the values kept.
 */
describe('bimmer stream', () => {
  let sim: Simulator;
  let home: TestHome;
  let args: string[];
  let streamArgs: string[];
  const stream = (extra: readonly string[]) =>
    startBimmer([...streamArgs, 'stream', ...extra], { env: home.env() });
  const connected = (running: RunningBimmer) =>
    waitFor(() => running.stderr().includes('Connected to the CarData stream'), 'connecting', running);
  const interrupt = async (running: RunningBimmer) => {
    running.child.kill('SIGINT');
    return running.exited;
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    home = await createTestHome();
    args = ['--base-url', sim.url, '--token-file', join(home.dir, 'cardata.json')];
    streamArgs = [...args, '--stream-url', sim.mqttUrl ?? ''];
    await cardataControl(sim, '/config', { pollIntervalSeconds: 0.05 });
    await cardataControl(sim, `/vehicles/${VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    const { run } = await loginCarDataApproved(sim, home, args);
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  it('checks every option before anything is sent (exit 2)', async () => {
    sim.clearRequests();
    const cases: [string[], string][] = [
      [['--events', '--geofence', 'home'], 'NAME:LAT,LON,RADIUS_M'],
      [['--events', '--geofence', 'home:91,11.5,150'], '--geofence home: the latitude'],
      [['--events', '--geofence', 'home:48.1,11.5,0'], 'the radius must be more than 0'],
      [['--events', '--geofence', 'home:48.1,abc,100'], 'the longitude must be a number'],
      [['--events', '--geofence', 'a:1,1,10', '--geofence', 'a:2,2,10'], 'Two geofences are named "a"'],
      [['--events', '--battery-below', '120'], '--battery-below must be a percentage'],
      [['--events', '--battery-below', '20,x'], '--battery-below must be a number'],
      [['--battery-below', '20'], 'add --events'],
      [['--rest-reads', '-1'], '--rest-reads must be 0 to 50'],
      [['--rest-reads', 'two'], '--rest-reads must be a number'],
      [['--transport', 'carrier-pigeon'], '--transport must be one of cardata, mybmw'],
      [['--poll-interval', '60'], '--poll-interval applies to --transport mybmw only'],
      [['--hub', 'ftp://hub'], '--hub must be a http: or https: URL'],
    ];
    for (const [extra, message] of cases) {
      const run = await runBimmer([...streamArgs, 'stream', ...extra], { env: home.env() });
      expect(run.code, `${extra.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr, extra.join(' ')).toContain(message);
      expect(run.stdout).toBe('');
    }
    expect(bmwRequests(sim)).toEqual([]);
    const state = await (await fetch(`${sim.url}/_simulator/cardata/state`)).json();
    expect((state as { streamLogins: number }).streamLogins).toBe(0);
  });

  it('prints one line per changed field with its value, unit and time; Ctrl-C exits 130 keeping the values', async () => {
    const running = stream(['--rest-reads', '0']);
    await connected(running);
    expect(running.stderr()).toContain('REST budget: 50 of 50 calls left (10 kept for your own reads)');
    expect(running.stderr()).toContain('bimmer knows no vehicle of this account yet');
    await publish(sim, streamMessage(VIN, ago(60_000), { [SOC]: [71, '%'], [MILEAGE]: [12_345, 'km'] }));
    await waitFor(() => running.stdout().includes('remainingBatteryPercent'), 'a change line', running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Stream stopped; the last values are kept');
    expect(run.stdout).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  ${VIN}  fuelAndBattery\\.remainingBatteryPercent  71 %  \\(stream\\)$`,
        'm',
      ),
    );
    expect(run.stdout).toMatch(new RegExp(`UTC  ${VIN}  mileage  12,345 km  \\(stream\\)$`, 'm'));

    // The values were written on the way out: --cached shows them without a request.
    sim.clearRequests();
    const cached = await runBimmer([...args, 'status', '--transport', 'cardata', '--cached', '--json'], {
      env: home.env(),
    });
    expect(cached.code, cached.stderr).toBe(0);
    expect(JSON.parse(cached.stdout)).toMatchObject([
      { vin: VIN, fuelAndBattery: { remainingBatteryPercent: 71 }, mileage: { value: 12_345 } },
    ]);
    expect(bmwRequests(sim)).toEqual([]);
  });

  it('starts with the restored state, marked as restored with its age, then JSON lines per change', async () => {
    const running = stream(['--json', '--rest-reads', '0']);
    await waitFor(() => running.stdout().includes('\n'), 'the restored line', running);
    // Printed before the stream is even connected: restored from the state file.
    const [restored] = jsonLines(running);
    expect(restored).toMatchObject({
      type: 'restored',
      vin: VIN,
      freshness: { restored: true, knownValues: 2, stale: false },
      vehicle: { vin: VIN, fuelAndBattery: { remainingBatteryPercent: 71 } },
    });
    expect((restored?.freshness as { ageSeconds?: number } | undefined)?.ageSeconds).toBeGreaterThanOrEqual(
      60,
    );

    await connected(running);
    const at = ago(10_000);
    await publish(sim, streamMessage(VIN, at, { [SOC]: [72, '%'] }));
    await waitFor(() => jsonLines(running).length >= 2, 'a change line', running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    expect(jsonLines(running)[1]).toEqual({
      type: 'change',
      vin: VIN,
      at: formatInstant(at),
      field: 'fuelAndBattery.remainingBatteryPercent',
      value: 72,
      unit: '%',
      channel: 'stream',
    });
  });

  it('prints derived events instead of changes, fed by --geofence and --battery-below', async () => {
    const running = stream([
      '--events',
      '--json',
      '--rest-reads',
      '0',
      '--geofence',
      `home:${HOME.latitude},${HOME.longitude},150`,
      '--battery-below',
      '20',
    ]);
    await connected(running);
    // Each message newer than the last: an older one would be a late message, which never causes an event.
    await publish(sim, streamMessage(VIN, new Date(), { [SOC]: 25, [LATITUDE]: 48.3, [LONGITUDE]: 11.9 }));
    await publish(
      sim,
      streamMessage(VIN, new Date(), { [SOC]: 18, [LATITUDE]: HOME.latitude, [LONGITUDE]: HOME.longitude }),
    );
    // Arrived, below 20 %, and the trip the move of 30 km shows.
    await waitFor(() => jsonLines(running).length >= 4, 'three events', running);
    await publish(sim, streamMessage(VIN, new Date(), { [TRUNK]: false }));
    await publish(sim, streamMessage(VIN, new Date(), { [TRUNK]: true }));
    await waitFor(() => jsonLines(running).length >= 5, 'the trunk event', running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    const [restored, ...events] = jsonLines(running);
    expect(restored?.type).toBe('restored');
    expect(events.map((event) => event.type).sort()).toEqual([
      'arrived',
      'battery-below',
      'lid-opened',
      'trip-started',
    ]);
    for (const event of events) expect(Object.keys(event).sort()).toEqual(['at', 'detail', 'type', 'vin']);
    expect(events.find((event) => event.type === 'arrived')).toMatchObject({
      vin: VIN,
      detail: { geofence: 'home' },
    });
    expect(events.find((event) => event.type === 'battery-below')?.detail).toMatchObject({
      threshold: 20,
      percent: 18,
    });
  });

  it('words events for people; another program on the account kicks it, and it says so with the hub', async () => {
    const first = stream(['--events', '--rest-reads', '0']);
    await connected(first);
    await publish(sim, streamMessage(VIN, new Date(), { [TRUNK]: false }));
    await publish(sim, streamMessage(VIN, new Date(), { [TRUNK]: true }));
    await waitFor(() => first.stdout().includes('trunk opened'), 'the trunk event', first);

    // A second program on the same account takes BMW's one stream connection.
    const second = stream(['--rest-reads', '0']);
    await connected(second);
    await waitFor(() => first.stderr().includes('Kicked off the CarData stream'), 'a kick', first);
    const [firstRun, secondRun] = await Promise.all([interrupt(first), interrupt(second)]);
    expect(firstRun.code, firstRun.stderr).toBe(130);
    expect(secondRun.code, secondRun.stderr).toBe(130);
    expect(firstRun.stdout).toMatch(new RegExp(`UTC  ${VIN}  trunk opened$`, 'm'));
    expect(firstRun.stderr).toMatch(
      /warning: Kicked off the CarData stream by another program using this account\. Next try at .+ UTC\./,
    );
    expect(firstRun.stderr).toContain('bimmer hub');
  });

  it('says in words when it is not connected and when it tries again', async () => {
    await cardataControl(sim, '/config', { refuseStreamLogins: 2 });
    const running = stream(['--rest-reads', '0']);
    await connected(running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Reconnecting to the CarData stream: BMW refused the ID token; trying once');
    expect(run.stderr).toMatch(
      /warning: Not connected to the CarData stream: BMW refused the ID token\. Next try at .+ UTC\./,
    );
  });

  it('fails in words with the login hint when the login is revoked, keeping the last state', async () => {
    const running = stream(['--rest-reads', '0']);
    await connected(running);
    await cardataControl(sim, '/revoke', {});
    await waitFor(() => running.stderr().includes('The CarData stream failed'), 'the failure', running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(
      /error: The CarData stream failed: the CarData login is no longer valid.+bimmer keeps trying\./,
    );
    expect(run.stderr).toContain('hint: Log in to BMW CarData again: bimmer login --cardata --client-id ID.');
    // What it knew stays: the restored block came first.
    expect(run.stdout).toContain(VIN);
  });
});
