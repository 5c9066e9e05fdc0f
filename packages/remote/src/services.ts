/** The remote services, by the reference's names; the value is the API's service id. */
export const RemoteService = {
  LIGHT_FLASH: 'light-flash',
  VEHICLE_FINDER: 'vehicle-finder',
  DOOR_LOCK: 'door-lock',
  DOOR_UNLOCK: 'door-unlock',
  HORN: 'horn-blow',
  AIR_CONDITIONING: 'climate-now',
  CHARGE_START: 'start-charging',
  CHARGE_STOP: 'stop-charging',
  CHARGING_SETTINGS: 'CHARGING_SETTINGS',
  CHARGING_PROFILE: 'CHARGING_PROFILE',
  SEND_POI: 'SEND_POI',
} as const;

/** One remote service id. */
export type RemoteService = (typeof RemoteService)[keyof typeof RemoteService];
