import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CarDataSimulator, startCarDataSimulator } from './index';

let cardata: CarDataSimulator;
let server: Server;
let base: string;
let now = Date.parse('2026-12-01T08:00:00Z');

beforeAll(async () => {
  cardata = await startCarDataSimulator({ now: () => now, host: '127.0.0.1', tokenLifetimeSeconds: 3599 });
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!(await cardata.handle(request, response, url, Buffer.concat(chunks)))) response.writeHead(599).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await cardata.stop();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  cardata.reset();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function tokens(scope = 'authenticate_user openid cardata:api:read cardata:streaming:read') {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const code = (await (
    await fetch(
      `${base}/gcdm/oauth/device/code`,
      form({
        client_id: 'c1',
        response_type: 'device_code',
        scope,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    )
  ).json()) as { device_code: string };
  await fetch(`${base}/_simulator/cardata/approve`, { method: 'POST' });
  const poll = {
    client_id: 'c1',
    device_code: code.device_code,
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
  };
  const wrong = await fetch(`${base}/gcdm/oauth/token`, form({ ...poll, code_verifier: 'not-the-verifier' }));
  expect(wrong.status).toBe(400);
  const response = await fetch(`${base}/gcdm/oauth/token`, form({ ...poll, code_verifier: verifier }));
  return (await response.json()) as {
    access_token: string;
    id_token: string;
    refresh_token: string;
    gcid: string;
  };
}

describe('CarData simulator', () => {
  it('leaves MyBMW token requests (Basic client auth, unknown refresh token) to the MyBMW routes', async () => {
    const response = await fetch(`${base}/gcdm/oauth/token`, {
      ...form({ grant_type: 'refresh_token', refresh_token: 'mybmw-token' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic eDp5' },
    });
    expect(response.status).toBe(599);
  });

  it('guards REST like BMW: token, x-version, VIN format, PRIMARY mapping', async () => {
    const { access_token } = await tokens();
    const get = (path: string, headers: Record<string, string>) =>
      fetch(`${base}${path}`, { headers }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { exveErrorId?: string },
      }));
    expect((await get('/customers/vehicles/mappings', {})).body.exveErrorId).toBe('CU-100');
    expect(
      (await get('/customers/vehicles/mappings', { authorization: 'Bearer nope', 'x-version': 'v1' })).body
        .exveErrorId,
    ).toBe('CU-101');
    const auth = { authorization: `Bearer ${access_token}` };
    expect((await get('/customers/vehicles/mappings', auth)).body.exveErrorId).toBe('CU-400');
    expect(
      (await get('/customers/vehicles/short/basicData', { ...auth, 'x-version': 'v1' })).body.exveErrorId,
    ).toBe('CU-120');
    expect(
      (await get('/customers/vehicles/WBASIMCARDATA0009/basicData', { ...auth, 'x-version': 'v1' })).body
        .exveErrorId,
    ).toBe('CU-104');
    now += 3600_000;
    expect((await get('/customers/vehicles/mappings', { ...auth, 'x-version': 'v1' })).body.exveErrorId).toBe(
      'CU-102',
    );
    now -= 3600_000;
  });

  it('issues a token without the CarData scope when the scope is omitted (BMW pitfall)', async () => {
    const { access_token } = await tokens('authenticate_user openid');
    const response = await fetch(`${base}/customers/vehicles/mappings`, {
      headers: { authorization: `Bearer ${access_token}`, 'x-version': 'v1' },
    });
    expect(((await response.json()) as { exveErrorId: string }).exveErrorId).toBe('CU-103');
  });

  it('lets only the gcid with a valid ID token connect, and only below its own topic', async () => {
    const { id_token, gcid } = await tokens();
    const url = cardata.mqttUrl ?? '';
    await expect(
      connectAsync(url, { username: gcid, password: 'wrong', reconnectPeriod: 0 }),
    ).rejects.toThrow(/authori[sz]ed/i);
    const client = await connectAsync(url, { username: gcid, password: id_token, reconnectPeriod: 0 });
    try {
      await expect(client.subscribeAsync('someone-else/+')).rejects.toThrow(/Subscribe error/);
      const [own] = await client.subscribeAsync(`${gcid}/+`, { qos: 1 });
      expect(own?.qos).toBe(1);
      const received = new Promise<string>((resolve) => client.once('message', (topic) => resolve(topic)));
      await fetch(`${base}/_simulator/cardata/publish`, {
        method: 'POST',
        body: JSON.stringify({ vin: 'WBASIMCARDATA0001', timestamp: '2026-12-01T08:00:00Z', data: {} }),
      });
      expect(await received).toBe(`${gcid}/WBASIMCARDATA0001`);
    } finally {
      await client.endAsync(true);
    }
  });
});
