import { EventEmitter } from 'node:events';
import { isBimmerError } from '@bimmer/core';
import { ContainerManager } from '../containers/container-manager';
import { DEFAULT_CONTAINER_DESCRIPTORS } from '../descriptors';
import type { CarDataVehicleSnapshot } from '../model/to-snapshot';
import { QuotaLedger, type QuotaUsage } from '../quota/quota-ledger';
import type { QuotaWindowKind } from '../quota/quota-window';
import type { VehicleBasicDataDto, VehicleMappingDto } from '../rest/dtos';
import { CarDataRestClient } from '../rest/rest-client';
import type { CarDataTokenSource } from '../rest/token-source';
import { carDataAccountKey } from '../store/account-key';
import { accountState, type CarDataStateStore } from '../store/state-store';
import type { CarDataStreamOptions, StreamStateChange } from '../stream/stream-connection';
import { acquireCarDataStream, type StreamLease } from '../stream/stream-registry';
import { type CachedMappings, cachedMappingsOf, unreadableReason } from './cached-mappings';
import { CarDataVehicle } from './cardata-vehicle';
import { type CarDataLoadReport, type CarDataMissingData, missingWarning } from './load-report';

/** Options of a {@link CarDataAccount}; only `tokens` and `stateStore` are required. */
export interface CarDataAccountOptions {
  /** The tokens (a `CarDataSession` from @bimmer/auth). */
  readonly tokens: CarDataTokenSource;
  /** The quota ledger and REST caches, beside the tokens; share it between processes. */
  readonly stateStore: CarDataStateStore;
  /**
   * REST host; default `https://api-cardata.bmwgroup.com`. The ledger and the caches are kept per
   * host, so calls spent on the simulator are not counted against BMW's budget.
   */
  readonly apiBaseUrl?: string | undefined;
  /** Stream broker; default `mqtts://customer.streaming-cardata.bmwgroup.com:9000`. */
  readonly streamUrl?: string | undefined;
  /** REST calls per window; default 50. */
  readonly quotaLimit?: number | undefined;
  /** `rolling` 24 h (default) or `utc-midnight`. */
  readonly quotaWindow?: QuotaWindowKind | undefined;
  /** The name of our container; default `bimmer`. */
  readonly containerName?: string | undefined;
  /** The descriptors our container reads; default every descriptor bimmer maps. */
  readonly descriptors?: readonly string[] | undefined;
  /**
   * Reuse the cached mappings this long; default 7 days. An empty list is never reused: a new user
   * logs in before BMW maps the car, and the car must show up as soon as it is mapped.
   */
  readonly mappingsMaxAgeMs?: number | undefined;
  /** Reuse cached basic data this long; default 30 days. */
  readonly basicDataMaxAgeMs?: number | undefined;
  /** Stream tuning (backoff, reconnect margin, token rotation). */
  readonly stream?: Omit<CarDataStreamOptions, 'tokens' | 'url'> | undefined;
  /** The fetch to use (tests inject one); default the global fetch. */
  readonly fetch?: typeof fetch | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Observes every REST call sent (method and path). */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
}

/** Options of {@link CarDataAccount.getVehicles} and {@link CarDataAccount.loadVehicles}. */
export interface CarDataGetVehiclesOptions {
  /** Fetch each vehicle's telematic data (one call per vehicle). Default true. */
  readonly fetchState?: boolean | undefined;
  /** Reload mappings and basic data now instead of using the cache. */
  readonly refreshCache?: boolean | undefined;
}

/** A change of one vehicle's data, from REST or the stream. */
export interface CarDataChangeEvent {
  vin: string;
  /** The descriptors whose value changed. */
  descriptors: string[];
  /** The vehicle's snapshot after the change. */
  snapshot: CarDataVehicleSnapshot;
}

/** Events of a {@link CarDataAccount}. */
export interface CarDataAccountEvents {
  change: [event: CarDataChangeEvent];
  connection: [change: StreamStateChange];
  warning: [text: string];
}

/** A running stream of an account. */
export interface CarDataStreamHandle {
  /** Resolves when the stream is connected. */
  connected(timeoutMs?: number): Promise<void>;
  /** Stops receiving (the shared connection closes when no one else uses it). */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * A BMW CarData account with the same shape as `MyBMWAccount` (`getVehicles()`, `vehicles`,
 * `getVehicle(vin)`) plus `stream()` and change events. Mappings, basic data and the container id
 * are cached beside the tokens, so a status of N vehicles costs N REST calls.
 */
export class CarDataAccount extends EventEmitter<CarDataAccountEvents> {
  /** The account ID. */
  readonly gcid: string;
  /** The REST client, for the endpoints the vehicles do not wrap. */
  readonly rest: CarDataRestClient;
  /** The persisted call budget. */
  readonly ledger: QuotaLedger;
  readonly #options: CarDataAccountOptions;
  /** This account's entry in the state (gcid at the REST base URL). */
  readonly #key: string;
  readonly #containers: ContainerManager;
  readonly #now: () => number;
  readonly #vehicles = new Map<string, CarDataVehicle>();
  #unreadable: VehicleMappingDto[] = [];

