import { join } from 'node:path';
import { formatInstant } from '@bimmer/core/internal';
import { DEFAULT_FINGERPRINTS, type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess } from './helpers/hub-process';
import { MqttSubscriber } from './helpers/mqtt-subscriber';
import {
  createTestHome,
  type RunningBimmer,
  runBimmer,
  startBimmer,
  type TestHome,
} from './helpers/run-bimmer';

/** The i5 of our fleet (electric, charging details): the one vehicle of this login. */
const VIN = 'WBA00000BIMMER001';
/** The test login; its secrets occur nowhere in the fleet's data, so a leak would be seen. */
const LOGIN = {
  username: 'stream-driver@bimmer.test',
  password: 'Stream-Pa55-Secret-Never-Logged',
  captchaToken: 'stream-captcha-Secret-Token',
};
const BATTERY = 'fuelAndBattery.remainingBatteryPercent';

async function waitFor(condition: () => boolean, what: string, running: RunningBimmer): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      running.child.kill('SIGKILL');
      throw new Error(`${what} did not happen in time; stderr: ${running.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Makes the simulated car report new values, dated `at` (its MyBMW state's report time). */
async function report(sim: Simulator, patch: unknown, at = new Date()): Promise<void> {
  const response = await fetch(`${sim.url}/_simulator/state/${VIN}`, {
    method: 'POST',
    body: JSON.stringify({ patch: { state: patch }, at: at.toISOString() }),
  });
  if (!response.ok) throw new Error(`the simulator refused the change: ${response.status}`);
}

/**
 * `bimmer stream --transport mybmw` (and `bimmer hub --transport mybmw`) on the simulator's MyBMW
 * side: the polling live account gives the same output as CarData's stream, restored state first.
 */
describe('bimmer stream --transport mybmw', () => {
  let sim: Simulator;
  let home: TestHome;
  let args: string[];
  const env = () => home.env({ BIMMER_PASSWORD: LOGIN.password, BIMMER_CAPTCHA_TOKEN: LOGIN.captchaToken });
  const stream = (extra: readonly string[]) =>
    startBimmer([...args, 'stream', '--transport', 'mybmw', '--poll-interval', '0.3', ...extra], {
      env: env(),
    });
  const interrupt = (running: RunningBimmer) => {
    running.child.kill('SIGINT');
    return running.exited;
  };
  const secretsIn = (text: string) =>
    [LOGIN.password, LOGIN.captchaToken].filter((secret) => text.includes(secret));

  beforeAll(async () => {
    if (DEFAULT_FINGERPRINTS === undefined) throw new Error('The simulator was built without its fleet.');
    sim = await startSimulator({
      port: 0,
      fingerprints: [join(DEFAULT_FINGERPRINTS, 'i5-charging-settings')],
      accounts: [{ username: LOGIN.username, password: LOGIN.password }],
    });
    home = await createTestHome();
    args = [
      '--base-url',
      sim.url,
      '--token-file',
      join(home.dir, 'mybmw.json'),
      '--username',
      LOGIN.username,
    ];
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  it('checks --poll-interval before anything is sent (exit 2)', async () => {
    sim.clearRequests();
    const cases: [string[], string][] = [
      [['--transport', 'mybmw', '--poll-interval', '0'], '--poll-interval must be more than 0 seconds'],
      [['--transport', 'mybmw', '--poll-interval', 'soon'], '--poll-interval must be a number'],
      [['--poll-interval', '60'], '--poll-interval applies to --transport mybmw only'],
      [['--transport', 'mybmw', '--rest-reads', '0'], '--rest-reads applies to --transport cardata only'],
    ];
    for (const [extra, message] of cases) {
      const run = await runBimmer([...args, 'stream', ...extra], { env: env() });
      expect(run.code, `${extra.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr, extra.join(' ')).toContain(message);
    }
    expect(sim.requests().filter((request) => !request.path.startsWith('/_simulator'))).toEqual([]);
  });

  it('polls MyBMW and prints each changed field as CarData would, channel poll; Ctrl-C exits 130', async () => {
    const running = stream(['--json']);
    await waitFor(() => running.stderr().includes('Connected to MyBMW'), 'the first poll', running);
    expect(running.stderr()).toContain('bimmer knows no vehicle of this account yet');
    const at = new Date();
    await report(sim, { electricChargingState: { chargingLevelPercent: 55 } }, at);
    await waitFor(
      () => jsonLines(running.stdout()).some((line) => line.field === BATTERY && line.value === 55),
      'the polled change',
      running,
    );
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Stream stopped; the last values are kept');
    expect(jsonLines(run.stdout)).toContainEqual({
      type: 'change',
      vin: VIN,
      at: formatInstant(at),
      field: BATTERY,
      value: 55,
      unit: '%',
      channel: 'poll',
    });
    expect(secretsIn(`${run.stdout}${run.stderr}`)).toEqual([]);
  });

  it('starts with the restored state, marked restored with its age, then derived events', async () => {
    const running = stream(['--events', '--json', '--battery-below', '30']);
    await waitFor(() => running.stdout().includes('\n'), 'the restored line', running);
    const [restored] = jsonLines(running.stdout());
    expect(restored).toMatchObject({
      type: 'restored',
      vin: VIN,
      freshness: { restored: true, stale: false },
      vehicle: { vin: VIN, fuelAndBattery: { remainingBatteryPercent: 55 } },
    });
    expect((restored?.freshness as { ageSeconds?: number } | undefined)?.ageSeconds).toBeGreaterThanOrEqual(
      0,
    );
    await waitFor(() => running.stderr().includes('Connected to MyBMW'), 'the first poll', running);
    await report(sim, { electricChargingState: { chargingLevelPercent: 25 }, doorsState: { trunk: 'OPEN' } });
    await waitFor(() => jsonLines(running.stdout()).length >= 3, 'two events', running);
    const run = await interrupt(running);
    expect(run.code, run.stderr).toBe(130);
    const events = jsonLines(run.stdout).slice(1);
    expect(events.map((event) => event.type).sort()).toEqual(['battery-below', 'lid-opened']);
    expect(events.find((event) => event.type === 'battery-below')).toMatchObject({
      vin: VIN,
      detail: { threshold: 30, percent: 25 },
    });
    for (const event of events) expect(Object.keys(event).sort()).toEqual(['at', 'detail', 'type', 'vin']);
  });

  it('bimmer hub --transport mybmw publishes the polled car over MQTT and stops with exit 0', async () => {
    const hub = await startHubProcess(
      [
        ...args,
        'hub',
        '--transport',
        'mybmw',
        '--poll-interval',
        '0.3',
        '--mqtt-port',
        '0',
        '--http-port',
        '0',
      ],
      { env: env() },
    );
    let subscriber: MqttSubscriber | undefined;
    try {
      expect(hub.lines[1]).toMatch(/^hub mqtt on mqtt:\/\/127\.0\.0\.1:\d+$/);
      subscriber = await MqttSubscriber.connect(hub.mqttUrl, ['bimmer/#']);
      const topic = `bimmer/${VIN}/fuelAndBattery/remainingBatteryPercent`;
      // Restored at once from the state file the stream left: the last value, before any poll.
      const restored = await subscriber.waitFor((message) => message.topic === topic, 'the restored battery');
      expect(JSON.parse(restored.payload)).toMatchObject({ value: 25, channel: 'poll' });
      await subscriber.waitFor(
        (message) => message.topic === 'bimmer/connection' && message.payload.includes('"connected"'),
        'the first poll',
      );
      await report(sim, { electricChargingState: { chargingLevelPercent: 44 } });
      const polled = await subscriber.waitFor(
        (message) => message.topic === topic && JSON.parse(message.payload).value === 44,
        'the polled battery',
      );
      expect(JSON.parse(polled.payload)).toMatchObject({
        value: 44,
        channel: 'poll',
        stale: false,
      });
      const run = await hub.stop('SIGINT');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(`${hub.lines[0]}\n${hub.lines[1]}\n`);
      expect(secretsIn(`${run.stdout}${run.stderr}`)).toEqual([]);
      expect(subscriber.last('bimmer/status')?.payload).toBe('offline');
    } finally {
      await subscriber?.close().catch(() => undefined);
      hub.child.kill('SIGKILL');
    }
  });
});
