import { sleep as abortableSleep } from '@bimmer/auth/internal';
import {
  assertRemoteServiceSupported,
  BimmerApiError,
  type BimmerError,
  BimmerRemoteServiceError,
  BimmerUnsupportedError,
  BimmerValidationError,
  buildChargingProfilePayload,
  buildChargingSettingsPayload,
  type CarBrand,
  type ChargingProfileChanges,
  type ChargingSettingsChanges,
  ChargingState,
  isBimmerError,
  type RemoteServicePosition,
  type VehicleSnapshot,
} from '@bimmer/core';
import { isJsonObject, type JsonObject } from '@bimmer/core/internal';
import type { VehicleAccount, VehicleStateData } from '@bimmer/mybmw';
import { isUnknownOutcome } from '@bimmer/mybmw/internal';
import { capabilityOf } from './capability-of';
import { eventPositionPath, serviceEndpoint } from './endpoints';
import { ExecutionState } from './execution-state';
import type { RemoteServiceOptions } from './options';
import { type PointOfInterest, poiPayload } from './poi';
import { pollEventStatus } from './poll-event-status';
import type { RemoteServiceTransition } from './progress';
import type { RemoteServiceResult } from './result';
import { RemoteService } from './services';

/** What remote services need from a vehicle; `MyBMWVehicle` from @bimmer/mybmw fits. */
export interface RemoteVehicle {
  /** The VIN (in the path or the `bmw-vin` header of every command). */
  readonly vin: string;
  /** The brand, for the `x-user-agent` of the commands and polls. */
  readonly brand: CarBrand;
  /** The account: its client sends the commands; its gcid, observer position and clock are read. */
  readonly account: VehicleAccount;
  /** The parsed state the capability checks and payload builders read. */
  readonly snapshot: VehicleSnapshot;
  /** The raw state responses (returned as `vehicleState` after a refresh). */
  readonly stateData: VehicleStateData | undefined;
  /** Refreshes this vehicle's state (after state-changing services). */
  getVehicleState(): Promise<unknown>;
  /** Stores a vehicle-finder result on the vehicle. */
  setRemotePosition(position: RemoteServicePosition): void;
}

/** One command to run. */
interface Command {
  readonly service: RemoteService;
  readonly action?: 'START' | 'STOP';
  readonly body?: unknown;
  /** Whether the reference refreshes after this service (our default for `refresh`). */
  readonly changesState: boolean;
}

const DEFAULT_POLL_INTERVAL_MS = 3_500;
const DEFAULT_POLL_TIMEOUT_MS = 240_000;

/**
 * The remote services of one vehicle (bimmer_connected's `vehicle.remote_services`, camelCase). Every
 * method checks the vehicle's capabilities first and throws BimmerUnsupportedError before any request;
 * then it sends the command once (never resent on its own), polls its event status and resolves with
 * a {@link RemoteServiceResult}.
 */
export class RemoteServices {
  readonly #vehicle: RemoteVehicle;
  readonly #defaults: RemoteServiceOptions;

  /** Remote services for `vehicle`; `defaults` apply to every call (each call may override them). */
  constructor(vehicle: RemoteVehicle, defaults: RemoteServiceOptions = {}) {
    this.#vehicle = vehicle;
    this.#defaults = defaults;
  }

  /** Flashes the lights. */
  triggerRemoteLightFlash(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run({ service: RemoteService.LIGHT_FLASH, changesState: false }, options);
  }

  /** Blows the horn. */
  triggerRemoteHorn(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run({ service: RemoteService.HORN, changesState: false }, options);
  }

  /** Locks the doors. */
  triggerRemoteDoorLock(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run({ service: RemoteService.DOOR_LOCK, changesState: true }, options);
  }

  /** Unlocks the doors. */
  triggerRemoteDoorUnlock(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run({ service: RemoteService.DOOR_UNLOCK, changesState: true }, options);
  }

  /** Starts climatisation (ventilation, heating or cooling as the vehicle decides). */
  triggerRemoteAirConditioning(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run(
      { service: RemoteService.AIR_CONDITIONING, action: 'START', changesState: true },
      options,
    );
  }

  /** Stops climatisation. */
  triggerRemoteAirConditioningStop(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run(
      { service: RemoteService.AIR_CONDITIONING, action: 'STOP', changesState: true },
      options,
    );
  }

  /**
   * Locates the vehicle. With an observer position set on the account, the result carries the
   * vehicle's `position` (also stored on the vehicle); without one, the command runs but no position
   * can be fetched.
   */
  triggerRemoteVehicleFinder(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    return this.#run({ service: RemoteService.VEHICLE_FINDER, changesState: false }, options);
  }

