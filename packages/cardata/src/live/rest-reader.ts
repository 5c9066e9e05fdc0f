import { isBimmerError } from '@bimmer/core';
import { ContainerManager, descriptorSignature } from '../containers/container-manager';
import { DEFAULT_CONTAINER_DESCRIPTORS } from '../descriptors';
import type { CarDataRestClient } from '../rest/rest-client';
import type { VehicleTelemetry } from '../state/vehicle-telemetry';
import { accountState, type CarDataAccountState, type CarDataStateStore } from '../store/state-store';
import type { BasicData } from './tracked-vehicle';

type RestData = Parameters<VehicleTelemetry['mergeRest']>[0];

/** A vehicle of the account's mapping list. */
export interface MappedVehicle {
  readonly vin: string;
  readonly mappingType: string;
}

/** The container every bimmer program of the account shares (the CLI's `status` reads it too). */
const CONTAINER = { name: 'bimmer', descriptors: DEFAULT_CONTAINER_DESCRIPTORS };
const SIGNATURE = descriptorSignature(CONTAINER.descriptors);

/**
 * The REST calls of a live account, each spent through the quota ledger: the vehicle list and basic
 * data (cached beside the tokens, in the same entries `CarDataAccount` uses, so the CLI and the live
 * account share them) and a vehicle's telematic data from bimmer's container.
 */
export class RestReader {
  readonly #rest: CarDataRestClient;
  readonly #store: CarDataStateStore;
  readonly #key: string;
  readonly #now: () => number;
  readonly #containers: ContainerManager;

  constructor(options: {
    rest: CarDataRestClient;
    store: CarDataStateStore;
    accountKey: string;
    now: () => number;
  }) {
    this.#rest = options.rest;
    this.#store = options.store;
    this.#key = options.accountKey;
    this.#now = options.now;
    this.#containers = new ContainerManager({
      rest: options.rest,
      store: options.store,
      accountKey: options.accountKey,
      spec: CONTAINER,
    });
  }

  /** The calls a read of `vin` costs with the caches in `account`: 1, plus basic data and container when missing. */
  static readCost(account: CarDataAccountState | undefined, vin: string): number {
    const basicData = account?.basicData?.[vin] === undefined ? 1 : 0;
    const container = account?.container?.signature === SIGNATURE ? 0 : 2;
    return 1 + basicData + container;
  }

  /** The mapping list from BMW (one call), cached for the other programs of the account. */
  async mappings(): Promise<MappedVehicle[]> {
    const list = await this.#rest.getMappings();
    await this.#store.update((state) => {
      accountState(state, this.#key).mappings = { value: list, fetchedAt: this.#now() };
    });
    return list.map((mapping) => ({ vin: mapping.vin, mappingType: mapping.mappingType ?? 'UNKNOWN' }));
  }

  /** Basic data: cached (no call), else from BMW (one call) and cached. */
  async basicData(vin: string): Promise<BasicData> {
    const cached = (await this.#store.read()).accounts[this.#key]?.basicData?.[vin];
    if (cached !== undefined) return cached.value as BasicData;
    const basicData = (await this.#rest.getBasicData(vin)) as BasicData;
    await this.#store.update((state) => {
      const account = accountState(state, this.#key);
      account.basicData ??= {};
      account.basicData[vin] = { value: basicData, fetchedAt: this.#now() };
    });
    return basicData;
  }

  /**
   * The vehicle's telematic data from bimmer's container: one call (plus a list and a create when
   * the container is not cached, and once more when BMW no longer knows the cached one).
   */
  async telematicData(vin: string): Promise<RestData> {
    let id = await this.#containers.containerId();
    try {
      return (await this.#rest.getTelematicData(vin, id))?.telematicData ?? {};
    } catch (error) {
      const cuCode = (error as { cuCode?: unknown }).cuCode;
      if (!isBimmerError(error) || (cuCode !== 'CU-105' && cuCode !== 'CU-121')) throw error;
      await this.#containers.forget();
      id = await this.#containers.containerId();
      return (await this.#rest.getTelematicData(vin, id))?.telematicData ?? {};
    }
  }
}
