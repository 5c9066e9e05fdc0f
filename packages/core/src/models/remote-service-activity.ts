import type { RemoteServiceName } from './capabilities';

/**
 * What each remote service does, in the words people use (the gerund that completes "This vehicle
 * does not support … remotely."), for messages shown to users instead of the internal name.
 */
export const REMOTE_SERVICE_ACTIVITY: Readonly<Record<RemoteServiceName, string>> = {
  lightFlash: 'flashing the lights',
  doorLock: 'locking the doors',
  doorUnlock: 'unlocking the doors',
  horn: 'sounding the horn',
  climateStart: 'starting climate control',
  climateStop: 'stopping climate control',
  chargeStart: 'starting charging',
  chargeStop: 'stopping charging',
  chargingSettings: 'changing the charging settings',
  chargingProfile: 'changing the charging profile',
  sendPoi: 'sending destinations to the navigation',
  vehicleFinder: 'finding the vehicle',
};

/** "This vehicle does not support starting charging remotely." for `chargeStart`, and so on. */
export function unsupportedRemoteServiceMessage(service: RemoteServiceName): string {
  const activity = REMOTE_SERVICE_ACTIVITY[service] ?? `the remote service ${String(service)}`;
  return `This vehicle does not support ${activity} remotely.`;
}
