import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { CapturedResponse } from '@bimmer/core';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerRemoteServiceError,
} from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { MyBMWClient, type MyBMWClientOptions } from './client';
import type { MyBMWTokenSource } from './token-source';

type Handler = (request: Request, index: number) => Response | Promise<Response>;

/** A client whose fetch answers from `handler`, recording every request and sleep. */
function clientWith(handler: Handler, overrides: Partial<MyBMWClientOptions> = {}) {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const sleeps: number[] = [];
  const refreshedFor: string[] = [];
  let token = 'token-1';
  const tokens: MyBMWTokenSource = {
    getAccessToken: async () => token,
    onUnauthorized: async (rejected) => {
      refreshedFor.push(rejected);
      token = `token-${refreshedFor.length + 1}`;
    },
    sessionId: 'session-1',
    gcid: 'gcid-1',
  };
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    bodies.push(await request.clone().text());
    return handler(request, requests.length - 1);
  }) as typeof fetch;
  const client = new MyBMWClient({
    tokens,
    baseUrl: 'https://api.test',
    defaultHeaders: (brand) => ({ 'x-user-agent': `android(AP2A.123456.789);${brand};4.9.2(36892);row` }),
    fetch: fetchFn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, requests, bodies, sleeps, refreshedFor };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const get = { method: 'GET', path: '/eadrax-vcs/v4/vehicles/state', brand: 'bmw', idempotent: true } as const;
const command = {
  method: 'POST',
  path: '/eadrax-vrccs/v4/presentation/remote-commands/light-flash',
  brand: 'mini',
  idempotent: false,
  json: {},
} as const;

describe('MyBMWClient', () => {
  it('sends the default headers, bearer token, session id and bmw-vin', async () => {
    const { client, requests } = clientWith(() => json(200, { ok: true }));
    const body = await client.json({ ...get, vin: 'WBA00000000TEST01', query: { apptimezone: '0' } });
    expect(body).toEqual({ ok: true });
    const [request] = requests;
    expect(request?.url).toBe('https://api.test/eadrax-vcs/v4/vehicles/state?apptimezone=0');
    expect(request?.headers.get('authorization')).toBe('Bearer token-1');
    expect(request?.headers.get('bmw-session-id')).toBe('session-1');
    expect(request?.headers.get('bmw-vin')).toBe('WBA00000000TEST01');
    expect(request?.headers.get('x-user-agent')).toContain(';bmw;');
  });

  it('sends commands with the brand of the vehicle and a JSON body', async () => {
    const { client, requests, bodies } = clientWith(() => json(200, { eventId: 'e1' }));
    await client.json(command);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('x-user-agent')).toContain(';mini;');
    expect(requests[0]?.headers.get('content-type')).toContain('application/json');
    expect(bodies[0]).toBe('{}');
  });

  it('refreshes the token once after a 401 and resends with the new token', async () => {
    const { client, requests, refreshedFor } = clientWith((_, index) =>
      index === 0 ? json(401, { error: 'invalid_token' }) : json(200, {}),
    );
    await client.send(get);
    expect(refreshedFor).toEqual(['token-1']);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up with BimmerAuthError after a second 401', async () => {
    const { client, requests } = clientWith(() => json(401, { error: 'invalid_token' }));
    await expect(client.send(get)).rejects.toBeInstanceOf(BimmerAuthError);
    expect(requests).toHaveLength(2);
  });

  it('waits what the server asks after a 429 and resends idempotent requests', async () => {
    const { client, sleeps, requests } = clientWith((_, index) =>
      index < 2
        ? json(
            429,
            { message: 'Rate limit is exceeded. Try again in 12 seconds.' },
            index === 1 ? { 'retry-after': '3' } : {},
          )
        : json(200, {}),
    );
    await client.send(get);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([12_000, 3_000]);
  });

  it('stops after maxRetries 429s with a BimmerQuotaError', async () => {
    const { client, requests, sleeps } = clientWith(() => json(429, { message: 'slow down' }), {
      maxRetries: 2,
    });
    await expect(client.send(get)).rejects.toBeInstanceOf(BimmerQuotaError);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([4_000, 4_000]);
  });

  it('does not wait longer than maxRetryWaitMs: it fails at once with retryAt', async () => {
    const { client, requests, sleeps } = clientWith(() => json(429, {}, { 'retry-after': '600' }));
    const error = await client.send(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BimmerQuotaError);
    expect((error as BimmerQuotaError).retryAt).toBeInstanceOf(Date);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('never resends a command after a 429', async () => {
    const { client, requests } = clientWith(() => json(429, { message: 'Try again in 1 seconds' }));
    await expect(client.send(command)).rejects.toBeInstanceOf(BimmerQuotaError);
    expect(requests).toHaveLength(1);
  });

  it.each([
    [489, 'anything', BimmerBlockedError],
    [403, '{"statusCode":403,"message":"Blocked"}', BimmerBlockedError],
    [
      403,
      '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 02:12:20."}',
      BimmerQuotaError,
    ],
    [403, '{"error":"forbidden"}', BimmerAuthError],
    [404, '{"message":"no such vehicle"}', BimmerNotFoundError],
    [500, 'INTERNAL SERVER ERROR', BimmerApiError],
    [400, '', BimmerApiError],
  ] as const)('maps HTTP %i with body %j to %o', async (status, body, errorClass) => {
    const { client } = clientWith(() => new Response(body, { status }));
    await expect(client.send(get)).rejects.toBeInstanceOf(errorClass);
  });

  it('computes retryAt of a 403 quota error from its message', async () => {
    const body =
      '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 02:12:20."}';
    const { client } = clientWith(() => new Response(body, { status: 403 }));
    const before = Date.now();
    const error = (await client.send(get).catch((e: unknown) => e)) as BimmerQuotaError;
    const waited = (error.retryAt?.getTime() ?? 0) - before;
    expect(waited).toBeGreaterThanOrEqual((2 * 3600 + 12 * 60 + 20) * 1000 - 1000);
  });

  it('tries a read 3 times on network failures with jittered, doubling backoff, then gives a BimmerApiError', async () => {
    const { client, requests, sleeps } = clientWith(
      () => {
        throw new TypeError('fetch failed');
      },
      { random: () => 0.5 },
    );
    await expect(client.send(get)).rejects.toBeInstanceOf(BimmerApiError);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([375, 750]);
  });

  it.each([
    ['a 5xx', () => new Response('Bad gateway', { status: 502 })],
    ['a body that is not JSON', () => new Response('{"vin": ', { status: 200 })],
    [
      'a body cut off mid-way',
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"half":'));
              controller.error(new TypeError('terminated'));
            },
          }),
          { status: 200 },
        ),
    ],
  ])('tries a read again after %s and returns the good answer', async (_, fault) => {
    const { client, requests } = clientWith((_request, index) =>
      index === 0 ? fault() : json(200, { ok: 1 }),
    );
    await expect(client.json(get)).resolves.toEqual({ ok: 1 });
    expect(requests).toHaveLength(2);
  });

  it('maps a body that stays cut off to the typed API error, never a bare "terminated"', async () => {
    const { client, requests } = clientWith(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"half":'));
              controller.error(new TypeError('terminated'));
            },
          }),
          { status: 200 },
        ),
    );
    const error = (await client.json(get).catch((e: unknown) => e)) as BimmerApiError;
    expect(error).toBeInstanceOf(BimmerApiError);
    expect(error.message).toMatch(
      /^MyBMW's answer to \/eadrax-vcs\/v4\/vehicles\/state \(HTTP 200\) broke off/,
    );
    expect(requests).toHaveLength(3);
  });

  it.each([
    ['a 5xx', () => new Response('INTERNAL SERVER ERROR', { status: 500 }), 'BMW failed (HTTP 500)'],
    [
      'a dropped connection',
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
      },
      'no answer arrived',
    ],
    ['an answer that is not JSON', () => new Response('{"eventId": ', { status: 200 }), 'not readable'],
  ])('never sends a command twice: after %s its outcome is unknown', async (_, fault, reason) => {
    const { client, requests } = clientWith(fault);
    const error = (await client.json(command).catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('UNKNOWN');
    expect(error.message).toContain(reason);
    expect(error.message).toContain('whether BMW received and executed it is unknown');
    expect(requests).toHaveLength(1);
  });

  it('renews the token after a 401 to a command but does not resend it: its outcome is unknown', async () => {
    const { client, requests, refreshedFor } = clientWith(() => json(401, { error: 'invalid_token' }));
    const error = (await client.json(command).catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('UNKNOWN');
    expect(error.message).toContain('HTTP 401; the token was renewed');
    expect(refreshedFor).toEqual(['token-1']);
    expect(requests).toHaveLength(1);
  });

  it('reports a command to a port nobody listens on as a plain API error: it never left', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = new MyBMWClient({
      tokens: { getAccessToken: async () => 't', onUnauthorized: async () => {}, sessionId: 's', gcid: 'g' },
      baseUrl: `http://127.0.0.1:${port}`,
      defaultHeaders: () => ({}),
      sleep: async () => {},
    });
    const error = await client.json(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BimmerApiError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('reports a command that provably never left (connection refused) as a plain API error', async () => {
    const { client, requests } = clientWith(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const error = await client.json(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BimmerApiError);
    expect(requests).toHaveLength(1);
  });

  it('keeps the token out of a network error, its cause chain included', async () => {
    // ky's TimeoutError holds the Request (and so the Authorization header); it must not be the cause.
    const { client } = clientWith(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        }),
      { timeoutMs: 5 },
    );
    const error = (await client.send(get).catch((e: unknown) => e)) as BimmerApiError;
    expect(error).toBeInstanceOf(BimmerApiError);
    expect(error.message).toContain('timed out');
    expect(inspect(error, { depth: 10 })).not.toContain('token-1');
  });

  it('captures every response with the request path, query and bmw-vin, and no token', async () => {
    const captured: CapturedResponse[] = [];
    const { client } = clientWith(
      (_, index) =>
        index === 0
          ? json(401, {})
          : new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } }),
      { onResponse: (r) => captured.push(r) },
    );
    await client.send({
      ...get,
      path: '/eadrax-ics/v5/presentation/vehicles/images',
      vin: 'VIN1',
      query: { carView: 'FrontView' },
    });
    expect(captured.map((c) => c.status)).toEqual([401, 200]);
    const image = captured[1];
    expect(image).toMatchObject({
      brand: 'bmw',
      method: 'GET',
      path: '/eadrax-ics/v5/presentation/vehicles/images',
      query: { carView: 'FrontView' },
      vinHeader: 'VIN1',
      contentType: 'image/png',
    });
    expect(image?.body).toBeInstanceOf(Uint8Array);
    expect(JSON.stringify(captured)).not.toContain('token-');
  });

  it('never puts the token into error messages', async () => {
    const { client } = clientWith(() => json(500, { error: 'boom' }));
    const error = (await client.send(get).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('token-1');
    expect(JSON.stringify(error)).not.toContain('token-1');
  });
});
