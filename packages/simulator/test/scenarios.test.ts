import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIOS, readScenarioFile, type Simulator, startSimulator } from '../src/index';
import { writeSyntheticFleet } from './fleet-fixture';

const HOUR = 3_600_000;
const MONDAY = Date.parse('2026-12-07T00:00:00Z');
const VIN = 'WBASIMCARDATA0001';
const GENERATOR = fileURLToPath(new URL('../scripts/commuter-week.mjs', import.meta.url));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

/** A CarData device-code login, approved at once. */
async function cardataLogin(): Promise<{ access_token: string; id_token: string; gcid: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const code = (await (
    await fetch(
      `${sim.url}/gcdm/oauth/device/code`,
      form({
        client_id: 'client',
        response_type: 'device_code',
        scope: 'authenticate_user openid cardata:api:read cardata:streaming:read',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }),
    )
  ).json()) as { device_code: string };
  await fetch(`${sim.url}/_simulator/cardata/approve`, { method: 'POST' });
  return (await (
    await fetch(
      `${sim.url}/gcdm/oauth/token`,
      form({
        client_id: 'client',
        device_code: code.device_code,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        code_verifier: verifier,
      }),
    )
  ).json()) as { access_token: string; id_token: string; gcid: string };
}

type Message = {
  vin: string;
  timestamp: string;
  data: Record<string, { value: unknown; timestamp: string }>;
};

describe('scenario files on the simulator clock', () => {
  it('ships commuter-week.json exactly as its generator writes it', () => {
    const committed = readFileSync(join(DEFAULT_SCENARIOS ?? '', 'commuter-week.json'), 'utf8');
    expect(execFileSync(process.execPath, [GENERATOR], { encoding: 'utf8' })).toBe(committed);
  });

  it('plays a simulated week in moments as the clock moves: stream messages stamped with their time, REST data after them', async () => {
    sim.reset();
    sim.setClock(MONDAY);
    const tokens = await cardataLogin();
    const client: MqttClient = await connectAsync(sim.mqttUrl ?? '', {
      username: tokens.gcid,
      password: tokens.id_token,
      reconnectPeriod: 0,
    });
    const received: Message[] = [];
    client.on('message', (_topic, payload) => received.push(JSON.parse(payload.toString('utf8')) as Message));
    try {
      await client.subscribeAsync(`${tokens.gcid}/+`, { qos: 1 });
      const scenario = await readScenarioFile(join(DEFAULT_SCENARIOS ?? '', 'commuter-week.json'));
      const playback = sim.playScenario(scenario);
      expect(playback.steps).toBe(scenario.steps.length);
      for (let hour = 6; hour <= 7 * 24; hour += 6) {
        sim.advanceClock(6 * HOUR);
        await playback.settled();
        const due = scenario.steps.filter((step) => playback.startedAt + step.afterMs <= sim.now()).length;
        expect(playback.played()).toBe(due);
        await vi.waitFor(() => expect(received).toHaveLength(due));
      }
      await playback.finished;

      expect(received.map((message) => Date.parse(message.timestamp))).toEqual(
        scenario.steps.map((step) => playback.startedAt + step.afterMs),
      );
      const mileage = received
        .map((message) => message.data['vehicle.vehicle.travelledDistance']?.value)
        .filter((value) => value !== undefined);
      expect(mileage).toEqual([...mileage].sort((a, b) => Number(a) - Number(b)));
      const charging = received.filter(
        (message) => message.data['vehicle.body.chargingPort.status']?.value === 'CONNECTED',
      );
      expect(charging.length).toBeGreaterThanOrEqual(2);

      // The stream's values are mirrored into the REST API, stamped alike (a new login: a week
      // on the simulator clock expired the first one).
      const headers = {
        authorization: `Bearer ${(await cardataLogin()).access_token}`,
        'x-version': 'v1',
        'content-type': 'application/json',
      };
      const container = (await (
        await fetch(`${sim.url}/customers/containers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: 'week',
            purpose: 'test',
            technicalDescriptors: ['vehicle.vehicle.travelledDistance'],
          }),
        })
      ).json()) as { containerId: string };
      const rest = (await (
        await fetch(
          `${sim.url}/customers/vehicles/${VIN}/telematicData?containerId=${container.containerId}`,
          {
            headers,
          },
        )
      ).json()) as { telematicData: Record<string, { value: string; timestamp: string }> };
      const last = received.findLast(
        (message) => message.data['vehicle.vehicle.travelledDistance'] !== undefined,
      );
      expect(rest.telematicData['vehicle.vehicle.travelledDistance']).toEqual({
        value: String(mileage.at(-1)),
        unit: 'km',
        timestamp: last?.timestamp,
      });
      const listed = (await (await fetch(`${sim.url}/_simulator/cardata/scenarios`)).json()) as unknown[];
      expect(listed).toEqual([
        expect.objectContaining({
          name: 'commuter-week',
          steps: scenario.steps.length,
          played: scenario.steps.length,
        }),
      ]);
    } finally {
      await client.endAsync(true);
    }
  });

  it('refuses a malformed scenario before playing anything, naming the step', async () => {
    const body = { steps: [{ afterMs: 0, message: { vin: VIN, data: {} } }, { afterMs: 'soon' }] };
    const response = await fetch(`${sim.url}/_simulator/cardata/scenario`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      'steps[1].afterMs must be a number >= 0.',
    );
    expect(() => sim.playScenario(body as never)).toThrow(TypeError);
  });

  it('forgets its scenarios on reset: nothing plays after it', async () => {
    sim.reset();
    const playback = sim.playScenario({ steps: [{ afterMs: HOUR, message: { vin: VIN, data: {} } }] });
    sim.reset();
    sim.advanceClock(2 * HOUR);
    await playback.finished;
    expect(playback.played()).toBe(0);
    expect(await (await fetch(`${sim.url}/_simulator/cardata/scenarios`)).json()).toEqual([]);
  });
});
