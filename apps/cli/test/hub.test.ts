import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess } from './helpers/hub-process';
import { mosquittoMissing, startMosquitto, startMosquittoSub } from './helpers/mosquitto';
import { type BimmerRun, createTestHome, runBimmer, type TestHome } from './helpers/run-bimmer';

/** The CarData vehicles of the demo fleet that the demo login may read (PRIMARY). */
const DEMO_VINS = ['WBASIMCARDATA0001', 'WBASIMCARDATA0002'];

const HTTP_LINE = /^hub http on http:\/\/127\.0\.0\.1:(\d+)$/;
const MQTT_LINE = /^hub mqtt on mqtt:\/\/127\.0\.0\.1:(\d+)$/;

/** `bimmer hub` promises to exit within 5 s of SIGINT/SIGTERM; a hub still running after that fails. */
async function stopWithin5s(hub: HubProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<BimmerRun> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 5_000);
  });
  const run = await Promise.race([hub.stop(signal), late]);
  clearTimeout(timer);
  if (run === 'late') {
    hub.child.kill('SIGKILL');
    throw new Error(`bimmer hub still ran 5 s after ${signal}; stderr: ${hub.stderr()}`);
  }
  return run;
}

/** Locally a missing Mosquitto skips these tests (saying why); in CI it fails them. */
const subMissing = mosquittoMissing(['sub']);
const brokerMissing = mosquittoMissing(['broker', 'sub', 'passwd']);

const topicsOf = (lines: readonly string[]) => lines.map((line) => line.slice(0, line.indexOf(' ')));

