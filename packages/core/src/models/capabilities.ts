import { BimmerUnsupportedError } from '../errors/index';
import { unsupportedRemoteServiceMessage } from './remote-service-activity';
import type { CapabilityFlag, VehicleSnapshot } from './vehicle';

/** Every capability flag of a snapshot, alphabetically. */
export const CAPABILITY_FLAGS: readonly CapabilityFlag[] = [
  'isChargingPlanSupported',
  'isChargingSettingsSupported',
  'isLscEnabled',
  'isRemoteChargeStartEnabled',
  'isRemoteChargeStopEnabled',
  'isRemoteClimateStartEnabled',
  'isRemoteClimateStopEnabled',
  'isRemoteHornEnabled',
  'isRemoteLightsEnabled',
  'isRemoteLockEnabled',
  'isRemoteSendpoiEnabled',
  'isRemoteSetAcLimitEnabled',
  'isRemoteSetTargetSocEnabled',
  'isRemoteUnlockEnabled',
  'isVehicleActive',
  'isVehicleTrackingEnabled',
];

/** The remote services a vehicle may offer. */
export const RemoteServiceName = {
  LIGHT_FLASH: 'lightFlash',
  DOOR_LOCK: 'doorLock',
  DOOR_UNLOCK: 'doorUnlock',
  HORN: 'horn',
  CLIMATE_START: 'climateStart',
  CLIMATE_STOP: 'climateStop',
  CHARGE_START: 'chargeStart',
  CHARGE_STOP: 'chargeStop',
  CHARGING_SETTINGS: 'chargingSettings',
  CHARGING_PROFILE: 'chargingProfile',
  SEND_POI: 'sendPoi',
  VEHICLE_FINDER: 'vehicleFinder',
} as const;
/** @see RemoteServiceName */
export type RemoteServiceName = (typeof RemoteServiceName)[keyof typeof RemoteServiceName];

/**
 * Whether the vehicle offers a remote service, by bimmer_connected's rules: one flag per service;
 * charging settings need the target-SoC or the AC-limit flag; the charging profile needs the
 * charging-plan flag and a parsed profile; the vehicle finder is always allowed (bimmer_connected
 * does not check `isVehicleTrackingEnabled` for it either).
 */
export function isRemoteServiceSupported(snapshot: VehicleSnapshot, service: RemoteServiceName): boolean {
  switch (service) {
    case 'lightFlash':
      return snapshot.isRemoteLightsEnabled;
    case 'doorLock':
      return snapshot.isRemoteLockEnabled;
    case 'doorUnlock':
      return snapshot.isRemoteUnlockEnabled;
    case 'horn':
      return snapshot.isRemoteHornEnabled;
    case 'climateStart':
      return snapshot.isRemoteClimateStartEnabled;
    case 'climateStop':
      return snapshot.isRemoteClimateStopEnabled;
    case 'chargeStart':
      return snapshot.isRemoteChargeStartEnabled;
    case 'chargeStop':
      return snapshot.isRemoteChargeStopEnabled;
    case 'chargingSettings':
      return snapshot.isRemoteSetTargetSocEnabled || snapshot.isRemoteSetAcLimitEnabled;
    case 'chargingProfile':
      return snapshot.isChargingPlanSupported && snapshot.chargingProfile !== undefined;
    case 'sendPoi':
      return snapshot.isRemoteSendpoiEnabled;
    case 'vehicleFinder':
      return true;
    default:
      return false;
  }
}

/**
 * Throws `BimmerUnsupportedError` (code `unsupported`) unless the vehicle offers the service. The
 * message says it in words ("This vehicle does not support starting charging remotely."); `feature`
 * keeps the internal name (`chargeStart`) for programs.
 */
export function assertRemoteServiceSupported(snapshot: VehicleSnapshot, service: RemoteServiceName): void {
  if (!isRemoteServiceSupported(snapshot, service)) {
    throw new BimmerUnsupportedError(unsupportedRemoteServiceMessage(service), {
      feature: service,
      hint: "Check the vehicle's capability flags (isRemote…Enabled) before calling it.",
      action: 'check-vin',
    });
  }
}
