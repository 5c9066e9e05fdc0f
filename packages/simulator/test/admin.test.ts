import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, type Simulator, startSimulator } from '../src/index';
import { api, json, loginGcdm } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});

const admin = (path: string, init?: RequestInit) => fetch(`${sim.url}/_simulator${path}`, init);

describe('admin endpoints', () => {
  it('describe the running simulator', async () => {
    const info = await json<{
      url: string;
      vins: string[];
      accounts: Array<{ username: string }>;
      tokenLifetimeSeconds: number;
    }>(await admin('/info'));
    expect(info.url).toBe(sim.url);
    expect(info.vins).toEqual(sim.vins());
    expect(info.accounts.map((account) => account.username)).toEqual([DEMO_ACCOUNT.username]);
    expect(info.tokenLifetimeSeconds).toBe(28799);
  });

  it('move the clock so black-box tests can expire tokens', async () => {
    const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    const before = await json<{ now: string }>(await admin('/clock'));
    const moved = await json<{ now: string }>(
      await admin('/clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 28800 }) }),
    );
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(28800 * 1000);
    expect((await api(sim.url, access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN })).status).toBe(
      401,
    );
    const set = await json<{ now: string }>(
      await admin('/clock', { method: 'POST', body: JSON.stringify({ now: '2030-01-01T00:00:00Z' }) }),
    );
    expect(set.now.startsWith('2030-01-01T00:00:0')).toBe(true);
    expect((await admin('/clock', { method: 'POST', body: JSON.stringify({ now: 'soon' }) })).status).toBe(
      400,
    );
  });

  it('reset state, tokens and clock, and show the served documents and events', async () => {
    const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    await api(sim.url, access_token, '/eadrax-vrccs/v4/presentation/remote-commands/door-lock', {
      method: 'POST',
      vin: EV_VIN,
      body: {},
    });
    const state = await json<{ state: { doorsState: { combinedSecurityState: string } } }>(
      await admin(`/state/${EV_VIN}`),
    );
    expect(state.state.doorsState.combinedSecurityState).toBe('LOCKED');
    expect(
      (await json<Array<{ service: string }>>(await admin('/events'))).map((event) => event.service),
    ).toEqual(['door-lock']);
    const charging = await admin(`/charging-settings/${EV_VIN}`);
    expect(charging.status).toBe(200);
    expect(await charging.json()).toEqual(sim.chargingSettings(EV_VIN));
    expect((await admin('/reset', { method: 'POST' })).status).toBe(204);
    const after = await json<{ state: { doorsState: { combinedSecurityState: string } } }>(
      await admin(`/state/${EV_VIN}`),
    );
    expect(after.state.doorsState.combinedSecurityState).toBe('UNLOCKED');
    expect(await json(await admin('/events'))).toEqual([]);
    expect((await api(sim.url, access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN })).status).toBe(
      401,
    );
    expect(Math.abs(sim.now() - Date.now())).toBeLessThan(60_000);
  });

  it('change a served state as a new report of the car, dated as asked, served over the API', async () => {
    const { access_token } = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
    const at = '2026-12-01T08:15:30.250Z';
    const changed = await admin(`/state/${EV_VIN}`, {
      method: 'POST',
      body: JSON.stringify({
        patch: {
          state: { electricChargingState: { chargingLevelPercent: 42 }, doorsState: { trunk: 'OPEN' } },
        },
        at,
      }),
    });
    expect(changed.status).toBe(200);
    const served = await json<{
      state: {
        lastFetched: string;
        electricChargingState: Record<string, unknown>;
        doorsState: Record<string, unknown>;
      };
    }>(await api(sim.url, access_token, '/eadrax-vcs/v4/vehicles/state', { vin: EV_VIN }));
    expect(served.state.lastFetched).toBe(at);
    expect(served.state.electricChargingState.chargingLevelPercent).toBe(42);
    // A merge patch: the other values of the block stay as recorded.
    expect(served.state.electricChargingState.chargingStatus).toBeDefined();
    expect(served.state.doorsState.trunk).toBe('OPEN');
    expect(sim.state(EV_VIN)).toEqual(served);

    // Without `at` the report is dated now on the simulator clock; `null` removes a value.
    const before = sim.now();
    const removed = sim.changeState(EV_VIN, { patch: { state: { doorsState: { trunk: null } } } }) as {
      state: { lastFetched: string; doorsState: Record<string, unknown> };
    };
    expect(removed.state.doorsState).not.toHaveProperty('trunk');
    expect(Date.parse(removed.state.lastFetched)).toBeGreaterThanOrEqual(before - 1);

    const bad = (body: unknown, vin = EV_VIN) =>
      admin(`/state/${vin}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.status);
    expect(await bad({ at: 'soon' })).toBe(400);
    expect(await bad({ patch: [1] })).toBe(400);
    expect(await bad('x')).toBe(400);
    expect(await bad({}, 'WBA0SIM0000000X99')).toBe(404);
    sim.reset();
    expect((sim.state(EV_VIN) as { state: { lastFetched: string } }).state.lastFetched).not.toBe(at);
  });

  it('refuse bad remote-service settings and unknown admin paths', async () => {
    expect((await admin('/remote-services', { method: 'POST', body: '"x"' })).status).toBe(400);
    const outcome = await admin('/remote-services', {
      method: 'POST',
      body: JSON.stringify({ outcome: 'MAYBE' }),
    });
    expect(outcome.status).toBe(400);
    expect((await admin('/nothing')).status).toBe(404);
  });
});
