import { createHash } from 'node:crypto';
import { isJsonObject } from '@bimmer/core/internal';
import { nowIso, requireSession, requireVehicle, type SimulatorContext } from './context';
import { changeDocument, type SimulatedVehicle } from './fleet';
import { header, parseJsonBody, sendApiError, sendEmpty, sendJson } from './http';
import {
  applyCharging,
  applyChargingProfile,
  applyChargingSettings,
  applyClimate,
  applyDoorLock,
  applyVehicleFinder,
  type FinderPosition,
  parseChargingProfileBody,
  parseChargingSettingsBody,
  touchState,
} from './remote-effects';
import type { RouteRequest, Router } from './router';
import type { Session } from './tokens';

const V4 = '/eadrax-vrccs/v4/presentation/remote-commands';
const V3 = '/eadrax-vrccs/v3/presentation/remote-commands';
const CHARGING = '/eadrax-crccs/v1/vehicles/:vin';

/** The generic v4 commands MyBMW knows. */
export const V4_SERVICES = [
  'light-flash',
  'vehicle-finder',
  'door-lock',
  'door-unlock',
  'horn-blow',
  'climate-now',
];

/**
 * Where the vehicle finder finds a car: a configured position, else its recorded location, else a
 * stable spot in Munich derived from the VIN.
 */
export function finderPosition(
  vehicle: SimulatedVehicle,
  configured: Partial<FinderPosition> | undefined,
): FinderPosition {
  const state = vehicle.state?.json;
  const location = isJsonObject(state) && isJsonObject(state.state) ? state.state.location : undefined;
  const coordinates =
    isJsonObject(location) && isJsonObject(location.coordinates) ? location.coordinates : undefined;
  const digest = createHash('sha256').update(vehicle.vin).digest();
  const fallback: FinderPosition = {
    latitude: Number((48.1 + (digest.readUInt16BE(0) % 1000) / 10000).toFixed(6)),
    longitude: Number((11.5 + (digest.readUInt16BE(2) % 1000) / 10000).toFixed(6)),
    heading: digest.readUInt16BE(4) % 360,
    formattedAddress: 'Am Olympiapark 1, 80809 München',
  };
  const recorded: Partial<FinderPosition> =
    coordinates && typeof coordinates.latitude === 'number' && typeof coordinates.longitude === 'number'
      ? {
          latitude: coordinates.latitude,
          longitude: coordinates.longitude,
          ...(isJsonObject(location) && typeof location.heading === 'number'
            ? { heading: location.heading }
            : {}),
          ...(isJsonObject(location) &&
          isJsonObject(location.address) &&
          typeof location.address.formatted === 'string'
            ? { formattedAddress: location.address.formatted }
            : {}),
        }
      : {};
  return { ...fallback, ...recorded, ...configured };
}

/** Options of the remote routes. */
export interface RemoteRouteOptions {
  /** Where the vehicle finder finds each car, by VIN. */
  positions: Map<string, Partial<FinderPosition>>;
}

function trigger(
  context: SimulatorContext,
  route: RouteRequest,
  session: Session,
  vehicle: SimulatedVehicle,
  service: string,
  effect: (() => void) | undefined,
  position?: FinderPosition,
): void {
  const created = context.remote.create(vehicle.vin, service, session.account.gcid, nowIso(context));
  if (position) created.position = position;
  if (created.outcome === 'EXECUTED' && effect) effect();
  sendJson(route.response, 200, { creationTime: created.creationTime, eventId: created.eventId });
}

function changeState(
  context: SimulatorContext,
  vehicle: SimulatedVehicle,
  change: (state: Record<string, unknown>) => void,
) {
  return () => {
    changeDocument(vehicle.state, (state) => {
      change(state);
      touchState(state, nowIso(context));
    });
  };
}

function v4Command(context: SimulatorContext, options: RemoteRouteOptions, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  const service = route.params.service ?? '';
  if (!V4_SERVICES.includes(service)) {
    sendApiError(route.response, 404, `Unknown remote service ${service}.`);
    return;
  }
  const vehicle = requireVehicle(context, route, session, header(route.request, 'bmw-vin'));
  if (!vehicle) return;
  /** Triggers the command; on EXECUTED, `change` (if any) changes the served state. */
  const fire = (change?: (state: Record<string, unknown>) => void, position?: FinderPosition) =>
    trigger(
      context,
      route,
      session,
      vehicle,
      service,
      change && changeState(context, vehicle, change),
      position,
    );
  switch (service) {
    case 'door-lock':
    case 'door-unlock': {
      const locked = service === 'door-lock';
      fire((s) => applyDoorLock(s, locked));
      return;
    }
    case 'climate-now': {
      const action = route.url.searchParams.get('action');
      if (action !== 'START' && action !== 'STOP') {
        sendApiError(route.response, 400, 'climate-now needs the query action=START or action=STOP.');
        return;
      }
      const start = action === 'START';
      fire((s) => applyClimate(s, start));
      return;
    }
    case 'vehicle-finder': {
      const position = finderPosition(vehicle, options.positions.get(vehicle.vin.toUpperCase()));
      fire((s) => applyVehicleFinder(s, position), position);
      return;
    }
    default:
      fire();
  }
}

function eventFor(context: SimulatorContext, route: RouteRequest, session: Session) {
  const eventId = route.url.searchParams.get('eventId') ?? '';
  const event = context.remote.get(eventId);
  if (!event || event.gcid !== session.account.gcid) {
    sendApiError(route.response, 404, `Unknown eventId ${eventId}.`);
    return undefined;
  }
  return event;
}

