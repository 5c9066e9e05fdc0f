import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendCuError, sendJson } from './http';
import { type CarDataSimState, containerId } from './state';

const DAY_MS = 86_400_000;
const VIN = /^[A-Z0-9]{17}$/;
/** A 1×1 transparent PNG: the simulator's vehicle picture. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Serves `/customers/...` with BMW's rules: Bearer token with the CarData scope, `x-version: v1`,
 * the daily quota (every authorised call counts), CU error bodies, at most 10 active containers.
 * Returns the HTTP status sent.
 */
export function handleRest(
  state: CarDataSimState,
  now: number,
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  response: ServerResponse,
): number {
  const authorization = request.headers.authorization ?? '';
  const bearer = authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  if (bearer === undefined || bearer === '') return cu(response, 401, 'CU-100', 'missing_token');
  const token = state.accessTokens.get(bearer);
  if (token === undefined || token.revoked) return cu(response, 401, 'CU-101', 'invalid_token');
  if (now >= token.expiresAt) return cu(response, 401, 'CU-102', 'token_expired');
  if (!token.scope.split(' ').includes('cardata:api:read'))
    return cu(response, 403, 'CU-103', 'invalid_scope');
  if (request.headers['x-version'] !== 'v1') return cu(response, 400, 'CU-400', 'missing x-version header');

  const windowStart =
    state.config.quotaWindow === 'rolling' ? now - DAY_MS : Math.floor(now / DAY_MS) * DAY_MS;
  state.calls = state.calls.filter((at) => at > windowStart);
  if (state.calls.length >= state.config.quotaLimit) {
    const oldest = state.calls[0] ?? now;
    const freeAt = state.config.quotaWindow === 'rolling' ? oldest + DAY_MS : windowStart + DAY_MS;
    const retryAfter = { 'retry-after': String(Math.max(1, Math.ceil((freeAt - now) / 1000))) };
    return cu(response, state.config.rateLimitStatus, 'CU-429', 'rate_limit_exceeded', retryAfter);
  }
  state.calls.push(now);

  const path = url.pathname;
  const method = request.method ?? 'GET';
  if (path === '/customers/vehicles/mappings' && method === 'GET') {
    return json(
      response,
      200,
      [...state.vehicles].map(([vin, vehicle]) => ({
        vin,
        mappedSince: vehicle.mappedSince,
        mappingType: vehicle.mappingType,
      })),
    );
  }
  if (path === '/customers/containers') {
    if (method === 'GET') {
      return json(response, 200, {
        containers: [...state.containers.values()].map(({ technicalDescriptors: _omit, ...rest }) => rest),
      });
    }
    if (method === 'POST') return createContainer(state, now, body, response);
  }
  const containerMatch = /^\/customers\/containers\/([^/]+)$/.exec(path);
  if (containerMatch?.[1] !== undefined) {
    const id = decodeURIComponent(containerMatch[1]);
    if (id.length !== 13) return cu(response, 400, 'CU-121', 'invalid containerId');
    const container = state.containers.get(id);
    if (container === undefined) return cu(response, 403, 'CU-105', 'no permission for container');
    if (method === 'GET') return json(response, 200, container);
    if (method === 'DELETE') {
      if (container.state === 'DELETED') return cu(response, 409, 'CU-122', 'container already deleted');
      container.state = 'DELETED';
      response.writeHead(204).end();
      return 204;
    }
  }
  const vehicleMatch = /^\/customers\/vehicles\/([^/]+)\/([A-Za-z]+)$/.exec(path);
  if (vehicleMatch?.[1] !== undefined && vehicleMatch[2] !== undefined && method === 'GET') {
    const vin = decodeURIComponent(vehicleMatch[1]);
    if (!VIN.test(vin)) return cu(response, 400, 'CU-120', 'invalid vin');
    const vehicle = state.vehicles.get(vin);
    if (vehicle === undefined || vehicle.mappingType !== 'PRIMARY') {
      return cu(response, 403, 'CU-104', 'no permission for vin');
    }
    switch (vehicleMatch[2]) {
      case 'basicData':
        return json(response, 200, vehicle.basicData);
      case 'telematicData': {
        const id = url.searchParams.get('containerId') ?? '';
        if (id.length !== 13) return cu(response, 400, 'CU-121', 'invalid containerId');
        const container = state.containers.get(id);
        if (container === undefined || container.state !== 'ACTIVE') {
          return cu(response, 403, 'CU-105', 'no permission for container');
        }
        const telematicData: Record<string, unknown> = {};
        for (const key of container.technicalDescriptors) {
          telematicData[key] = vehicle.telematic[key] ?? { timestamp: null, unit: null, value: null };
        }
        return json(response, 200, { telematicData });
      }
      case 'chargingHistory':
        return pagedHistory(vehicle.chargingHistory, url, response);
      case 'image':
        response
          .writeHead(200, { 'content-type': 'image/png', 'content-length': String(PNG.length) })
          .end(PNG);
        return 200;
      case 'smartMaintenanceTyreDiagnosis':
        return json(response, 200, vehicle.tyreDiagnosis);
      case 'locationBasedChargingSettings':
        if (vehicle.chargingSettings.length === 0) return cu(response, 404, 'CU-127', 'no lbcs data found');
        return json(response, 200, { nextToken: null, data: vehicle.chargingSettings });
    }
  }
  return cu(response, 404, 'CU-400', 'unknown endpoint');
}

function createContainer(
  state: CarDataSimState,
  now: number,
  body: Buffer,
  response: ServerResponse,
): number {
  const request = readJson(body) as
    | { name?: unknown; purpose?: unknown; technicalDescriptors?: unknown }
    | undefined;
  const descriptors = request?.technicalDescriptors;
  if (
    typeof request?.name !== 'string' ||
    typeof request.purpose !== 'string' ||
    !Array.isArray(descriptors) ||
    descriptors.length === 0 ||
    !descriptors.every((item) => typeof item === 'string' && item.startsWith('vehicle.'))
  ) {
    return cu(response, 400, 'CU-402', 'invalid container definition');
  }
  const active = [...state.containers.values()].filter((container) => container.state === 'ACTIVE');
  if (active.length >= 10) return cu(response, 403, 'CU-124', 'maximum number of containers reached');
  const container = {
    containerId: containerId(),
    name: request.name,
    purpose: request.purpose,
    state: 'ACTIVE' as const,
    created: new Date(now).toISOString(),
    technicalDescriptors: descriptors as string[],
  };
  state.containers.set(container.containerId, container);
  return json(response, 201, container);
}

/** Charging history, two sessions a page; `nextToken` is the index of the next page. */
function pagedHistory(sessions: unknown[], url: URL, response: ServerResponse): number {
  const from = Date.parse(url.searchParams.get('from') ?? '');
  const to = Date.parse(url.searchParams.get('to') ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return cu(response, 400, 'CU-401', 'from and to are required');
  const inRange = sessions.filter((session) => {
    const start = ((session as { startTime?: number }).startTime ?? 0) * 1000;
    return start >= from && start <= to;
  });
  const offset = Number(url.searchParams.get('nextToken') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) return cu(response, 400, 'CU-125', 'pagination token expired');
  const page = inRange.slice(offset, offset + 2);
  const next = offset + 2 < inRange.length ? String(offset + 2) : null;
  return json(response, 200, { data: page, next_token: next });
}

function json(response: ServerResponse, status: number, body: unknown): number {
  sendJson(response, status, body);
  return status;
}

function cu(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): number {
  sendCuError(response, status, code, message, headers);
  return status;
}
