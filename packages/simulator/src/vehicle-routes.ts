import { isJsonObject } from '@bimmer/core/internal';
import { ownsVehicle } from './accounts';
import { parseXUserAgent } from './constants';
import { requireSession, requireVehicle, type SimulatorContext } from './context';
import { documentBytes, type ServedDocument } from './fleet';
import { header, sendApiError, sendBytes, sendJson } from './http';
import type { RouteRequest, Router } from './router';
import { renderVehicleImage } from './vehicle-image';

/**
 * Answers with a recorded document: its exact bytes while unchanged. A recording that is not JSON
 * (bimmer_connected stores a failed response as `.txt`) is replayed as the 500 it was.
 */
function sendDocument(route: RouteRequest, document: ServedDocument): void {
  const failed = document.json === undefined && document.contentType.startsWith('text/');
  sendBytes(route.response, failed ? 500 : 200, document.contentType, documentBytes(document));
}

function requireUserAgent(route: RouteRequest) {
  const agent = parseXUserAgent(header(route.request, 'x-user-agent'));
  if (!agent) {
    sendApiError(
      route.response,
      400,
      'Invalid x-user-agent: expected android(<build>);<bmw|mini|toyota>;<app version>;<na|cn|row>.',
    );
  }
  return agent;
}

function vehicleList(context: SimulatorContext, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  const agent = requireUserAgent(route);
  if (!agent) return;
  const mappingInfos = context.fleet
    .list()
    .filter((vehicle) => vehicle.brand === agent.brand && ownsVehicle(session.account, vehicle.vin))
    .map((vehicle) => vehicle.mappingInfo);
  sendJson(route.response, 200, { gcid: session.account.gcid, mappingInfos });
}

function documentRoute(
  context: SimulatorContext,
  pick: 'profile' | 'state' | 'chargingSettings',
  check?: (route: RouteRequest) => boolean,
) {
  return (route: RouteRequest) => {
    const session = requireSession(context, route);
    if (!session) return;
    if (pick === 'profile' && !requireUserAgent(route)) return;
    if (check && !check(route)) return;
    const vehicle = requireVehicle(context, route, session, header(route.request, 'bmw-vin'));
    if (!vehicle) return;
    const document = vehicle[pick];
    if (!document) {
      sendApiError(
        route.response,
        404,
        `No ${pick === 'chargingSettings' ? 'charging settings' : pick} for ${vehicle.vin}.`,
      );
      return;
    }
    sendDocument(route, document);
  };
}

function chargingQuery(route: RouteRequest): boolean {
  const query = route.url.searchParams;
  if (query.has('fields') && query.has('has_charging_settings_capabilities')) return true;
  sendApiError(
    route.response,
    400,
    'Query parameters fields and has_charging_settings_capabilities are required.',
  );
  return false;
}

function vehicleImage(context: SimulatorContext, route: RouteRequest): void {
  const session = requireSession(context, route);
  if (!session) return;
  const vehicle = requireVehicle(context, route, session, header(route.request, 'bmw-vin'));
  if (!vehicle) return;
  if (vehicle.image) {
    sendDocument(route, vehicle.image);
    return;
  }
  const profile = vehicle.profile?.json;
  const color = isJsonObject(profile) && typeof profile.color === 'number' ? profile.color : 0xff1c69d4;
  const view = (route.url.searchParams.get('carView') ?? '').toUpperCase();
  const mirrored = view.includes('REAR') || view.includes('LEFT');
  sendBytes(route.response, 200, 'image/png', renderVehicleImage(color, mirrored));
}

/** Adds the vehicle routes: list per brand, profile, state, charging settings, image. */
export function addVehicleRoutes(router: Router, context: SimulatorContext): void {
  router
    .add('POST', '/eadrax-vcs/v5/vehicle-list', (route) => vehicleList(context, route))
    .add('GET', '/eadrax-vcs/v5/vehicle-data/profile', documentRoute(context, 'profile'))
    .add('GET', '/eadrax-vcs/v4/vehicles/state', documentRoute(context, 'state'))
    .add('GET', '/eadrax-crccs/v2/vehicles', documentRoute(context, 'chargingSettings', chargingQuery))
    .add('GET', '/eadrax-ics/v5/presentation/vehicles/images', (route) => vehicleImage(context, route));
}
