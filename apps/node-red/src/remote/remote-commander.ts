import type { LiveAccount } from '@bimmer/core';
import type { MyBMWVehicle } from '@bimmer/mybmw';
import {
  type RemoteServiceOptions,
  type RemoteServiceResult,
  type RemoteServiceTransition,
  remoteServices,
} from '@bimmer/remote';
import type { RemoteCommand } from './remote-commands';

/** What a remote command ended with, in the plain form the node emits as `msg.payload`. */
export interface RemoteOutcome {
  readonly command: RemoteCommand['command'];
  readonly vin: string;
  /** EXECUTED or IGNORED (e.g. charging asked for without a charger). */
  readonly state: string;
  readonly eventId?: string | undefined;
  readonly durationMs: number;
  readonly position?: { latitude: number; longitude: number } | undefined;
  /** Why the follow-up (state refresh, position) failed: the command itself reached `state`. */
  readonly followUpError?: { code: string; message: string } | undefined;
}

/**
 * A live account that can run MyBMW remote services: `MyBMWLiveAccount` of `@bimmer/mybmw` (and the
 * demo's fleet, which holds one). The live-account contract is read-only, so the remote node looks
 * for this beside it; running a command through the live account (rather than a separate MyBMW
 * account) makes the account refresh the vehicle afterwards, so every node sees what the command did.
 */
export interface RemoteServiceAccount {
  runRemoteService<T>(vin: string, command: (vehicle: MyBMWVehicle) => Promise<T>): Promise<T>;
}

/** The account's remote services, when it has them (CarData and the hub have none: read-only). */
export function remoteServicesOf(account: LiveAccount): RemoteServiceAccount | undefined {
  const candidate = account as LiveAccount & Partial<RemoteServiceAccount>;
  return typeof candidate.runRemoteService === 'function' ? (candidate as RemoteServiceAccount) : undefined;
}

/** Options of {@link runRemoteCommand}. */
export interface RemoteCommandOptions {
  /** Told every state the command passes through (PENDING, DELIVERED, EXECUTED, ...). */
  readonly onProgress: (transition: RemoteServiceTransition) => void;
  /** Time between the polls of the command's progress; default @bimmer/remote's (BMW app's). */
  readonly pollIntervalMs?: number | undefined;
}

/**
 * Sends one remote command through the account's remote services. The POST goes out once (never
 * repeated, also not after a failure whose outcome is unknown); the account refreshes the vehicle
 * afterwards, before this resolves, so the change shows on every node of the account.
 */
export async function runRemoteCommand(
  account: RemoteServiceAccount,
  vin: string,
  command: RemoteCommand,
  options: RemoteCommandOptions,
): Promise<RemoteOutcome> {
  const callOptions: RemoteServiceOptions = {
    onProgress: options.onProgress,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  };
  const result = await account.runRemoteService(vin, (vehicle) =>
    dispatch(remoteServices(vehicle), command, callOptions),
  );
  return {
    command: command.command,
    vin,
    state: result.state,
    eventId: result.eventId,
    durationMs: result.durationMs,
    position:
      result.position === undefined
        ? undefined
        : { latitude: result.position.latitude, longitude: result.position.longitude },
    followUpError:
      result.followUpError === undefined
        ? undefined
        : { code: result.followUpError.code, message: result.followUpError.message },
  };
}

function dispatch(
  services: ReturnType<typeof remoteServices>,
  command: RemoteCommand,
  options: RemoteServiceOptions,
): Promise<RemoteServiceResult> {
  switch (command.command) {
    case 'lock':
      return services.triggerRemoteDoorLock(options);
    case 'unlock':
      return services.triggerRemoteDoorUnlock(options);
    case 'climate-start':
      return services.triggerRemoteAirConditioning(options);
    case 'climate-stop':
      return services.triggerRemoteAirConditioningStop(options);
    case 'charge-start':
      return services.triggerChargeStart(options);
    case 'charge-stop':
      return services.triggerChargeStop(options);
    case 'charging-settings':
      return services.triggerChargingSettingsUpdate(
        { targetSoc: command.targetSoc, acLimit: command.acLimit },
        options,
      );
    case 'send-poi':
      return services.triggerSendPoi({ lat: command.lat, lon: command.lon, name: command.name }, options);
    case 'horn':
      return services.triggerRemoteHorn(options);
    case 'lights':
      return services.triggerRemoteLightFlash(options);
    case 'vehicle-finder':
      return services.triggerRemoteVehicleFinder(options);
  }
}
