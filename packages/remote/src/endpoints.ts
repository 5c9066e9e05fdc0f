import { MyBMWEndpoints } from '@bimmer/mybmw/internal';
import { RemoteService } from './services';

/** Where a service is POSTed, and whether the VIN goes into the `bmw-vin` header (when not in the path). */
export function serviceEndpoint(
  service: RemoteService,
  vin: string,
  gcid: string | undefined,
): { path: string; vinHeader: boolean } {
  const vinPath = `${MyBMWEndpoints.chargingBase}/${encodeURIComponent(vin)}`;
  switch (service) {
    case RemoteService.CHARGING_SETTINGS:
      return { path: `${vinPath}/charging-settings`, vinHeader: false };
    case RemoteService.CHARGING_PROFILE:
      return { path: `${vinPath}/charging-profile`, vinHeader: false };
    case RemoteService.CHARGE_START:
    case RemoteService.CHARGE_STOP:
      return { path: `${vinPath}/${service}`, vinHeader: false };
    case RemoteService.SEND_POI:
      return {
        path: `${MyBMWEndpoints.sendToCar}/${encodeURIComponent(gcid ?? '')}/send-to-car`,
        vinHeader: true,
      };
    default:
      return { path: `${MyBMWEndpoints.remoteCommandV4}/${service}`, vinHeader: true };
  }
}

/** The event-status poll (note: v3, unlike the commands). */
export function eventStatusPath(eventId: string): { path: string; query: Record<string, string> } {
  return { path: `${MyBMWEndpoints.remoteCommandV3}/eventStatus`, query: { eventId } };
}

/** The vehicle finder's position of an event. */
export function eventPositionPath(eventId: string): { path: string; query: Record<string, string> } {
  return { path: `${MyBMWEndpoints.remoteCommandV4}/eventPosition`, query: { eventId } };
}
