import { RemoteServiceName } from '@bimmer/core';
import { RemoteService } from './services';

/** The capability that decides each service; climate is special-cased by its action. */
const CAPABILITY_OF_SERVICE: Readonly<Record<RemoteService, RemoteServiceName>> = {
  [RemoteService.LIGHT_FLASH]: RemoteServiceName.LIGHT_FLASH,
  [RemoteService.HORN]: RemoteServiceName.HORN,
  [RemoteService.DOOR_LOCK]: RemoteServiceName.DOOR_LOCK,
  [RemoteService.DOOR_UNLOCK]: RemoteServiceName.DOOR_UNLOCK,
  [RemoteService.AIR_CONDITIONING]: RemoteServiceName.CLIMATE_START,
  [RemoteService.CHARGE_START]: RemoteServiceName.CHARGE_START,
  [RemoteService.CHARGE_STOP]: RemoteServiceName.CHARGE_STOP,
  [RemoteService.CHARGING_SETTINGS]: RemoteServiceName.CHARGING_SETTINGS,
  [RemoteService.CHARGING_PROFILE]: RemoteServiceName.CHARGING_PROFILE,
  [RemoteService.SEND_POI]: RemoteServiceName.SEND_POI,
  [RemoteService.VEHICLE_FINDER]: RemoteServiceName.VEHICLE_FINDER,
};

/** The @bimmer/core capability name that decides whether `service` (with `action`) may run. */
export function capabilityOf(service: RemoteService, action?: 'START' | 'STOP'): RemoteServiceName {
  if (service === RemoteService.AIR_CONDITIONING && action === 'STOP') return RemoteServiceName.CLIMATE_STOP;
  return CAPABILITY_OF_SERVICE[service];
}