describe('bimmer hub', () => {
  let home: TestHome;
  beforeAll(async () => {
    home = await createTestHome();
  });
  afterAll(async () => {
    await home?.remove();
  });

  it('checks its flags before anything listens, naming each (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['--mqtt-port', 'abc'], '--mqtt-port must be a whole number from 0 to 65535'],
      [['--http-port', '70000'], '--http-port must be a whole number from 0 to 65535'],
      [['--mqtt-url', 'http://broker:1883'], '--mqtt-url must be an mqtt:// or mqtts:// URL'],
      [
        ['--mqtt-url', 'mqtt://broker:1883', '--mqtt-port', '1884'],
        'with --mqtt-url the port belongs in the URL',
      ],
      [
        ['--demo', '--client-id', 'x'],
        '--demo runs on the built-in simulator with its own login: --client-id',
      ],
      [
        ['--transport', 'mybmw', '--client-id', 'x'],
        '--transport mybmw polls MyBMW with your MyBMW login: --client-id',
      ],
      [['--poll-interval', '60'], '--poll-interval applies to --transport mybmw only'],
      [['--transport', 'carrier-pigeon'], '--transport must be one of cardata, mybmw'],
      [['--prefix', ' '], '--prefix must not be empty'],
    ];
    for (const [extra, message] of cases) {
      const run = await runBimmer(['hub', ...extra], { env: home.env() });
      expect(run.code, `${extra.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr, extra.join(' ')).toContain(message);
      expect(run.stdout, extra.join(' ')).toBe('');
    }
  });

  it('refuses to listen beyond loopback without an API key and a broker login: the hub says why (exit 2)', async () => {
    const run = await runBimmer(
      ['hub', '--demo', '--host', '0.0.0.0', '--http-port', '0', '--mqtt-port', '0'],
      {
        env: home.env(),
      },
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('The hub refuses to listen on 0.0.0.0');
    expect(run.stderr).toContain('an API key of at least 16 characters');
    expect(run.stderr).toContain('a user name and password for the embedded MQTT broker');
    expect(run.stdout).toBe('');
    // With both, from the environment (kept out of ps), it starts.
    const apiKey = 'hub-api-key-0123456789abcdef';
    const password = 'broker-Secret-Pa55';
    const hub = await startHubProcess(
      ['hub', '--demo', '--host', '0.0.0.0', '--http-port', '0', '--mqtt-port', '0'],
      {
        env: home.env({
          BIMMER_HUB_API_KEY: apiKey,
          BIMMER_HUB_MQTT_USERNAME: 'house',
          BIMMER_HUB_MQTT_PASSWORD: password,
        }),
      },
    );
    const port = /:(\d+)$/.exec(hub.httpUrl)?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(401);
    const health = await fetch(`http://127.0.0.1:${port}/health`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(health.status).toBe(200);
    const run2 = await stopWithin5s(hub, 'SIGTERM');
    expect(run2.code, run2.stderr).toBe(0);
    for (const secret of [apiKey, password]) {
      expect(run2.stdout).not.toContain(secret);
      expect(run2.stderr).not.toContain(secret);
    }
  });

  it.skipIf(subMissing !== undefined)(
    '--demo: mosquitto_sub sees status, a state per vehicle and the discovery configs; SIGINT publishes offline and exits 0',
    async () => {
      const hub = await startHubProcess(['hub', '--demo', '--mqtt-port', '0', '--http-port', '0'], {
        env: home.env(),
      });
      const subscription = (() => {
        const port = Number(MQTT_LINE.exec(hub.lines[1])?.[1]);
        return startMosquittoSub(port, ['bimmer/#', 'homeassistant/#']);
      })();
      try {
        // stdout is exactly the hub's two lines, in this order; progress is on stderr.
        expect(hub.lines[0]).toMatch(HTTP_LINE);
        expect(hub.lines[1]).toMatch(MQTT_LINE);
        expect(hub.stderr()).toContain('Demo: starting the simulator');

        const wanted = [
          'bimmer/status',
          ...DEMO_VINS.map((vin) => `bimmer/${vin}/state`),
          ...DEMO_VINS.map((vin) => `bimmer/${vin}/mileage`),
          // The i4 is electric; the other demo car burns petrol.
          `bimmer/${DEMO_VINS[0]}/fuelAndBattery/remainingBatteryPercent`,
          ...DEMO_VINS.map((vin) => `homeassistant/device/bimmer_${vin}/config`),
        ];
        const lines = await subscription.waitFor(
          (seen) => wanted.every((topic) => topicsOf(seen).includes(topic)),
          'status, state and discovery topics',
        );
        expect(lines).toContain('bimmer/status online');
        for (const vin of DEMO_VINS) {
          const state = lines.findLast((line) => line.startsWith(`bimmer/${vin}/state `)) ?? '';
          expect(JSON.parse(state.slice(state.indexOf(' ') + 1))).toMatchObject({
            vin,
            source: 'cardata',
          });
          const config =
            lines.find((line) => line.startsWith(`homeassistant/device/bimmer_${vin}/config `)) ?? '';
          expect(JSON.parse(config.slice(config.indexOf(' ') + 1))).toMatchObject({
            dev: { ids: [`bimmer_${vin}`] },
            o: { name: expect.stringContaining('bimmer') },
          });
        }

        const run = await stopWithin5s(hub);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(`${hub.lines[0]}\n${hub.lines[1]}\n`);
        expect(run.stderr).toContain('Hub stopped: offline published, state saved.');
        // A subscriber still connected saw the hub say goodbye before its broker closed.
        expect(subscription.lines).toContain('bimmer/status offline');
      } finally {
        await subscription.stop();
        hub.child.kill('SIGKILL');
      }
    },
  );

  it.skipIf(brokerMissing !== undefined)(
    '--mqtt-url: publishes into Mosquitto without printing its password, and offline stays retained after exit',
    async () => {
      const broker = await startMosquitto();
      const login = { username: broker.username, password: broker.password };
      const url = `mqtt://${broker.username}:${broker.password}@127.0.0.1:${broker.port}`;
      let hub: HubProcess | undefined;
      try {
        hub = await startHubProcess(['hub', '--demo', '--mqtt-url', url, '--http-port', '0'], {
          env: home.env(),
        });
        expect(hub.lines[0]).toMatch(HTTP_LINE);
        expect(hub.lines[1]).toBe(`hub publishing to mqtt://127.0.0.1:${broker.port}`);
        const online = startMosquittoSub(broker.port, ['bimmer/status', 'bimmer/+/state'], login);
        try {
          await online.waitFor(
            (lines) =>
              lines.includes('bimmer/status online') &&
              DEMO_VINS.every((vin) => topicsOf(lines).includes(`bimmer/${vin}/state`)),
            'online and the states',
          );
        } finally {
          await online.stop();
        }
        const run = await stopWithin5s(hub, 'SIGTERM');
        expect(run.code, run.stderr).toBe(0);
        expect(`${run.stdout}${run.stderr}`).not.toContain(broker.password);

        // A consumer that comes later still reads the retained offline (and the last states).
        const later = startMosquittoSub(broker.port, ['bimmer/status', 'bimmer/+/state'], login);
        try {
          const lines = await later.waitFor(
            (seen) =>
              seen.includes('bimmer/status offline') &&
              topicsOf(seen).includes(`bimmer/${DEMO_VINS[0]}/state`),
            'the retained offline and states',
          );
          expect(lines).not.toContain('bimmer/status online');
        } finally {
          await later.stop();
        }
      } finally {
        hub?.child.kill('SIGKILL');
        await broker.stop();
      }
    },
  );
});
