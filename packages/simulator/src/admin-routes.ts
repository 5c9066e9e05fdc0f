import { isJsonObject } from '@bimmer/core/internal';
import type { ActiveFault } from './faults';
import { parseJsonBody, sendApiError, sendEmpty, sendJson } from './http';
import type { RemoteEvent, RemoteServiceBehaviour } from './remote-events';
import type { LoggedRequest } from './request-log';
import type { RouteRequest, Router } from './router';
import type { VehicleStateChange } from './state-change';

/** What the admin endpoints under `/_simulator/` can do to a running simulator. */
export interface AdminActions {
  info(): Record<string, unknown>;
  requests(): LoggedRequest[];
  clearRequests(): void;
  reset(): Promise<void> | void;
  addFault(spec: string): ActiveFault;
  faults(): ActiveFault[];
  clearFaults(): void;
  state(vin: string): unknown;
  changeState(vin: string, change: VehicleStateChange): unknown;
  chargingSettings(vin: string): unknown;
  sentPois(vin?: string): unknown[];
  events(): RemoteEvent[];
  now(): number;
  advanceClock(ms: number): void;
  setClock(at: number): void;
  setRemoteServices(behaviour: RemoteServiceBehaviour): RemoteServiceBehaviour;
}

/** The fault specs of a `POST /_simulator/faults` body: text lines, a JSON string, array, `{spec}` or `{specs}`. */
export function faultSpecsOf(body: Buffer): string[] {
  const json = parseJsonBody(body);
  if (typeof json === 'string') return [json];
  if (Array.isArray(json)) return json.filter((item): item is string => typeof item === 'string');
  if (isJsonObject(json)) {
    if (typeof json.spec === 'string') return [json.spec];
    if (Array.isArray(json.specs))
      return json.specs.filter((item): item is string => typeof item === 'string');
    return [];
  }
  return body
    .toString('utf8')
    .split(/[\r\n,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function addFaults(actions: AdminActions, route: RouteRequest): void {
  const specs = faultSpecsOf(route.body);
  if (specs.length === 0) {
    sendApiError(route.response, 400, 'Send one or more fault specs, e.g. ["429@/eadrax-vcs*2"].');
    return;
  }
  try {
    sendJson(
      route.response,
      201,
      specs.map((spec) => actions.addFault(spec)),
    );
  } catch (error) {
    sendApiError(route.response, 400, error instanceof Error ? error.message : String(error));
  }
}

function clock(actions: AdminActions, route: RouteRequest): void {
  const body = parseJsonBody(route.body);
  if (isJsonObject(body)) {
    if (typeof body.advanceMs === 'number') actions.advanceClock(body.advanceMs);
    if (typeof body.advanceSeconds === 'number') actions.advanceClock(body.advanceSeconds * 1000);
    if (typeof body.now === 'string' || typeof body.now === 'number') {
      const at = new Date(body.now).getTime();
      if (Number.isNaN(at)) {
        sendApiError(route.response, 400, 'now must be an ISO-8601 time or epoch milliseconds.');
        return;
      }
      actions.setClock(at);
    }
  }
  sendJson(route.response, 200, { now: new Date(actions.now()).toISOString() });
}

function changeState(actions: AdminActions, route: RouteRequest): void {
  const body = parseJsonBody(route.body);
  if (!isJsonObject(body)) {
    sendApiError(
      route.response,
      400,
      'Send a JSON object like {"patch":{"state":{}},"at":"2026-12-01T08:00:00Z"}.',
    );
    return;
  }
  try {
    const at = body.at;
    const changed = actions.changeState(route.params.vin ?? '', {
      patch: body.patch,
      at: typeof at === 'string' || typeof at === 'number' ? at : at === undefined ? undefined : Number.NaN,
    });
    byVin(route, changed, 'state');
  } catch (error) {
    sendApiError(route.response, 400, error instanceof Error ? error.message : String(error));
  }
}

function byVin(route: RouteRequest, value: unknown, what: string): void {
  if (value === undefined) sendApiError(route.response, 404, `No ${what} for ${route.params.vin ?? ''}.`);
  else sendJson(route.response, 200, value);
}

/** Adds the admin endpoints under `/_simulator/` (not logged, never faulted). */
export function addAdminRoutes(router: Router, actions: AdminActions): void {
  router
    .add('GET', '/_simulator/info', (route) => sendJson(route.response, 200, actions.info()))
    .add('GET', '/_simulator/requests', (route) => sendJson(route.response, 200, actions.requests()))
    .add('DELETE', '/_simulator/requests', (route) => {
      actions.clearRequests();
      sendEmpty(route.response, 204);
    })
    .add('POST', '/_simulator/reset', async (route) => {
      await actions.reset();
      sendEmpty(route.response, 204);
    })
    .add('GET', '/_simulator/faults', (route) => sendJson(route.response, 200, actions.faults()))
    .add('POST', '/_simulator/faults', (route) => addFaults(actions, route))
    .add('DELETE', '/_simulator/faults', (route) => {
      actions.clearFaults();
      sendEmpty(route.response, 204);
    })
    .add('GET', '/_simulator/state/:vin', (route) =>
      byVin(route, actions.state(route.params.vin ?? ''), 'state'),
    )
    .add('POST', '/_simulator/state/:vin', (route) => changeState(actions, route))
    .add('GET', '/_simulator/charging-settings/:vin', (route) =>
      byVin(route, actions.chargingSettings(route.params.vin ?? ''), 'charging settings'),
    )
    .add('GET', '/_simulator/pois', (route) =>
      sendJson(route.response, 200, actions.sentPois(route.url.searchParams.get('vin') ?? undefined)),
    )
    .add('GET', '/_simulator/events', (route) => sendJson(route.response, 200, actions.events()))
    .add('GET', '/_simulator/clock', (route) =>
      sendJson(route.response, 200, { now: new Date(actions.now()).toISOString() }),
    )
    .add('POST', '/_simulator/clock', (route) => clock(actions, route))
    .add('POST', '/_simulator/remote-services', (route) => {
      const body = parseJsonBody(route.body);
      if (!isJsonObject(body)) {
        sendApiError(route.response, 400, 'Send a JSON object like {"outcome":"ERROR","stepsPerStatus":1}.');
        return;
      }
      try {
        sendJson(route.response, 200, actions.setRemoteServices(body as RemoteServiceBehaviour));
      } catch (error) {
        sendApiError(route.response, 400, error instanceof Error ? error.message : String(error));
      }
    });
}
