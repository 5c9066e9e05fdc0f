import type { MyBMWLiveAccount, MyBMWVehicle } from '@bimmer/mybmw';
import { type RemoteServiceResult, remoteServices } from '@bimmer/remote';
import type { CommandProgress, VehicleCommands } from './vehicle-commands';

/** Remote-service timing (tests make it quick; Homebridge uses @bimmer/remote's defaults). */
export interface MyBMWCommandTiming {
  /** Wait between the command's status polls, ms. */
  readonly pollIntervalMs?: number | undefined;
}

/**
 * Lock and climate over MyBMW: @bimmer/remote's services, run through the live account's
 * `runRemoteService`, so the vehicle is read again after each command and the change reaches the
 * tiles (as a `change` of the account) before the command counts as done. A command's own refresh
 * that fails is no failure of the command (the live account reads the car again itself and warns
 * when it cannot): the car did what it was told.
 */
export class MyBMWVehicleCommands implements VehicleCommands {
  readonly canLock = true;
  readonly canClimate = true;
  readonly #account: MyBMWLiveAccount;
  readonly #timing: MyBMWCommandTiming;

  constructor(account: MyBMWLiveAccount, timing: MyBMWCommandTiming = {}) {
    this.#account = account;
    this.#timing = timing;
  }

  async setLocked(
    vin: string,
    locked: boolean,
    onProgress: (progress: CommandProgress) => void,
  ): Promise<void> {
    await this.#run(vin, onProgress, (services) =>
      locked ? services.triggerRemoteDoorLock() : services.triggerRemoteDoorUnlock(),
    );
  }

  async setClimate(vin: string, on: boolean, onProgress: (progress: CommandProgress) => void): Promise<void> {
    await this.#run(vin, onProgress, (services) =>
      on ? services.triggerRemoteAirConditioning() : services.triggerRemoteAirConditioningStop(),
    );
  }

  #run(
    vin: string,
    onProgress: (progress: CommandProgress) => void,
    command: (services: ReturnType<typeof remoteServices>) => Promise<RemoteServiceResult>,
  ): Promise<RemoteServiceResult> {
    const interval = this.#timing.pollIntervalMs;
    return this.#account.runRemoteService(vin, (vehicle: MyBMWVehicle) =>
      command(
        remoteServices(vehicle, {
          onProgress: (transition) =>
            onProgress({ state: transition.state, elapsedMs: transition.elapsedMs }),
          ...(interval === undefined ? {} : { pollIntervalMs: interval, refreshDelayMs: interval }),
        }),
      ),
    );
  }
}