  private constructor(options: CarDataAccountOptions, gcid: string) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.gcid = gcid;
    this.#key = carDataAccountKey(gcid, options.apiBaseUrl);
    this.ledger = new QuotaLedger({
      store: options.stateStore,
      gcid,
      baseUrl: options.apiBaseUrl,
      now: this.#now,
      limit: options.quotaLimit,
      window: options.quotaWindow,
    });
    this.rest = new CarDataRestClient({
      tokens: options.tokens,
      ledger: this.ledger,
      baseUrl: options.apiBaseUrl,
      fetch: options.fetch,
      onRequest: options.onRequest,
    });
    this.#containers = new ContainerManager({
      rest: this.rest,
      store: options.stateStore,
      accountKey: this.#key,
      spec: {
        name: options.containerName ?? 'bimmer',
        descriptors: options.descriptors ?? DEFAULT_CONTAINER_DESCRIPTORS,
      },
    });
  }

  /** Opens the account of the stored login (reads the gcid from the tokens; no REST call). */
  static async create(options: CarDataAccountOptions): Promise<CarDataAccount> {
    const { gcid } = await options.tokens.tokens();
    return new CarDataAccount(options, gcid);
  }

  /** The PRIMARY vehicles loaded so far. */
  get vehicles(): readonly CarDataVehicle[] {
    return [...this.#vehicles.values()];
  }

  /** Vehicles mapped as SECONDARY: BMW serves CarData only to the PRIMARY user. */
  get unreadableVehicles(): readonly VehicleMappingDto[] {
    return this.#unreadable;
  }

  /**
   * The vehicle mappings cached beside the tokens (PRIMARY and the others, each with whether CarData
   * serves it and why not), as the last `getVehicles()` read them; costs no REST call. Undefined
   * before the first `getVehicles()`.
   */
  async cachedMappings(): Promise<CachedMappings | undefined> {
    return cachedMappingsOf((await this.#options.stateStore.read()).accounts[this.#key]);
  }

  /** A loaded vehicle by VIN. */
  getVehicle(vin: string): CarDataVehicle | undefined {
    return this.#vehicles.get(vin);
  }

  /** The REST budget as it stands. */
  quota(): Promise<QuotaUsage> {
    return this.ledger.usage();
  }

  /**
   * Loads the vehicles: mappings and basic data from the cache when fresh (else one call each), then
   * each vehicle's telematic data (one call each, unless `fetchState` is false). With fewer calls
   * left than needed it loads what the budget pays for and reports the rest in `missing`, per
   * vehicle and part, with the typed error (a quota error carries `retryAt`); each missing part is
   * also told as a `warning`. It throws only when nothing can be loaded: no login (code `auth`), or
   * no vehicle list at all.
   */
  async loadVehicles(options: CarDataGetVehiclesOptions = {}): Promise<CarDataLoadReport> {
    const refresh = options.refreshCache === true;
    const missing: CarDataMissingData[] = [];
    const miss = (vin: string, part: CarDataMissingData['part'], error: unknown) => {
      if (!isBimmerError(error) || error.code === 'auth') throw error;
      const entry: CarDataMissingData = { vin, part, reason: error.message, error };
      missing.push(entry);
      this.emit('warning', missingWarning(entry));
    };
    const mappings = await this.#mappings(refresh);
    this.#unreadable = mappings.filter((mapping) => mapping.mappingType !== 'PRIMARY');
    for (const mapping of this.#unreadable) {
      const reason = unreadableReason(mapping.mappingType) ?? 'it is not PRIMARY';
      this.emit('warning', `Vehicle ${mapping.vin} is skipped: ${reason}.`);
    }
    const primary = mappings.filter((mapping) => mapping.mappingType === 'PRIMARY');
    for (const mapping of primary) {
      let basicData: VehicleBasicDataDto | undefined;
      try {
        basicData = await this.#basicData(mapping.vin, refresh);
      } catch (error) {
        miss(mapping.vin, 'basicData', error);
      }
      const known = this.#vehicles.get(mapping.vin);
      if (known === undefined)
        this.#vehicles.set(mapping.vin, this.#newVehicle(mapping.vin, basicData, mapping));
      else known.update(basicData, mapping);
    }
    for (const vin of [...this.#vehicles.keys()]) {
      if (!primary.some((mapping) => mapping.vin === vin)) this.#vehicles.delete(vin);
    }
    if (options.fetchState !== false && this.#vehicles.size > 0) {
      let containerError: unknown;
      try {
        // One container serves every vehicle: when it cannot be had, no vehicle state can.
        await this.#containers.containerId();
      } catch (error) {
        containerError = error;
      }
      for (const vehicle of this.#vehicles.values()) {
        try {
          if (containerError !== undefined) throw containerError;
          await vehicle.getVehicleState();
        } catch (error) {
          miss(vehicle.vin, 'telematicData', error);
        }
      }
    }
    return { vehicles: this.vehicles, missing };
  }

  /**
   * The vehicles of {@link loadVehicles}, for code that needs only the list (the shape of
   * `MyBMWAccount.getVehicles()`). Parts that could not be fetched are told as warnings; use
   * `loadVehicles()` to learn exactly what is missing.
   */
  async getVehicles(options: CarDataGetVehiclesOptions = {}): Promise<readonly CarDataVehicle[]> {
    return (await this.loadVehicles(options)).vehicles;
  }

  /**
   * Starts (or joins) the process-wide stream of this account and merges every message into the
   * vehicles; `change` events follow. Needs no REST call: unknown VINs get a vehicle without basic data.
   */
  async stream(): Promise<CarDataStreamHandle> {
    const lease: StreamLease = await acquireCarDataStream(this.#options.tokens, {
      ...this.#options.stream,
      url: this.#options.streamUrl,
    });
    const connection = lease.connection;
    const onMessage = (message: {
      vin: string;
      data: Parameters<CarDataVehicle['telemetry']['mergeStream']>[0];
    }) => {
      let vehicle = this.#vehicles.get(message.vin);
      if (vehicle === undefined) {
        vehicle = this.#newVehicle(message.vin, undefined, undefined);
        this.#vehicles.set(message.vin, vehicle);
      }
      this.#changed(vehicle, vehicle.telemetry.mergeStream(message.data));
    };
    const onState = (change: StreamStateChange) => this.emit('connection', change);
    const onWarning = (text: string) => this.emit('warning', text);
    connection.on('message', onMessage);
    connection.on('state', onState);
    connection.on('warning', onWarning);
    return {
      connected: (timeoutMs) => connection.waitUntilConnected(timeoutMs),
      stop: async () => {
        connection.off('message', onMessage);
        connection.off('state', onState);
        connection.off('warning', onWarning);
        await lease.release();
      },
    };
  }

  #newVehicle(
    vin: string,
    basicData: VehicleBasicDataDto | undefined,
    mapping: VehicleMappingDto | undefined,
  ) {
    return new CarDataVehicle(
      vin,
      {
        rest: this.rest,
        containers: this.#containers,
        now: this.#now,
        changed: (vehicle, descriptors) => this.#changed(vehicle, descriptors),
      },
      basicData,
      mapping,
    );
  }

  #changed(vehicle: CarDataVehicle, descriptors: string[]): void {
    if (descriptors.length === 0) return;
    this.emit('change', { vin: vehicle.vin, descriptors, snapshot: vehicle.snapshot });
  }

  async #mappings(refresh: boolean): Promise<VehicleMappingDto[]> {
    const maxAge = this.#options.mappingsMaxAgeMs ?? 7 * DAY_MS;
    const cached = (await this.#options.stateStore.read()).accounts[this.#key]?.mappings;
    const cachedList =
      cached !== undefined && Array.isArray(cached.value) && cached.value.length > 0
        ? (cached.value as VehicleMappingDto[])
        : undefined;
    if (
      !refresh &&
      cached !== undefined &&
      cachedList !== undefined &&
      this.#now() - cached.fetchedAt < maxAge
    ) {
      return cachedList;
    }
    let mappings: VehicleMappingDto[];
    try {
      mappings = await this.rest.getMappings();
    } catch (error) {
      // Without a call left, an older list is better than none; the vehicles' state says how old it is.
      if (cachedList === undefined || !isBimmerError(error, 'quota')) throw error;
      this.emit(
        'warning',
        `Using the vehicle list cached at ${new Date(cached?.fetchedAt ?? 0).toISOString()}: ${error.message}`,
      );
      return cachedList;
    }
    await this.#options.stateStore.update((state) => {
      accountState(state, this.#key).mappings = { value: mappings, fetchedAt: this.#now() };
    });
    return mappings;
  }

  async #basicData(vin: string, refresh: boolean): Promise<VehicleBasicDataDto> {
    const maxAge = this.#options.basicDataMaxAgeMs ?? 30 * DAY_MS;
    const cached = (await this.#options.stateStore.read()).accounts[this.#key]?.basicData?.[vin];
    if (!refresh && cached !== undefined && this.#now() - cached.fetchedAt < maxAge) {
      return cached.value as VehicleBasicDataDto;
    }
    let basicData: VehicleBasicDataDto;
    try {
      basicData = await this.rest.getBasicData(vin);
    } catch (error) {
      // Brand and model hardly change: an older copy beats none when the budget refuses the call.
      if (cached === undefined || !isBimmerError(error, 'quota')) throw error;
      return cached.value as VehicleBasicDataDto;
    }
    await this.#options.stateStore.update((state) => {
      const account = accountState(state, this.#key);
      account.basicData ??= {};
      account.basicData[vin] = { value: basicData, fetchedAt: this.#now() };
    });
    return basicData;
  }
}
