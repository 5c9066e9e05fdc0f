import { BimmerNotFoundError } from '@bimmer/core';
import type { MyBMWAccount } from '@bimmer/mybmw';
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
 * Sends remote commands. The live-account contract is read-only, so the account node keeps one of
 * these beside its live account when the transport can send commands (MyBMW, demo); CarData and the
 * hub have none.
 */
export interface RemoteCommander {
  run(
    vin: string,
    command: RemoteCommand,
    onProgress: (transition: RemoteServiceTransition) => void,
  ): Promise<RemoteOutcome>;
}

/** Options of {@link myBMWRemoteCommander}. */
export interface MyBMWRemoteCommanderOptions {
  /** Remote-service polling (the demo polls quickly). */
  readonly pollIntervalMs?: number | undefined;
  /** Called after a command that changed the vehicle's state, so the live account shows it. */
  readonly afterStateChange?: ((vin: string) => void) | undefined;
}

/** Remote commands over a MyBMW account's vehicles (`@bimmer/remote`). */
export function myBMWRemoteCommander(
  account: MyBMWAccount,
  options: MyBMWRemoteCommanderOptions = {},
): RemoteCommander {
  return {
    async run(vin, command, onProgress) {
      if (account.vehicles.length === 0) await account.getVehicles();
      const vehicle = account.getVehicle(vin);
      if (vehicle === undefined) {
        throw new BimmerNotFoundError(`Vehicle ${vin} is not on this MyBMW account.`, {
          action: 'check-vin',
        });
      }
      const callOptions: RemoteServiceOptions = {
        onProgress,
        ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      };
      const services = remoteServices(vehicle);
      const result = await dispatch(services, command, callOptions);
      if (result.vehicleState !== undefined) options.afterStateChange?.(vin);
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
    },
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
