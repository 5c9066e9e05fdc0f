import {
  applyRemoteServicePosition,
  type BimmerError,
  type CarBrand,
  parseMyBMWVehicle,
  type RemoteServicePosition,
  type VehicleJSON,
  type VehicleSnapshot,
  VehicleViewDirection,
  vehicleToJSON,
} from '@bimmer/core';
import { isJsonObject, type JsonObject } from '@bimmer/core/internal';
import type { VehicleAccount } from './vehicle-account';
import { VehicleAttributes } from './vehicle-attributes';
import { chargingDetailsRequest, imageRequest, stateRequest } from './vehicle-requests';
import { VehicleStateData } from './vehicle-state-data';

/**
 * The raw responses of a vehicle combined, as bimmer_connected's `vehicle.data` (camelCase keys):
 * `attributes` (the profile without its VIN), `capabilities`, `state`, `chargingSettings`, `vin`, `fetchedAt`.
 */
export interface VehicleData {
  /** The profile response without its `vin`. */
  readonly attributes: JsonObject;
  /** `capabilities` of the last state response (empty before the first). */
  readonly capabilities: JsonObject;
  /** `state` of the last state response (empty before the first). */
  readonly state: JsonObject;
  /** The charging details, or null when unsupported or not fetched yet. */
  readonly chargingSettings: JsonObject | null;
  /** The VIN. */
  readonly vin: string;
  /** When the last state was requested, or undefined before the first. */
  readonly fetchedAt: Date | undefined;
}

/**
 * One vehicle of a MyBMW account: its profile, its last state as a parsed `snapshot` (the
 * @bimmer/core model) with bimmer_connected's properties in camelCase on top (`fuelAndBattery`,
 * `isRemoteLockEnabled`, `availableAttributes`, …, see {@link VehicleAttributes}), the raw responses,
 * and the requests that refresh them. Remote services live in @bimmer/remote (`remoteServices(vehicle)`).
 */
export class MyBMWVehicle extends VehicleAttributes {
  /** The account this vehicle belongs to. */
  readonly account: VehicleAccount;
  /** The vehicle identification number, as the API lists it. */
  readonly vin: string;
  #listedBrand: CarBrand;
  /** The profile response as received, its `vin` included. */
  #profile: JsonObject;
  #stateData: VehicleStateData | undefined;
  #snapshot: VehicleSnapshot;
  #lastError: BimmerError | undefined;
  #remotePosition: RemoteServicePosition | undefined;

  /**
   * Builds a vehicle from its profile response as received (`getVehicleState()` fills in the state).
   * `brand` is the brand whose vehicle list named it.
   */
  constructor(account: VehicleAccount, init: { vin: string; brand: CarBrand; profile: JsonObject }) {
    super();
    this.account = account;
    this.vin = init.vin;
    this.#listedBrand = init.brand;
    this.#profile = init.profile;
    this.#snapshot = this.#parse();
  }

  /** Everything known about the vehicle, parsed (fuel and battery, location, doors, climate, …). */
  get snapshot(): VehicleSnapshot {
    return this.#snapshot;
  }

  /** The profile response (static attributes) without its `vin`, as bimmer_connected shows it. */
  get profile(): JsonObject {
    const { vin: _vin, ...attributes } = this.#profile;
    return attributes;
  }

  /** Every raw response combined, as bimmer_connected's `vehicle.data`. */
  get data(): VehicleData {
    return {
      attributes: this.profile,
      capabilities: this.capabilities,
      state: this.state,
      chargingSettings: this.chargingSettings,
      vin: this.vin,
      fetchedAt: this.fetchedAt,
    };
  }

  /** The raw state response, or undefined before the first successful `getVehicleState()`. */
  get stateData(): VehicleStateData | undefined {
    return this.#stateData;
  }

  /** The raw `capabilities` of the last state response (empty before the first). */
  get capabilities(): JsonObject {
    return this.#stateData?.capabilities ?? {};
  }

  /** The raw `state` of the last state response (empty before the first). */
  get state(): JsonObject {
    return this.#stateData?.state ?? {};
  }

  /** The raw charging details, or null when unsupported or not fetched yet. */
  get chargingSettings(): JsonObject | null {
    return this.#stateData?.chargingSettings ?? null;
  }

