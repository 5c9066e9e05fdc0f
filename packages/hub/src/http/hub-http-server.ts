import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  BimmerValidationError,
  isBimmerError,
  type LiveAccount,
  type LiveBudget,
  vehicleToJSON,
} from '@bimmer/core';
import { VIN_PATTERN } from '@bimmer/core/internal';
import { urlHost } from '../host-address';
import type { LoginPrompt } from '../login/login-prompt';
import { HUB_VERSION } from '../version';
import { hasApiKey } from './api-key';
import { budgetJSON, connectionJSON } from './budget-json';
import type { EventStream } from './event-stream';
import { renderHomePage } from './home-page';
import { type HubMetrics, renderMetrics } from './hub-metrics';
import { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers';

/** What the HTTP API reads from the running hub. */
export interface HubHttpContext {
  readonly host: string;
  readonly port: number;
  readonly apiKey: string | undefined;
  readonly startedAt: number;
  readonly now: () => number;
  readonly metrics: HubMetrics;
  readonly events: EventStream;
  readonly prefix: string;
  readonly discoveryPrefix: string;
  readonly discovery: boolean;
  /** BMW's quota window in seconds, for the RateLimit headers. */
  readonly budgetWindowSeconds: number;
  /** The live account once there is a login; undefined while the device-code login waits. */
  account(): LiveAccount | undefined;
  login(): LoginPrompt | undefined;
  mqtt(): {
    readonly mode: 'embedded' | 'external';
    readonly url: string;
    readonly connected: boolean;
    readonly counters: { readonly published: number; readonly dropped: number; readonly reconnects: number };
  };
}

/** A running HTTP API. */
export interface HubHttpServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const VIN_ROUTE = /^\/api\/vehicles\/([^/]+)$/;
const REFRESH_ROUTE = /^\/api\/vehicles\/([^/]+)\/refresh$/;
const MAX_BODY = 4_096;

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, type: string, text: string): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new BimmerValidationError('The request body is too large.', { action: 'check-input' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The `reason` of a refresh request: a short text from the body (`{"reason": "…"}`), else `http`. */
function reasonOf(body: string): string {
  if (body.trim() === '') return 'http';
  try {
    const parsed = JSON.parse(body) as { reason?: unknown };
    if (typeof parsed.reason === 'string' && parsed.reason.trim() !== '')
      return parsed.reason.trim().slice(0, 80);
  } catch {
    // A body that is not JSON is no reason; the refresh still counts as the client's.
  }
  return 'http';
}

/**
 * Starts the hub's HTTP API on the hub's host: the page at `/`, `GET /health`, `/api/hub`,
 * `/api/vehicles`, `/api/vehicles/<VIN>`, `/api/events` (server-sent events), `/metrics`, and
 * `POST /api/vehicles/<VIN>/refresh` / `POST /api/refresh` (the only routes that spend: one REST
 * read from the shared budget, answered with RateLimit headers, refused with 429 and Retry-After
 * when the budget says no). With an API key every route needs it.
 */
export async function startHubHttpServer(context: HubHttpContext): Promise<HubHttpServer> {
  const server: Server = createServer((request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, 500, {
        error: `The hub failed to answer: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  });
  server.keepAliveTimeout = 2_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(context.port, context.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new BimmerValidationError(
      code === 'EADDRINUSE'
        ? `The HTTP port ${context.port} on ${context.host} is already in use: pick another with the HTTP port option (0 picks a free one).`
        : `The hub's HTTP API could not listen on ${context.host}:${context.port}: ${(error as Error).message}`,
      { paths: ['httpPort'], action: 'check-input', cause: error },
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : context.port;
  return {
    url: `http://${urlHost(context.host)}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        context.events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  context: HubHttpContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!hasApiKey(request, context.apiKey)) {
    sendJson(
      response,
      401,
      {
        error: 'This hub needs its API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
      },
      { 'www-authenticate': 'Basic realm="bimmer hub", charset="UTF-8"' },
    );
    return;
  }
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const method = request.method ?? 'GET';
  const refresh = REFRESH_ROUTE.exec(path);
  if (refresh !== null || path === '/api/refresh') {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    return refreshRoute(context, request, response, refresh?.[1]);
  }
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET');
  const account = context.account();
  if (path === '/') {
    const mqtt = context.mqtt();
    sendText(
      response,
      200,
      'text/html; charset=utf-8',
      renderHomePage({
        account,
        login: context.login(),
        mqtt,
        prefix: context.prefix,
        now: context.now(),
      }),
    );
    return;
  }
  if (path === '/health') return sendJson(response, 200, health(context));
  if (path === '/api/hub') return sendJson(response, 200, hubInfo(context));
  if (path === '/metrics') {
    const mqtt = context.mqtt();
    sendText(
      response,
      200,
      'text/plain; version=0.0.4; charset=utf-8',
      renderMetrics(context.metrics, {
        uptimeSeconds: Math.round((context.now() - context.startedAt) / 1000),
        vehicles: account?.vehicles.length ?? 0,
        stream: account?.connection.state,
        brokerConnected: mqtt.connected,
        budget: account?.budget,
        sseClients: context.events.size,
        mqtt: mqtt.counters,
      }),
    );
    return;
  }
  if (path === '/api/events') {
    context.events.add(response);
    return;
  }
  if (path === '/api/vehicles') {
    sendJson(
      response,
      200,
      (account?.vehicles ?? []).map((vehicle) => vehicleToJSON(vehicle.snapshot)),
    );
    return;
  }
  const vehicleRoute = VIN_ROUTE.exec(path);
  if (vehicleRoute?.[1] !== undefined) {
    const vehicle = account?.getVehicle(decodeURIComponent(vehicleRoute[1]));
    if (vehicle === undefined) {
      sendJson(response, 404, { error: 'The hub knows no vehicle with this VIN.', code: 'not-found' });
      return;
    }
    sendJson(response, 200, vehicleToJSON(vehicle.snapshot));
    return;
  }
  sendJson(response, 404, { error: `No route ${path}. See /health, /api/vehicles, /api/events, /metrics.` });
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  sendJson(response, 405, { error: `Use ${allowed} here.` }, { allow: allowed });
}

function hubInfo(context: HubHttpContext) {
  const mqtt = context.mqtt();
  return {
    version: HUB_VERSION,
    mqttUrl: mqtt.url,
    broker: mqtt.mode,
    prefix: context.prefix,
    discoveryPrefix: context.discoveryPrefix,
    discovery: context.discovery,
  };
}

function health(context: HubHttpContext) {
  const account = context.account();
  const mqtt = context.mqtt();
  const login = context.login();
  const stream = account?.connection;
  const status =
    account === undefined
      ? 'login-needed'
      : stream?.state === 'connected' && mqtt.connected
        ? 'ok'
        : 'degraded';
  return {
    status,
    version: HUB_VERSION,
    uptimeSeconds: Math.round((context.now() - context.startedAt) / 1000),
    stream: stream === undefined ? undefined : connectionJSON(stream),
    broker: { mode: mqtt.mode, url: mqtt.url, connected: mqtt.connected },
    budget: account?.budget === undefined ? undefined : budgetJSON(account.budget),
    vehicles: account?.vehicles.length ?? 0,
    ...(login === undefined ? {} : { login: { status: login.status, page: '/' } }),
  };
}

async function refreshRoute(
  context: HubHttpContext,
  request: IncomingMessage,
  response: ServerResponse,
  rawVin: string | undefined,
): Promise<void> {
  const account = context.account();
  const vin = rawVin === undefined ? undefined : decodeURIComponent(rawVin);
  if (vin !== undefined && !VIN_PATTERN.test(vin)) {
    sendJson(response, 400, { error: 'A VIN has 17 capital letters and digits.', code: 'validation' });
    return;
  }
  const reason = reasonOf(await readBody(request));
  if (account === undefined) {
    sendJson(
      response,
      503,
      { error: 'The hub waits for the BMW login; nothing was sent.', code: 'auth' },
      { 'retry-after': '30' },
    );
    return;
  }
  const headers = (budget: LiveBudget | undefined, resetAt?: Date): Record<string, string> =>
    budget === undefined ? {} : rateLimitHeaders(budget, context.budgetWindowSeconds, context.now(), resetAt);
  try {
    const vehicles = await account.refresh(vin, { reason: `hub: ${reason}` });
    context.metrics.count(context.metrics.refreshes, 'ok');
    const budget = account.budget;
    sendJson(
      response,
      200,
      {
        vehicles: vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)),
        ...(budget === undefined ? {} : { budget: budgetJSON(budget) }),
      },
      headers(budget),
    );
  } catch (error) {
    if (isBimmerError(error, 'quota')) {
      context.metrics.count(context.metrics.refreshes, 'refused');
      // The refusal re-reads the shared ledger (another program may have spent): show that budget.
      const budget = account.budget;
      const retryAt = (error as { retryAt?: unknown }).retryAt;
      const when = retryAt instanceof Date ? retryAt : budget?.nextFreeAt;
      sendJson(
        response,
        429,
        {
          error: error.message,
          code: 'quota',
          ...(when === undefined ? {} : { retryAt: when.toISOString() }),
        },
        {
          ...headers(budget, when),
          ...(when === undefined ? {} : { 'retry-after': String(retryAfterSeconds(when, context.now())) }),
        },
      );
      return;
    }
    const budget = account.budget;
    context.metrics.count(context.metrics.refreshes, 'failed');
    const code = isBimmerError(error) ? error.code : 'api';
    const status = code === 'validation' ? 400 : code === 'not-found' ? 404 : code === 'auth' ? 503 : 502;
    sendJson(
      response,
      status,
      { error: error instanceof Error ? error.message : String(error), code },
      headers(budget),
    );
  }
}