  /** Starts charging; IGNORED without a request when no charger is connected. */
  async triggerChargeStart(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    this.#assertSupports(RemoteService.CHARGE_START);
    if (!this.#chargerConnected()) return this.#ignored(RemoteService.CHARGE_START, 'Charger not connected.');
    return this.#run({ service: RemoteService.CHARGE_START, changesState: true }, options);
  }

  /** Stops charging; IGNORED without a request when no charger is connected or it is not charging. */
  async triggerChargeStop(options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    this.#assertSupports(RemoteService.CHARGE_STOP);
    if (!this.#chargerConnected()) return this.#ignored(RemoteService.CHARGE_STOP, 'Charger not connected.');
    if (this.#vehicle.snapshot.fuelAndBattery?.chargingStatus !== ChargingState.CHARGING) {
      return this.#ignored(RemoteService.CHARGE_STOP, 'Vehicle not charging.');
    }
    return this.#run({ service: RemoteService.CHARGE_STOP, changesState: true }, options);
  }

  /**
   * Sets the target state of charge (20–100 in steps of 5) and/or the AC current limit (one of the
   * vehicle's `chargingProfile.acAvailableLimits`), validated before any request.
   */
  async triggerChargingSettingsUpdate(
    update: ChargingSettingsChanges,
    options?: RemoteServiceOptions,
  ): Promise<RemoteServiceResult> {
    this.#assertSupports(RemoteService.CHARGING_SETTINGS);
    if (update.targetSoc == null && update.acLimit == null) {
      throw new BimmerValidationError('Give a target SoC, an AC limit, or both.', {
        paths: ['targetSoc', 'acLimit'],
      });
    }
    const body = buildChargingSettingsPayload(this.#vehicle.snapshot, update);
    return this.#run({ service: RemoteService.CHARGING_SETTINGS, body, changesState: true }, options);
  }

  /** Sets the charging mode and/or departure preconditioning, keeping the rest of the profile. */
  async triggerChargingProfileUpdate(
    update: ChargingProfileChanges,
    options?: RemoteServiceOptions,
  ): Promise<RemoteServiceResult> {
    this.#assertSupports(RemoteService.CHARGING_PROFILE);
    if (update.chargingMode === undefined && update.preconditionClimate === undefined) {
      throw new BimmerValidationError('Give a charging mode, a precondition flag, or both.', {
        paths: ['chargingMode', 'preconditionClimate'],
      });
    }
    const profile = this.#vehicle.snapshot.chargingProfile;
    if (profile === undefined) throw new BimmerUnsupportedError('The vehicle reports no charging profile.');
    const body = buildChargingProfilePayload(profile, update);
    return this.#run({ service: RemoteService.CHARGING_PROFILE, body, changesState: true }, options);
  }

  /** Sends a point of interest to the vehicle's navigation. */
  async triggerSendPoi(poi: PointOfInterest, options?: RemoteServiceOptions): Promise<RemoteServiceResult> {
    this.#assertSupports(RemoteService.SEND_POI);
    const body = poiPayload(this.#vehicle.vin, poi);
    if (this.#vehicle.account.gcid === undefined) {
      throw new BimmerValidationError(
        'Sending a POI needs the account gcid: call account.getVehicles() first.',
        {
          paths: ['gcid'],
        },
      );
    }
    return this.#run({ service: RemoteService.SEND_POI, body, changesState: false }, options);
  }

  #chargerConnected(): boolean {
    return this.#vehicle.snapshot.fuelAndBattery?.isChargerConnected === true;
  }

  /** Throws BimmerUnsupportedError (before any request) unless the vehicle offers `service`. */
  #assertSupports(service: RemoteService, action?: 'START' | 'STOP'): void {
    assertRemoteServiceSupported(this.#vehicle.snapshot, capabilityOf(service, action));
  }

  #ignored(service: RemoteService, reason: string): RemoteServiceResult {
    const at = this.#vehicle.account.now();
    return {
      service,
      state: ExecutionState.IGNORED,
      eventId: undefined,
      details: { reason },
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
      transitions: [{ service, state: ExecutionState.IGNORED, eventId: undefined, at, elapsedMs: 0 }],
    };
  }

  async #run(command: Command, callOptions: RemoteServiceOptions = {}): Promise<RemoteServiceResult> {
    const vehicle = this.#vehicle;
    const options = { ...this.#defaults, ...callOptions };
    const { service } = command;
    this.#assertSupports(service, command.action);
    const { client } = vehicle.account;
    const now = () => vehicle.account.now();
    const sleep = options.sleep ?? abortableSleep;
    const intervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const startedAt = now();
    const transitions: RemoteServiceTransition[] = [];
    let eventId: string | undefined;
    const record = (state: ExecutionState) => {
      if (transitions.at(-1)?.state === state) return;
      const at = now();
      const transition = { service, state, eventId, at, elapsedMs: at.getTime() - startedAt.getTime() };
      transitions.push(transition);
      options.onProgress?.(transition);
    };

    const endpoint = serviceEndpoint(service, vehicle.vin, vehicle.account.gcid);
    let answer: unknown;
    try {
      // Sent once: the client never resends a command, and says when its outcome is unknown.
      answer = await client.json({
        method: 'POST',
        path: endpoint.path,
        brand: vehicle.brand,
        ...(endpoint.vinHeader ? { vin: vehicle.vin } : {}),
        ...(command.action === undefined ? {} : { query: { action: command.action } }),
        json: command.body ?? {},
        idempotent: false,
      });
    } catch (error) {
      if (!isUnknownOutcome(error)) throw error;
      throw new BimmerRemoteServiceError(
        `The ${service} command for ${vehicle.vin} may or may not have reached the vehicle: ${error.message}`,
        { state: ExecutionState.UNKNOWN, cause: error, hint: error.hint },
      );
    }
    const accepted = isJsonObject(answer) ? answer : {};
    eventId = typeof accepted.eventId === 'string' ? accepted.eventId : undefined;
    let state: ExecutionState = ExecutionState.EXECUTED;
    let details: JsonObject = accepted;
    if (eventId === undefined) {
      // send-to-car answers 201 without a body: there is no event to follow.
      record(ExecutionState.EXECUTED);
    } else {
      record(ExecutionState.INITIATED);
      const final = await pollEventStatus({
        client,
        brand: vehicle.brand,
        service,
        eventId,
        intervalMs,
        timeoutMs: options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
        sleep,
        now: () => now().getTime(),
        onStatus: (polled) => record(polled),
      });
      state = final.state;
      details = final.details;
    }
    const finishedAt = now();

    // The command is done: a failure of what follows is reported on the result, never thrown, so
    // nobody resends a command that has already run (e.g. an unlock) because a refresh failed.
    let position: RemoteServicePosition | undefined;
    let vehicleState: VehicleStateData | undefined;
    let followUpError: BimmerError | undefined;
    try {
      if (
        service === RemoteService.VEHICLE_FINDER &&
        eventId !== undefined &&
        state === ExecutionState.EXECUTED
      ) {
        position = await this.#fetchPosition(eventId);
      }
      if (options.refresh ?? command.changesState) {
        await sleep(options.refreshDelayMs ?? 2 * intervalMs);
        await vehicle.getVehicleState();
        vehicleState = vehicle.stateData;
      }
    } catch (error) {
      followUpError = asBimmerError(error);
    }
    return {
      service,
      state,
      eventId,
      details,
      startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      transitions,
      ...(vehicleState === undefined ? {} : { vehicleState }),
      ...(position === undefined ? {} : { position }),
      ...(followUpError === undefined ? {} : { followUpError }),
    };
  }

  /** The vehicle finder's result; needs the observer position (no request without one). */
  async #fetchPosition(eventId: string): Promise<RemoteServicePosition | undefined> {
    const { account } = this.#vehicle;
    const observer = account.observerPosition;
    if (observer === undefined) return undefined;
    const { path, query } = eventPositionPath(eventId);
    const response = await account.client.json({
      method: 'POST',
      path,
      query,
      brand: this.#vehicle.brand,
      headers: { latitude: String(observer.latitude), longitude: String(observer.longitude) },
      idempotent: true,
    });
    if (!isJsonObject(response) || response.errorDetails) return undefined;
    const found = isJsonObject(response.positionData) ? response.positionData.position : undefined;
    if (!isJsonObject(found) || typeof found.latitude !== 'number' || typeof found.longitude !== 'number') {
      return undefined;
    }
    const position: RemoteServicePosition = {
      latitude: found.latitude,
      longitude: found.longitude,
      heading: typeof found.heading === 'number' ? found.heading : undefined,
      timestamp: account.now(),
    };
    this.#vehicle.setRemotePosition(position);
    return position;
  }
}

/** `error` when it is a typed bimmer error, else an API error wrapping it. */
function asBimmerError(error: unknown): BimmerError {
  if (isBimmerError(error)) return error;
  return new BimmerApiError('The follow-up request after the remote service failed.', { cause: error });
}

/** Remote services for `vehicle` (the same as `new RemoteServices(vehicle, defaults)`). */
export function remoteServices(vehicle: RemoteVehicle, defaults?: RemoteServiceOptions): RemoteServices {
  return new RemoteServices(vehicle, defaults);
}