  /** When the last state was requested. */
  get fetchedAt(): Date | undefined {
    return this.#stateData?.fetchedAt;
  }

  /** The error of the last failed refresh of this vehicle, cleared by the next successful one. */
  get lastError(): BimmerError | undefined {
    return this.#lastError;
  }

  /**
   * Fetches this vehicle's state, then its charging details when the (fresh) capabilities say it has
   * any: one or two requests. The vehicle is updated only when both succeed.
   */
  async getVehicleState(): Promise<this> {
    const { client } = this.account;
    const fetchedAt = new Date(Math.floor(this.account.now().getTime() / 1000) * 1000);
    try {
      const response = await client.json(stateRequest(this.brand, this.vin, fetchedAt));
      const capabilities =
        isJsonObject(response) && isJsonObject(response.capabilities) ? response.capabilities : {};
      let chargingSettings: JsonObject | null = null;
      const planSupported = capabilities.isChargingPlanSupported === true;
      const settingsSupported = capabilities.isChargingSettingsEnabled === true;
      if (planSupported || settingsSupported) {
        const details = await client.json(
          chargingDetailsRequest(this.brand, this.vin, fetchedAt, settingsSupported),
        );
        chargingSettings = isJsonObject(details) ? details : {};
      }
      this.#stateData = new VehicleStateData({ response, chargingSettings, fetchedAt });
      this.#snapshot = this.#parse();
      this.#lastError = undefined;
      return this;
    } catch (error) {
      this.#lastError = error as BimmerError;
      throw error;
    }
  }

  /**
   * Replaces parts of the raw state without a request (bimmer_connected's `update_state`): each key
   * given replaces the whole previous value (a new `state` replaces the old one, no deep merge), the
   * others stay; then the snapshot is parsed again. Useful to replay recorded responses.
   */
  updateState(
    data: { capabilities?: JsonObject; state?: JsonObject; chargingSettings?: JsonObject | null },
    fetchedAt: Date = this.account.now(),
  ): this {
    const previous = this.#stateData?.response;
    const response: JsonObject = {
      ...(isJsonObject(previous) ? previous : {}),
      ...(data.capabilities === undefined ? {} : { capabilities: data.capabilities }),
      ...(data.state === undefined ? {} : { state: data.state }),
    };
    this.#stateData = new VehicleStateData({
      response,
      chargingSettings: data.chargingSettings === undefined ? this.chargingSettings : data.chargingSettings,
      fetchedAt: new Date(Math.floor(fetchedAt.getTime() / 1000) * 1000),
    });
    this.#snapshot = this.#parse();
    return this;
  }

  /** The PNG render of this vehicle from `view` (default: front view), as bytes. */
  async getVehicleImage(view: VehicleViewDirection = VehicleViewDirection.FRONT): Promise<Uint8Array> {
    const response = await this.account.client.send(imageRequest(this.brand, this.vin, view));
    return response.bytes;
  }

  /**
   * Records a vehicle-finder position (used by @bimmer/remote). It replaces the snapshot's location
   * while it is newer than the vehicle's own timestamp, also across later state refreshes.
   */
  setRemotePosition(position: RemoteServicePosition): void {
    this.#remotePosition = position;
    this.#snapshot = applyRemoteServicePosition(this.#snapshot, position);
  }

  /** Replaces the profile with a new response as received (a forced re-init). */
  updateProfile(brand: CarBrand, profile: JsonObject): void {
    this.#listedBrand = brand;
    this.#profile = profile;
    this.#snapshot = this.#parse();
  }

  /** The documented JSON form of the snapshot (see @bimmer/core `vehicleToJSON`). */
  toJSON(): VehicleJSON {
    return vehicleToJSON(this.#snapshot);
  }

  #parse(): VehicleSnapshot {
    const data = this.#stateData;
    const snapshot = parseMyBMWVehicle({
      profile: this.#profile,
      state: data?.response,
      chargingSettings: data?.chargingSettings ?? null,
      fetchedAt: data?.fetchedAt ?? this.account.now(),
      region: this.account.region,
      brand: this.#listedBrand,
      timeZone: this.account.timeZone,
    });
    return this.#remotePosition === undefined
      ? snapshot
      : applyRemoteServicePosition(snapshot, this.#remotePosition);
  }
}