function eventStatus(context: SimulatorContext, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  const event = eventFor(context, route, session);
  if (!event) return;
  sendJson(route.response, 200, context.remote.poll(event.eventId));
}

function eventPosition(context: SimulatorContext, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  const latitude = Number(header(route.request, 'latitude'));
  const longitude = Number(header(route.request, 'longitude'));
  if (
    !header(route.request, 'latitude') ||
    !header(route.request, 'longitude') ||
    !Number.isFinite(latitude + longitude)
  ) {
    sendApiError(route.response, 400, "Send the phone's position in the latitude and longitude headers.");
    return;
  }
  const event = eventFor(context, route, session);
  if (!event) return;
  if (!event.position || event.outcome !== 'EXECUTED') {
    sendJson(route.response, 200, {
      positionData: null,
      errorDetails: { title: 'Position unavailable', description: 'The vehicle did not report a position.' },
    });
    return;
  }
  const { latitude: lat, longitude: lon, formattedAddress, heading } = event.position;
  sendJson(route.response, 200, {
    positionData: { status: 'OK', position: { latitude: lat, longitude: lon, formattedAddress, heading } },
    errorDetails: null,
  });
}

function chargingVehicle(context: SimulatorContext, route: RouteRequest) {
  const session = requireSession(context, route);
  if (!session) return undefined;
  const vehicle = requireVehicle(context, route, session, route.params.vin);
  return vehicle ? { session, vehicle } : undefined;
}

function chargeStartStop(context: SimulatorContext, route: RouteRequest, start: boolean): void {
  const found = chargingVehicle(context, route);
  if (!found) return;
  const effect = changeState(context, found.vehicle, (s) => applyCharging(s, start));
  trigger(context, route, found.session, found.vehicle, start ? 'start-charging' : 'stop-charging', effect);
}

/**
 * A charging command with a validated JSON body (charging settings or profile): 400 with the
 * parser's message for a bad body; otherwise triggered, and on EXECUTED `apply` changes the vehicle
 * state and the charging-settings document.
 */
function chargingBodyCommand<Body>(
  context: SimulatorContext,
  route: RouteRequest,
  service: string,
  parse: (body: unknown) => Body | string,
  apply: (
    state: Record<string, unknown>,
    chargingSettings: Record<string, unknown> | undefined,
    body: Body,
  ) => void,
): void {
  const found = chargingVehicle(context, route);
  if (!found) return;
  const body = parse(parseJsonBody(route.body));
  if (typeof body === 'string') {
    sendApiError(route.response, 400, body);
    return;
  }
  const { vehicle } = found;
  const effect = () => {
    const crccs = isJsonObject(vehicle.chargingSettings?.json) ? vehicle.chargingSettings.json : undefined;
    changeState(context, vehicle, (s) => apply(s, crccs, body))();
    if (crccs && vehicle.chargingSettings) vehicle.chargingSettings.changed = true;
  };
  trigger(context, route, found.session, vehicle, service, effect);
}

/** Checks a send-to-car body like the reference mock; returns the error text, or the VIN and place. */
export function parsePoiBody(body: unknown): { vin: string; place: Record<string, unknown> } | string {
  if (!isJsonObject(body) || !Array.isArray(body.places) || !isJsonObject(body.vehicleInformation)) {
    return 'The body needs places and vehicleInformation.';
  }
  const vin = body.vehicleInformation.vin;
  if (typeof vin !== 'string' || vin.length !== 17)
    return 'vehicleInformation.vin must be a 17-character VIN.';
  const place = body.places[0];
  if (!isJsonObject(place) || !isJsonObject(place.position)) return 'places[0].position is required.';
  const { lat, lng } = place.position;
  if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return 'places[0].position needs numeric lat and lng.';
  }
  if (typeof place.title !== 'string' || place.title.trim() === '')
    return 'places[0].title must not be empty.';
  return { vin, place };
}

function sendPoi(context: SimulatorContext, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  if (route.params.gcid !== session.account.gcid) {
    sendApiError(route.response, 403, 'The gcid in the path is not the one of this access token.');
    return;
  }
  const parsed = parsePoiBody(parseJsonBody(route.body));
  if (typeof parsed === 'string') {
    sendApiError(route.response, 400, parsed);
    return;
  }
  const vehicle = requireVehicle(context, route, session, parsed.vin);
  if (!vehicle) return;
  vehicle.pois.push({ time: nowIso(context), vin: vehicle.vin, place: parsed.place });
  sendEmpty(route.response, 201);
}

/** Adds the remote-service routes: v4 commands, v3 event status, event position, charging, send-to-car. */
export function addRemoteRoutes(
  router: Router,
  context: SimulatorContext,
  options: RemoteRouteOptions,
): void {
  router
    .add('POST', `${V3}/eventStatus`, (route) => eventStatus(context, route))
    .add('POST', `${V4}/eventPosition`, (route) => eventPosition(context, route))
    .add('POST', `${V4}/:service`, (route) => v4Command(context, options, route))
    .add('POST', `${CHARGING}/start-charging`, (route) => chargeStartStop(context, route, true))
    .add('POST', `${CHARGING}/stop-charging`, (route) => chargeStartStop(context, route, false))
    .add('POST', `${CHARGING}/charging-settings`, (route) =>
      chargingBodyCommand(
        context,
        route,
        'charging-settings',
        parseChargingSettingsBody,
        applyChargingSettings,
      ),
    )
    .add('POST', `${CHARGING}/charging-profile`, (route) =>
      chargingBodyCommand(context, route, 'charging-profile', parseChargingProfileBody, applyChargingProfile),
    )
    .add('POST', '/eadrax-dcs/v2/user/:gcid/send-to-car', (route) => sendPoi(context, route));
}
