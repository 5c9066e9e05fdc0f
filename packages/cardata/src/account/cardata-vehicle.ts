import type { CarBrand } from '@bimmer/core';
import type { ContainerManager } from '../containers/container-manager';
import type { CarDataApiError } from '../errors/cardata-errors';
import { brandOf } from '../model/map-identity';
import { type CarDataVehicleSnapshot, toVehicleSnapshot } from '../model/to-snapshot';
import type { CarDataRestClient } from '../rest/rest-client';
import type {
  ChargingSessionDto,
  LocationBasedChargingSettingDto,
  TyreDiagnosisDto,
  VehicleBasicDataDto,
  VehicleMappingDto,
} from '../rest/schemas';
import { VehicleTelemetry } from '../state/vehicle-telemetry';
import { type CarDataRemoteServices, readOnlyRemoteServices } from './read-only-remote-services';

/** What a vehicle needs from its account. */
export interface CarDataVehicleContext {
  rest: CarDataRestClient;
  containers: ContainerManager;
  now: () => number;
  /** Tells the account the vehicle's data changed. */
  changed: (vehicle: CarDataVehicle, descriptors: string[]) => void;
}

/**
 * One vehicle read over CarData: its basic data, the merged telemetry of REST and stream, and the
 * core snapshot built from both. Remote services throw: CarData is read-only.
 */
export class CarDataVehicle {
  readonly vin: string;
  /** Values with their time and channel, merged from REST and the stream. */
  readonly telemetry: VehicleTelemetry;
  /** Every remote service, each refusing with a `BimmerUnsupportedError`. */
  readonly remoteServices: CarDataRemoteServices = readOnlyRemoteServices();
  readonly #context: CarDataVehicleContext;
  #basicData: VehicleBasicDataDto | undefined;
  #mapping: VehicleMappingDto | undefined;
  #fetchedAt: Date | undefined;

  constructor(
    vin: string,
    context: CarDataVehicleContext,
    basicData?: VehicleBasicDataDto,
    mapping?: VehicleMappingDto,
  ) {
    this.vin = vin;
    this.telemetry = new VehicleTelemetry(vin);
    this.#context = context;
    this.#basicData = basicData;
    this.#mapping = mapping;
  }

  /** Brand, model and drive train from `basicData` (cached beside the tokens). */
  get basicData(): VehicleBasicDataDto | undefined {
    return this.#basicData;
  }

  /** The account's mapping of this vehicle. */
  get mapping(): VehicleMappingDto | undefined {
    return this.#mapping;
  }

  /** Model name, e.g. `X1 sDrive18i`; the VIN when unknown. */
  get name(): string {
    return this.#basicData?.modelName ?? this.vin;
  }

  /** The brand. */
  get brand(): CarBrand {
    return brandOf(this.#basicData);
  }

  /** When the REST data was last fetched. */
  get fetchedAt(): Date | undefined {
    return this.#fetchedAt;
  }

  /** The core snapshot of everything known now. */
  get snapshot(): CarDataVehicleSnapshot {
    return toVehicleSnapshot({
      vin: this.vin,
      basicData: this.#basicData,
      telemetry: this.telemetry,
      fetchedAt: this.#fetchedAt ?? new Date(this.#context.now()),
    });
  }

  /** @internal Updates basic data and mapping after the account reloaded them. */
  update(basicData: VehicleBasicDataDto | undefined, mapping: VehicleMappingDto | undefined): void {
    if (basicData !== undefined) this.#basicData = basicData;
    if (mapping !== undefined) this.#mapping = mapping;
  }

  /**
   * Fetches the container's telematic data: one REST call (plus one list/create the very first time,
   * and once more when BMW no longer knows the cached container).
   */
  async getVehicleState(): Promise<this> {
    const { rest, containers } = this.#context;
    let id = await containers.containerId();
    let response: Awaited<ReturnType<CarDataRestClient['getTelematicData']>>;
    try {
      response = await rest.getTelematicData(this.vin, id);
    } catch (error) {
      const cuCode = (error as Partial<CarDataApiError>).cuCode;
      if (cuCode !== 'CU-105' && cuCode !== 'CU-121') throw error;
      await containers.forget();
      id = await containers.containerId();
      response = await rest.getTelematicData(this.vin, id);
    }
    this.#fetchedAt = new Date(this.#context.now());
    const changed = this.telemetry.mergeRest(response?.telematicData ?? {});
    this.#context.changed(this, changed);
    return this;
  }

  /** Charging sessions between `from` and `to` (one call per page, at most `maxPages`). */
  getChargingHistory(from: Date, to: Date, maxPages?: number): Promise<ChargingSessionDto[]> {
    return this.#context.rest.getChargingHistory(this.vin, from, to, maxPages);
  }

  /** The vehicle's picture (PNG), one call. */
  getVehicleImage(): Promise<Uint8Array> {
    return this.#context.rest.getImage(this.vin);
  }

  /** Tyre diagnosis, one call. */
  getTyreDiagnosis(): Promise<TyreDiagnosisDto> {
    return this.#context.rest.getTyreDiagnosis(this.vin);
  }

  /** Location-based charging settings (one call per page). */
  getLocationBasedChargingSettings(): Promise<LocationBasedChargingSettingDto[]> {
    return this.#context.rest.getLocationBasedChargingSettings(this.vin);
  }
}
