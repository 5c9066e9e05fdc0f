import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_ACCOUNT,
  QUOTA_MESSAGE,
  RATE_LIMIT_MESSAGE,
  type Simulator,
  startSimulator,
} from '../src/index';
import { api, json, loginGcdm } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  token = (await loginGcdm(sim.url, 'row', DEMO_ACCOUNT)).access_token;
});

const STATE = '/eadrax-vcs/v4/vehicles/state';
const state = () => api(sim.url, token, STATE, { vin: EV_VIN });

describe('faults', () => {
  it('429 with BMW message text, for the next n requests of a path', async () => {
    sim.addFault(`429@${STATE}*2`);
    const first = await state();
    expect(first.status).toBe(429);
    expect(await json(first)).toEqual({ statusCode: 429, message: RATE_LIMIT_MESSAGE });
    expect((await api(sim.url, token, '/eadrax-vcs/v5/vehicle-list', { method: 'POST' })).status).toBe(200);
    expect((await state()).status).toBe(429);
    expect((await state()).status).toBe(200);
    expect(sim.faults()).toEqual([]);
  });

  it('403 quota', async () => {
    sim.addFault('quota*1');
    const response = await state();
    expect(response.status).toBe(403);
    expect((await json(response)).message).toBe(QUOTA_MESSAGE);
  });

  it('401', async () => {
    sim.addFault('401*1');
    expect((await state()).status).toBe(401);
    expect((await state()).status).toBe(200);
  });

  it('489 Blocked', async () => {
    sim.addFault('blocked*1');
    const response = await state();
    expect(response.status).toBe(489);
    expect(await response.text()).toBe('Blocked');
  });

  it('500', async () => {
    sim.addFault('500*1');
    expect((await state()).status).toBe(500);
  });

  it('slow responses still answer normally', async () => {
    sim.addFault('slow=30*1');
    const response = await state();
    expect(response.status).toBe(200);
    expect(sim.requests().at(-1)?.fault).toBe('slow');
  });

  it('dropped connections', async () => {
    sim.addFault('drop*1');
    await expect(state()).rejects.toThrow();
    expect((await state()).status).toBe(200);
    expect(sim.requests().at(-2)).toMatchObject({ fault: 'drop', status: null });
  });

  it('malformed JSON', async () => {
    sim.addFault('malformed*1');
    const response = await state();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('truncated bodies', async () => {
    sim.addFault('truncated*1');
    await expect(state().then((response) => response.arrayBuffer())).rejects.toThrow();
    expect((await state()).status).toBe(200);
  });

  it('probabilistic faults are reproducible with a seed', async () => {
    const run = async () => {
      sim.reset();
      token = (await loginGcdm(sim.url, 'row', DEMO_ACCOUNT)).access_token;
      sim.addFault(`500@${STATE}%50~42`);
      const seen: number[] = [];
      for (let index = 0; index < 12; index++) seen.push((await state()).status);
      return seen;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('can be set, listed and cleared through the admin endpoint', async () => {
    const added = await fetch(`${sim.url}/_simulator/faults`, {
      method: 'POST',
      body: '429@/eadrax-vcs*1\n500@/nowhere',
    });
    expect(added.status).toBe(201);
    expect((await json<Array<{ spec: string }>>(added)).map((fault) => fault.spec)).toEqual([
      '429@/eadrax-vcs*1',
      '500@/nowhere',
    ]);
    expect((await state()).status).toBe(429);
    const asJson = await fetch(`${sim.url}/_simulator/faults`, {
      method: 'POST',
      body: JSON.stringify(['quota*1']),
    });
    expect(asJson.status).toBe(201);
    expect((await json<unknown[]>(await fetch(`${sim.url}/_simulator/faults`))).length).toBe(2);
    const invalid = await fetch(`${sim.url}/_simulator/faults`, { method: 'POST', body: 'explode' });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).message).toContain('unknown kind');
    expect((await fetch(`${sim.url}/_simulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await state()).status).toBe(200);
  });

  it('start-up faults come back after a reset, and admin endpoints are never faulted', async () => {
    const faulty = await startSimulator({ fingerprints: writeSyntheticFleet(), faults: ['500*1'] });
    try {
      expect((await fetch(`${faulty.url}/_simulator/requests`)).status).toBe(200);
      expect((await fetch(`${faulty.url}/eadrax-ucs/v1/presentation/oauth/config`)).status).toBe(500);
      expect((await fetch(`${faulty.url}/eadrax-ucs/v1/presentation/oauth/config`)).status).toBe(401);
      expect((await fetch(`${faulty.url}/_simulator/reset`, { method: 'POST' })).status).toBe(204);
      expect((await fetch(`${faulty.url}/eadrax-ucs/v1/presentation/oauth/config`)).status).toBe(500);
    } finally {
      await faulty.stop();
    }
  });

  it('hits CarData routes too, per endpoint or global, but never their admin controls', async () => {
    const mappings = `${sim.url}/customers/vehicles/mappings`;
    sim.clearRequests();
    sim.addFault('429@/customers*1');
    const faulted = await fetch(mappings);
    expect(faulted.status).toBe(429);
    expect(await json(faulted)).toEqual({ statusCode: 429, message: RATE_LIMIT_MESSAGE });
    // The fault is used up: the CarData side answers again (401 CU-100 without a token).
    const real = await fetch(mappings);
    expect(real.status).toBe(401);
    expect((await json(real)).exveErrorId).toBe('CU-100');
    expect(sim.requests().map(({ status, fault, handledBy }) => ({ status, fault, handledBy }))).toEqual([
      { status: 429, fault: '429', handledBy: 'mybmw' },
      { status: 401, handledBy: 'cardata' },
    ]);

    sim.addFault('500');
    expect((await fetch(mappings)).status).toBe(500);
    const device = await fetch(`${sim.url}/gcdm/oauth/device/code`, { method: 'POST' });
    expect(device.status).toBe(500);
    await device.body?.cancel();
    expect((await fetch(`${sim.url}/_simulator/cardata/state`)).status).toBe(200);
  });

  it('adds latency to every request without changing answers', async () => {
    const slow = await startSimulator({ fingerprints: writeSyntheticFleet(), latencyMs: 5 });
    try {
      expect((await fetch(`${slow.url}/eadrax-ucs/v1/presentation/oauth/config`)).status).toBe(401);
    } finally {
      await slow.stop();
    }
  });
});
