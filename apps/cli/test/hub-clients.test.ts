import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, streamMessage } from './helpers/cardata-live';
import { CARDATA_CLIENT_ID, cardataControl, loginCarDataApproved } from './helpers/cardata-login';
import { type HubProcess, startHubProcess } from './helpers/hub-process';
import {
  type BimmerRun,
  createTestHome,
  type RunningBimmer,
  runBimmer,
  startBimmer,
  type TestHome,
} from './helpers/run-bimmer';

const VIN = 'WBA00000HUBCLI001';
const SOC = 'vehicle.powertrain.electric.battery.stateOfCharge.displayed';
const MILEAGE = 'vehicle.vehicle.travelledDistance';

async function waitFor(condition: () => boolean, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in time; stderr: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The JSON lines a run printed so far. */
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function streamState(sim: Simulator): Promise<{ streamLogins: number; kicks: number }> {
  return (await (await fetch(`${sim.url}/_simulator/cardata/state`)).json()) as {
    streamLogins: number;
    kicks: number;
  };
}

/**
 * `bimmer hub` on the simulator's CarData, with `bimmer status --hub` and `bimmer stream --hub`
 * reading through it: the clients have no BMW login at all (a home without tokens), and BMW sees
 * exactly one stream connection however many of them run.
 */
describe('bimmer status --hub and stream --hub through bimmer hub', () => {
  let sim: Simulator;
  let hubHome: TestHome;
  /** The clients' home: no token file, no BMW login. */
  let clientHome: TestHome;
  let hub: HubProcess | undefined;
  const running: RunningBimmer[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, cardataVehicles: false });
    hubHome = await createTestHome();
    clientHome = await createTestHome();
    const args = ['--base-url', sim.url, '--token-file', join(hubHome.dir, 'cardata.json')];
    await cardataControl(sim, '/config', { pollIntervalSeconds: 0.05 });
    await cardataControl(sim, `/vehicles/${VIN}`, { mappingType: 'PRIMARY' }, 'PUT');
    const { run } = await loginCarDataApproved(sim, hubHome, args);
    expect(run.code, run.stderr).toBe(0);
    hub = await startHubProcess(
      [...args, '--stream-url', sim.mqttUrl ?? '', 'hub', '--mqtt-port', '0', '--http-port', '0'],
      { env: hubHome.env() },
    );
    const started = hub;
    await waitFor(
      () => started.stderr().includes('BMW stream: connected'),
      'the hub connecting',
      started.stderr,
    );
  });

  afterAll(async () => {
    for (const client of running) client.child.kill('SIGKILL');
    hub?.child.kill('SIGKILL');
    await sim?.stop();
    await hubHome?.remove();
    await clientHome?.remove();
  });

  const client = (args: readonly string[]) => {
    const started = startBimmer(args, { env: clientHome.env() });
    running.push(started);
    return started;
  };
  const interrupt = (started: RunningBimmer): Promise<BimmerRun> => {
    started.child.kill('SIGINT');
    return started.exited;
  };

  it('checks --hub before anything is sent (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['stream', '--hub', 'mqtt://127.0.0.1:1883'], '--hub must be a http: or https: URL'],
      [['stream', '--hub', 'http://127.0.0.1:1', '--rest-reads', '0'], '--rest-reads would not be used'],
      [['stream', '--hub', 'http://127.0.0.1:1', '--transport', 'mybmw'], '--transport would not be used'],
      [['status', '--hub', 'http://127.0.0.1:1', '--cached'], '--cached would not be used'],
      [['status', '--hub', 'not a url'], '--hub must be a http: or https: URL'],
    ];
    for (const [args, message] of cases) {
      const run = await runBimmer(args, { env: clientHome.env() });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
  });

  it('two streams and a status read through the one hub while BMW counts one stream connection', async () => {
    const url = hub?.httpUrl ?? '';
    const changes = client(['stream', '--hub', url, '--json']);
    const events = client(['stream', '--hub', url, '--events', '--json', '--battery-below', '50']);
    for (const started of [changes, events]) {
      await waitFor(
        () => started.stderr().includes(`Connected to the hub at ${url}`),
        'a client connecting',
        started.stderr,
      );
    }
    await publish(sim, streamMessage(VIN, new Date(Date.now() - 2_000), { [SOC]: [64, '%'] }));
    await publish(sim, streamMessage(VIN, new Date(), { [SOC]: [42, '%'], [MILEAGE]: [23_456, 'km'] }));
    await waitFor(
      () =>
        jsonLines(changes.stdout()).some(
          (line) => line.field === 'fuelAndBattery.remainingBatteryPercent' && line.value === 42,
        ),
      'the change through the hub',
      changes.stderr,
    );
    await waitFor(
      () => jsonLines(events.stdout()).some((line) => line.type === 'battery-below'),
      'the event through the hub',
      events.stderr,
    );

    const status = await runBimmer(['status', '--hub', url, '--json', '--vin', VIN], {
      env: clientHome.env(),
    });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      vin: VIN,
      fuelAndBattery: { remainingBatteryPercent: 42 },
      mileage: { value: 23_456 },
      freshness: { knownValues: expect.any(Number), stale: false },
    });
    const readable = await runBimmer(['status', '--hub', url], { env: clientHome.env() });
    expect(readable.code, readable.stderr).toBe(0);
    expect(readable.stdout).toContain(`1 vehicle as the hub at ${url} holds them (no call spent):`);
    expect(readable.stdout).toContain(VIN);
    const unknown = await runBimmer(['status', '--hub', url, '--vin', 'WBA00000NOTHERE01'], {
      env: clientHome.env(),
    });
    expect(unknown.code, unknown.stderr).toBe(8);

    const [changesRun, eventsRun] = await Promise.all([interrupt(changes), interrupt(events)]);
    expect(changesRun.code, changesRun.stderr).toBe(130);
    expect(eventsRun.code, eventsRun.stderr).toBe(130);
    expect(jsonLines(changesRun.stdout)).toContainEqual(
      expect.objectContaining({
        type: 'change',
        vin: VIN,
        field: 'fuelAndBattery.remainingBatteryPercent',
        value: 42,
        channel: 'stream',
      }),
    );
    const below = jsonLines(eventsRun.stdout).find((line) => line.type === 'battery-below');
    expect(below).toMatchObject({ vin: VIN, detail: { threshold: 50, percent: 42 } });
    // The clients never logged in to BMW: no token file in their home, one stream connection in all.
    expect(`${changesRun.stderr}${eventsRun.stderr}`).not.toContain('No CarData login');
    expect(await streamState(sim)).toMatchObject({ streamLogins: 1, kicks: 0 });
  });

  it('a stream through a hub starts with what the hub holds, marked restored, with its age', async () => {
    const url = hub?.httpUrl ?? '';
    // Stopped at once, while it still connects to the hub's broker: it must still end.
    const started = client(['stream', '--hub', url, '--json']);
    await waitFor(() => started.stdout().includes('\n'), 'the restored line', started.stderr);
    const run = await interrupt(started);
    expect(run.code, run.stderr).toBe(130);
    const [restored] = jsonLines(run.stdout);
    expect(restored).toMatchObject({
      type: 'restored',
      vin: VIN,
      freshness: { restored: true, stale: false },
      vehicle: { vin: VIN, fuelAndBattery: { remainingBatteryPercent: 42 } },
    });
    expect(await streamState(sim)).toMatchObject({ streamLogins: 1, kicks: 0 });
  });

  it('the hub stops on SIGINT with exit 0', async () => {
    const started = hub;
    if (started === undefined) throw new Error('no hub');
    const run = await started.stop('SIGINT');
    hub = undefined;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${started.lines[0]}\n${started.lines[1]}\n`);
    expect(run.stderr).toContain('Hub stopped: offline published, state saved.');
  });

  // After the first hub stopped: a second login of the simulator's account would kick it off the stream.
  it('without a stored login the hub needs a client ID (exit 3), and with one shows the device code and starts once BMW confirms', async () => {
    const fresh = await createTestHome();
    try {
      const args = [
        '--base-url',
        sim.url,
        '--stream-url',
        sim.mqttUrl ?? '',
        '--token-file',
        join(fresh.dir, 'cardata.json'),
        'hub',
        '--mqtt-port',
        '0',
        '--http-port',
        '0',
      ];
      const refused = await runBimmer(args, { env: fresh.env() });
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toContain('No CarData login is stored');
      expect(refused.stdout).toBe('');

      let approved = false;
      const login = await startHubProcess([...args, '--client-id', CARDATA_CLIENT_ID], {
        env: fresh.env(),
        onStderr: (stderr) => {
          const code = /enter the code (\S+)/.exec(stderr)?.[1];
          if (code !== undefined && !approved) {
            approved = true;
            void cardataControl(sim, '/approve', { userCode: code });
          }
        },
      });
      try {
        // The hub listens (its two lines) while it waits for the person, its page shows the code.
        expect(login.lines[0]).toMatch(/^hub http on http:\/\/127\.0\.0\.1:\d+$/);
        await waitFor(
          () => login.stderr().includes('BMW confirmed the CarData login'),
          'the approval',
          login.stderr,
        );
        await waitFor(() => login.stderr().includes('BMW stream: connected'), 'the stream', login.stderr);
        expect(approved).toBe(true);
        const run = await login.stop('SIGTERM');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(`${login.lines[0]}\n${login.lines[1]}\n`);
      } finally {
        login.child.kill('SIGKILL');
      }
    } finally {
      await fresh.remove();
    }
  });
});
