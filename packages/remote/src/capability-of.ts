import { RemoteServiceName } from '@bimmer/core';
import { RemoteService } from './services';

/** The @bimmer/core capability name that decides whether `service` (with `action`) may run. */
export function capabilityOf(service: RemoteService, action?: 'START' | 'STOP'): RemoteServiceName {
  switch (service) {
    case RemoteService.LIGHT_FLASH:
      return RemoteServiceName.LIGHT_FLASH;
    case RemoteService.HORN:
      return RemoteServiceName.HORN;
    case RemoteService.DOOR_LOCK:
      return RemoteServiceName.DOOR_LOCK;
    case RemoteService.DOOR_UNLOCK:
      return RemoteServiceName.DOOR_UNLOCK;
    case RemoteService.AIR_CONDITIONING:
      return action === 'STOP' ? RemoteServiceName.CLIMATE_STOP : RemoteServiceName.CLIMATE_START;
    case RemoteService.CHARGE_START:
      return RemoteServiceName.CHARGE_START;
    case RemoteService.CHARGE_STOP:
      return RemoteServiceName.CHARGE_STOP;
    case RemoteService.CHARGING_SETTINGS:
      return RemoteServiceName.CHARGING_SETTINGS;
    case RemoteService.CHARGING_PROFILE:
      return RemoteServiceName.CHARGING_PROFILE;
    case RemoteService.SEND_POI:
      return RemoteServiceName.SEND_POI;
    case RemoteService.VEHICLE_FINDER:
      return RemoteServiceName.VEHICLE_FINDER;
  }
}
