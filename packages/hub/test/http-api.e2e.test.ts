import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../src/index';
import { recordingLogger } from './support/quiet-logger';
import { readEvents } from './support/server-sent-events';
import {
  BATTERY,
  BEV_VIN,
  exhaustLedger,
  type LoggedInSimulator,
  loggedInSimulator,
  PETROL_VIN,
  publish,
  restRequests,
  streamMessage,
  TRUNK,
} from './support/simulator';

let env: LoggedInSimulator;
let hub: Hub;

beforeAll(async () => {
  env = await loggedInSimulator();
  hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
    // Only explicit refreshes spend: the counts below are exact.
    budget: { readsPerVehiclePerDay: 0 },
  });
  await hub.ready;
});

afterAll(async () => {
  await hub?.stop();
  await env?.close();
});

const get = (path: string) => fetch(`${hub.httpUrl}${path}`);

describe('the HTTP API', () => {
  it('GET /health tells the stream, the broker, the budget and the uptime', async () => {
    for (let i = 0; i < 50 && hub.account?.connection.state !== 'connected'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const response = await get('/health');
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: 'ok',
      stream: { state: 'connected' },
      broker: { mode: 'embedded', url: hub.mqttUrl, connected: true },
      budget: { limit: 50, used: 0, left: 50, reserve: 10 },
    });
    expect(typeof health.uptimeSeconds).toBe('number');
    expect(await (await get('/api/hub')).json()).toMatchObject({
      mqttUrl: hub.mqttUrl,
      prefix: 'bimmer',
      broker: 'embedded',
    });
  });

  it('POST /api/refresh and /api/vehicles/<VIN>/refresh spend from the shared budget and say so in RateLimit headers', async () => {
    env.sim.clearRequests();
    const all = await fetch(`${hub.httpUrl}/api/refresh`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'test' }),
    });
    expect(all.status).toBe(200);
    const body = (await all.json()) as { vehicles: { vin: string }[]; budget: { used: number } };
    expect(body.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([BEV_VIN, PETROL_VIN]);
    expect(body.budget.used).toBe(restRequests(env.sim).length);

    env.sim.clearRequests();
    const one = await fetch(`${hub.httpUrl}/api/vehicles/${BEV_VIN}/refresh`, { method: 'POST' });
    expect(one.status).toBe(200);
    expect(restRequests(env.sim)).toHaveLength(1);
    const answer = (await one.json()) as {
      vehicles: { vin: string }[];
      budget: { used: number; left: number };
    };
    expect(answer.vehicles.map((vehicle) => vehicle.vin)).toEqual([BEV_VIN]);
    expect(answer.budget.used).toBe(body.budget.used + 1);
    expect(one.headers.get('ratelimit-policy')).toBe('"cardata";q=50;w=86400');
    expect(one.headers.get('ratelimit')).toBe(`"cardata";r=${answer.budget.left};t=0`);

    const vehicles = (await (await get('/api/vehicles')).json()) as { vin: string; source: string }[];
    expect(vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([BEV_VIN, PETROL_VIN]);
    const vehicle = (await (await get(`/api/vehicles/${BEV_VIN}`)).json()) as {
      fuelAndBattery: unknown;
      fieldTimes: unknown;
    };
    expect(vehicle.fuelAndBattery).toMatchObject({ remainingBatteryPercent: 64 });
    expect(vehicle.fieldTimes).toBeDefined();
    expect((await get('/api/vehicles/WBA00000000000000')).status).toBe(404);
  });

  it('refuses a refresh the budget cannot pay with 429 and Retry-After, sending nothing', async () => {
    await exhaustLedger(env.sim, env.tokenFile);
    env.sim.clearRequests();
    const refused = await fetch(`${hub.httpUrl}/api/vehicles/${BEV_VIN}/refresh`, { method: 'POST' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit')).toMatch(/^"cardata";r=0;t=\d+$/);
    expect(await refused.json()).toMatchObject({ code: 'quota', retryAt: expect.any(String) });
    expect(restRequests(env.sim)).toHaveLength(0);
  });

  it('checks the VIN and the method before anything is sent', async () => {
    expect((await fetch(`${hub.httpUrl}/api/vehicles/not-a-vin/refresh`, { method: 'POST' })).status).toBe(
      400,
    );
    expect((await get(`/api/vehicles/${BEV_VIN}/refresh`)).status).toBe(405);
    expect((await fetch(`${hub.httpUrl}/api/vehicles`, { method: 'DELETE' })).status).toBe(405);
    expect((await get('/nothing-here')).status).toBe(404);
  });

  it('GET /api/events streams changes and derived events as they happen', async () => {
    const stream = await readEvents(`${hub.httpUrl}/api/events`);
    try {
      expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
      const at = new Date();
      await publish(env.sim, streamMessage(BEV_VIN, at, { [TRUNK]: true, [BATTERY]: 61 }));
      const change = await stream.waitFor((e) => e.event === 'change');
      expect(change.data).toMatchObject({
        vin: BEV_VIN,
        channel: 'stream',
        changes: expect.arrayContaining([
          {
            path: 'fuelAndBattery.remainingBatteryPercent',
            at: at.toISOString().replace('.000Z', 'Z'),
            channel: 'stream',
          },
        ]),
      });
      const event = await stream.waitFor((e) => e.event === 'event');
      expect(event.data).toMatchObject({ type: 'lid-opened', vin: BEV_VIN, detail: { lid: 'trunk' } });
    } finally {
      await stream.close();
    }
  });

  it('GET /metrics counts messages, changes, events, reconnects and calls in Prometheus text', async () => {
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    const value = (line: string) =>
      Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('bimmer_hub_stream_messages_total')).toBeGreaterThanOrEqual(1);
    expect(value('bimmer_hub_changes_total{channel="stream"}')).toBeGreaterThanOrEqual(1);
    expect(value('bimmer_hub_events_total{type="lid-opened"}')).toBeGreaterThanOrEqual(1);
    expect(value('bimmer_hub_rest_calls_left')).toBe(0);
    expect(value('bimmer_hub_refresh_requests_total{outcome="refused"}')).toBe(1);
    expect(value('bimmer_hub_stream_reconnects_total')).toBe(0);
    expect(value('bimmer_hub_mqtt_connected')).toBe(1);
    expect(text).toContain('# TYPE bimmer_hub_stream_messages_total counter');
    expect(text).not.toContain(BEV_VIN);
  });

  it('the page shows the vehicles, the stream and the budget', async () => {
    const page = await (await get('/')).text();
    expect(page).toContain(BEV_VIN);
    expect(page).toContain('BMW stream');
    expect(page).toContain('connected');
    expect(page).toContain('REST budget');
  });
});
