import { Socket } from 'node:net';
import type { LiveAccount, VehicleEvent } from '@bimmer/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, openHubAccount, startHub } from '../src/index';
import { recordingLogger } from './support/quiet-logger';
import {
  BATTERY,
  BEV_VIN,
  type LoggedInSimulator,
  loggedInSimulator,
  PETROL_VIN,
  publish,
  restRequests,
  streamMessage,
  streamState,
  TRUNK,
} from './support/simulator';

let env: LoggedInSimulator;
let hub: Hub;
const clients: LiveAccount[] = [];

beforeAll(async () => {
  env = await loggedInSimulator();
  hub = await startHub({
    tokenFile: env.tokenFile,
    baseUrl: env.sim.url,
    streamUrl: env.sim.mqttUrl,
    httpPort: 0,
    mqttPort: 0,
    log: recordingLogger(),
  });
  await hub.ready;
  // The hub's first reads of both vehicles (the policy's), so what follows costs exactly what it says.
  for (let i = 0; i < 200; i++) {
    const read = hub.account?.vehicles.filter((vehicle) => vehicle.snapshot.mileage !== undefined) ?? [];
    if (read.length === 2 && hub.account?.connection.state === 'connected') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  for (const client of clients) await client.stop();
  await hub?.stop();
  await env?.close();
});

function until<T>(
  account: LiveAccount,
  event: 'event' | 'change' | 'connection' | 'budget',
  predicate: (payload: T) => boolean,
) {
  return new Promise<T>((resolve) => {
    const off = account.on(event, (payload) => {
      if (!predicate(payload as T)) return;
      off();
      resolve(payload as T);
    });
  });
}

describe('hub clients', () => {
  it('two clients read through one hub while BMW sees exactly one stream connection', async () => {
    const first = await openHubAccount({ url: hub.httpUrl, events: { batteryBelow: [30] } });
    const second = await openHubAccount({ url: hub.httpUrl });
    clients.push(first, second);
    expect(first.kind).toBe('hub');
    // At open, before start: everything the hub holds, from its HTTP API.
    for (const client of [first, second]) {
      expect(client.vehicles.map((vehicle) => vehicle.vin).sort()).toEqual([BEV_VIN, PETROL_VIN]);
      expect(client.getVehicle(BEV_VIN)?.restored).toBe(true);
      expect(client.budget?.limit).toBe(50);
    }
    await Promise.all(
      [first, second].map(async (client) => {
        const connected = until(client, 'connection', (c: { state: string }) => c.state === 'connected');
        await client.start();
        await connected;
      }),
    );
    const firstChange = until(
      first,
      'change',
      (c: { snapshot: { fuelAndBattery?: { remainingBatteryPercent?: number } } }) =>
        c.snapshot.fuelAndBattery?.remainingBatteryPercent === 25,
    );
    const secondChange = until(
      second,
      'change',
      (c: { snapshot: { fuelAndBattery?: { remainingBatteryPercent?: number } } }) =>
        c.snapshot.fuelAndBattery?.remainingBatteryPercent === 25,
    );
    const below = until<VehicleEvent>(first, 'event', (e) => e.type === 'battery-below');
    const opened = until<VehicleEvent>(second, 'event', (e) => e.type === 'lid-opened');
    const at = new Date();
    await publish(env.sim, streamMessage(BEV_VIN, at, { [BATTERY]: 25, [TRUNK]: true }));
    await Promise.all([firstChange, secondChange]);
    // Each client derives events with its own settings, from the same function.
    expect(await below).toMatchObject({ vin: BEV_VIN, at, detail: { percent: 25, threshold: 30 } });
    expect(await opened).toMatchObject({ vin: BEV_VIN, at, detail: { lid: 'trunk' } });
    expect(
      first.getVehicle(BEV_VIN)?.snapshot.fieldTimes?.['fuelAndBattery.remainingBatteryPercent'],
    ).toMatchObject({
      at,
      channel: 'stream',
    });

    const stream = await streamState(env.sim);
    expect(stream.streamLogins).toBe(1);
    expect(stream.kicks).toBe(0);
  });

  it("a client's refresh spends from the hub's one budget, and the other client sees it", async () => {
    const [first, second] = clients as [LiveAccount, LiveAccount];
    const usedBefore = second.budget?.used ?? 0;
    const seen = until(second, 'budget', (b: { used: number }) => b.used > usedBefore);
    env.sim.clearRequests();
    const refreshed = await first.refresh(PETROL_VIN, { reason: 'test' });
    expect(refreshed.map((vehicle) => vehicle.vin)).toEqual([PETROL_VIN]);
    expect(restRequests(env.sim)).toHaveLength(1);
    expect(((await seen) as { used: number }).used).toBe(usedBefore + 1);
    expect((await streamState(env.sim)).streamLogins).toBe(1);
  });
});

/** This process's open sockets to `port` (the hub's broker): the hub's own publisher and any client. */
function socketsTo(port: number): Set<Socket> {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return new Set(
    handles.filter(
      (handle): handle is Socket =>
        handle instanceof Socket && handle.remotePort === port && !handle.destroyed,
    ),
  );
}

describe('a hub client stopped while it is still connecting', () => {
  it('leaves no connection to the broker behind (nothing keeps the program alive)', async () => {
    const port = Number(new URL(hub.mqttUrl).port);
    const before = socketsTo(port);
    for (let round = 0; round < 3; round++) {
      const client = await openHubAccount({ url: hub.httpUrl });
      await client.start();
      // At once: the CONNECT is under way, the broker has not answered yet.
      await client.stop();
      expect(client.connection.state).toBe('stopped');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const left = [...socketsTo(port)].filter((socket) => !before.has(socket));
    expect(left).toEqual([]);
  });
});

describe('a hub client of a hub that needs credentials', () => {
  it('is refused without the API key, and reads with the key and the broker login', async () => {
    const guarded = await startHub({
      tokenFile: env.tokenFile,
      baseUrl: env.sim.url,
      streamUrl: env.sim.mqttUrl,
      host: '0.0.0.0',
      httpPort: 0,
      mqttPort: 0,
      apiKey: 'the-key-of-this-hub-1234',
      mqttUsername: 'house',
      mqttPassword: 'broker-secret',
      log: recordingLogger(),
      budget: { readsPerVehiclePerDay: 0 },
    });
    try {
      await guarded.ready;
      await expect(openHubAccount({ url: guarded.httpUrl })).rejects.toMatchObject({ code: 'auth' });
      await expect(openHubAccount({ url: guarded.httpUrl, apiKey: 'wrong' })).rejects.toMatchObject({
        code: 'auth',
      });
      const client = await openHubAccount({
        url: guarded.httpUrl,
        apiKey: 'the-key-of-this-hub-1234',
        mqttUsername: 'house',
        mqttPassword: 'broker-secret',
      });
      try {
        const connected = until(client, 'connection', (c: { state: string }) => c.state === 'connected');
        await client.start();
        await connected;
        await expect(client.refresh('not a vin')).rejects.toMatchObject({ code: 'validation' });
      } finally {
        await client.stop();
      }
    } finally {
      await guarded.stop();
    }
  });
});
