import {
  BimmerApiError,
  type BimmerError,
  BimmerUnsupportedError,
  BimmerValidationError,
  type CapturedResponse,
  CarBrand,
  isBimmerError,
  isValidTimeZone,
  type Region,
  systemTimeZone,
} from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import { MyBMWClient, type Sleep } from '../http/client';
import { createLimiter } from '../http/concurrency';
import type { MyBMWTokenSource } from '../http/token-source';
import { isAccountWideError } from './fatal-errors';
import { type GPSPosition, gpsPosition } from './gps-position';
import type { LoadFailure, LoadReport } from './load-report';
import { MyBMWVehicle } from './vehicle';
import type { VehicleAccount } from './vehicle-account';
import { profileRequest, vehicleListRequest } from './vehicle-requests';

/** An authenticator the account can drive: tokens plus the refresh-token setters. */
export interface AccountAuthenticator extends MyBMWTokenSource {
  /** The current refresh token, if any. */
  readonly refreshToken?: string | undefined;
  /** Restores a session (all but the refresh token are optional). */
  setRefreshToken?(refreshToken: string | undefined, gcid?: string): void;
}

/** Transport options of an account (all optional). */
export interface AccountTransportOptions {
  /** The API host; point it at a simulator (`sim.url`) to send everything there. */
  readonly baseUrl?: string;
  /** How many vehicles are fetched at once. Default 4. */
  readonly concurrency?: number;
  /** A Fetch-compatible function. */
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout, ms. Default 30 000. */
  readonly timeoutMs?: number;
  /** Resends of an idempotent request after a 429. Default 3. */
  readonly maxRetries?: number;
  /** Longest accepted 429 wait, ms; a longer one fails at once. Default 30 000. */
  readonly maxRetryWaitMs?: number;
  /** Injected sleep for 429 waits (tests). */
  readonly sleep?: Sleep;
  /** Injected clock (tests). */
  readonly now?: () => Date;
  /** Where the user is, for the vehicle finder. */
  readonly observerPosition?: GPSPosition;
  /**
   * The IANA time zone (e.g. `Europe/Berlin`) of the vehicles' naive local times: the charging window
   * the API sends without a zone, from which `fuelAndBattery.chargingStartTime` is computed. Default:
   * this machine's zone (as bimmer_connected, which uses local time).
   */
  readonly timeZone?: string;
  /** Keep every response in `account.responses` (for fingerprints). */
  readonly logResponses?: boolean;
  /** Called with every response the server sent. */
  readonly onResponse?: (response: CapturedResponse) => void;
}

/** How an account is built from a ready authenticator (see `MyBMWAccount` for the usual way). */
export interface AccountCoreOptions extends AccountTransportOptions {
  /** The region, normalized (`rest_of_world`, `north_america`, `china`). */
  readonly region: Region;
  /** The region host used when no `baseUrl` is given. */
  readonly serverUrl: string;
  /** Tokens and 401 handling. */
  readonly authenticator: AccountAuthenticator;
  /** Default headers of a brand. */
  readonly defaultHeaders: (brand: CarBrand) => Record<string, string>;
}

/** Options of `getVehicles()`. */
export interface GetVehiclesOptions {
  /** Reload the vehicle lists and profiles even though vehicles are known. */
  readonly forceInit?: boolean;
}

/**
 * The vehicles of one MyBMW login and the requests that load them. `getVehicles()` loads the three
 * brand lists at once, then each vehicle's profile, state and (when supported) charging details with
 * bounded concurrency; later calls only refresh the states. A vehicle that fails is reported in
 * `lastLoad.failures` and on `vehicle.lastError`; the load fails only when every vehicle fails, or at
 * once on a quota, auth, captcha or blocked error.
 */
export class AccountCore implements VehicleAccount {
  /** The account's HTTP client (shared by @bimmer/remote). */
  readonly client: MyBMWClient;
  /** The region name. */
  readonly region: Region;
  /** Every response, when `logResponses` is on. */
  readonly responses: CapturedResponse[] = [];
  /** The IANA time zone of the vehicles' naive local times (the `timeZone` option, or this machine's). */
  readonly timeZone: string;
  readonly #authenticator: AccountAuthenticator;
  readonly #concurrency: number;
  readonly #now: () => Date;
  #vehicles: MyBMWVehicle[] = [];
  #observerPosition: GPSPosition | undefined;
  #lastLoad: LoadReport | undefined;
  /** The load in progress, shared by the calls made meanwhile. */
  #running: Promise<readonly MyBMWVehicle[]> | undefined;

  /** An account on a ready authenticator; nothing is sent until `getVehicles()`. */
  constructor(options: AccountCoreOptions) {
    this.region = options.region;
    this.#authenticator = options.authenticator;
    this.#concurrency = options.concurrency ?? 4;
    this.#now = options.now ?? (() => new Date());
    this.timeZone = options.timeZone ?? systemTimeZone();
    if (!isValidTimeZone(this.timeZone)) {
      throw new BimmerValidationError(`Unknown time zone '${this.timeZone}'.`, {
        paths: ['timeZone'],
        hint: "Give an IANA time zone name such as 'Europe/Berlin' or 'America/New_York'.",
      });
    }
    this.#observerPosition =
      options.observerPosition === undefined
        ? undefined
        : gpsPosition(options.observerPosition.latitude, options.observerPosition.longitude);
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1) {
      throw new BimmerValidationError(`'concurrency' must be a positive integer, got ${this.#concurrency}.`, {
        paths: ['concurrency'],
      });
    }
    const onResponse = options.onResponse;
    const logResponses = options.logResponses === true;
    this.client = new MyBMWClient({
      tokens: options.authenticator,
      baseUrl: options.baseUrl ?? options.serverUrl,
      defaultHeaders: options.defaultHeaders,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.maxRetryWaitMs === undefined ? {} : { maxRetryWaitMs: options.maxRetryWaitMs }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(onResponse === undefined && !logResponses
        ? {}
        : {
            onResponse: (response: CapturedResponse) => {
              if (logResponses) this.responses.push(response);
              onResponse?.(response);
            },
          }),
    });
  }

  /** The vehicles loaded so far, in list order (bmw, mini, toyota; each as the API lists them). */
  get vehicles(): readonly MyBMWVehicle[] {
    return this.#vehicles;
  }

  /** What the last `getVehicles()` did: kind, timings, requests and failures. */
  get lastLoad(): LoadReport | undefined {
    return this.#lastLoad;
  }

  /** The gcid from the last token response. */
  get gcid(): string | undefined {
    return this.#authenticator.gcid;
  }

  /** The current refresh token (persist it to skip the next captcha login). */
  get refreshToken(): string | undefined {
    return this.#authenticator.refreshToken;
  }

  /** Where the user is, for the vehicle finder. */
  get observerPosition(): GPSPosition | undefined {
    return this.#observerPosition;
  }

  /** The account's clock. */
  now(): Date {
    return this.#now();
  }

  /**
   * Sets where the user is (needed for the vehicle finder to return coordinates).
   *
   * @throws BimmerValidationError when a value is missing or out of range.
   */
  setObserverPosition(latitude: number, longitude: number): void {
    this.#observerPosition = gpsPosition(latitude, longitude);
  }

  /**
   * Restores a session from a stored refresh token (and the gcid, which the China refresh needs): the
   * next request refreshes with it instead of a full login, so no captcha token is needed. `undefined`
   * forgets the refresh token, so the next renewal is a full login (as `None` does in bimmer_connected).
   *
   * @throws BimmerUnsupportedError when the account was built on an authenticator without refresh tokens.
   */
  setRefreshToken(refreshToken: string | undefined, gcid?: string): void {
    if (this.#authenticator.setRefreshToken === undefined) {
      throw new BimmerUnsupportedError(
        'This account was built on an authenticator that takes no refresh token.',
        {
          feature: 'setRefreshToken',
        },
      );
    }
    this.#authenticator.setRefreshToken(refreshToken, gcid);
  }

  /** The vehicle with this VIN, compared case-insensitively, or undefined. */
  getVehicle(vin: string): MyBMWVehicle | undefined {
    const wanted = vin.toUpperCase();
    return this.#vehicles.find((vehicle) => vehicle.vin.toUpperCase() === wanted);
  }

  /**
   * Loads the vehicles (first call or `forceInit`) or refreshes their states (later calls) and returns
   * them. See the README for the request budget. A call made while a load is running shares that load
   * (no request is sent twice); with `forceInit` it waits for it and then reloads.
   */
  getVehicles(options: GetVehiclesOptions = {}): Promise<readonly MyBMWVehicle[]> {
    const running = this.#running;
    if (running !== undefined && options.forceInit !== true) return running;
    const load = (running === undefined ? Promise.resolve() : running.then(noop, noop)).then(() =>
      this.#load(options.forceInit === true),
    );
    const tracked = load.finally(() => {
      if (this.#running === tracked) this.#running = undefined;
    });
    this.#running = tracked;
    return tracked;
  }

  async #load(forceInit: boolean): Promise<readonly MyBMWVehicle[]> {
    const startedAt = this.#now();
    const requestsBefore = this.client.requestCount;
    const initial = this.#vehicles.length === 0 || forceInit;
    const failures: LoadFailure[] = [];
    if (initial) await this.#loadLists(failures);
    else await this.#refreshStates(this.#vehicles, failures);
    this.#lastLoad = {
      kind: initial ? 'initial' : 'refresh',
      startedAt,
      finishedAt: this.#now(),
      requests: this.client.requestCount - requestsBefore,
      failures,
    };
    return this.#vehicles;
  }

  async #loadLists(failures: LoadFailure[]): Promise<void> {
    const lists = await Promise.allSettled(
      LIST_BRANDS.map(async (brand) => ({
        brand,
        json: await this.client.json(vehicleListRequest(brand)),
      })),
    );
    const listed: Array<{ vin: string; brand: CarBrand }> = [];
    const seen = new Set<string>();
    let lastListError: BimmerError | undefined;
    for (const [index, outcome] of lists.entries()) {
      if (outcome.status === 'rejected') {
        if (isAccountWideError(outcome.reason)) throw outcome.reason;
        const brand = LIST_BRANDS[index] as CarBrand;
        lastListError = toBimmerError(outcome.reason);
        failures.push({ subject: `vehicle-list:${brand}`, error: lastListError });
        // A list that failed says nothing about its vehicles: keep the known ones (forced re-init).
        for (const vehicle of this.#vehicles) {
          if (vehicle.brand === brand && !seen.has(vehicle.vin.toUpperCase())) {
            seen.add(vehicle.vin.toUpperCase());
            listed.push({ vin: vehicle.vin, brand });
          }
        }
        continue;
      }
      const { json } = outcome.value;
      const mappings = isJsonObject(json) && Array.isArray(json.mappingInfos) ? json.mappingInfos : [];
      for (const mapping of mappings) {
        const vin = isJsonObject(mapping) ? mapping.vin : undefined;
        if (typeof vin !== 'string' || seen.has(vin.toUpperCase())) continue;
        seen.add(vin.toUpperCase());
        listed.push({ vin, brand: outcome.value.brand });
      }
    }
    if (lastListError !== undefined && lists.every((outcome) => outcome.status === 'rejected'))
      throw lastListError;

    const loaded = await this.#forEachVehicle(
      listed,
      failures,
      (entry) => entry.vin,
      async (entry) => {
        const response = await this.client.json(profileRequest(entry.brand, entry.vin));
        const profile = isJsonObject(response) ? response : {};
        const existing = this.getVehicle(entry.vin);
        const vehicle = existing ?? new MyBMWVehicle(this, { vin: entry.vin, brand: entry.brand, profile });
        if (existing !== undefined) existing.updateProfile(entry.brand, profile);
        await vehicle.getVehicleState().catch((error: unknown) => {
          // The vehicle exists (its profile loaded) even when its state fails.
          throw new VehicleLoadError(vehicle, error as BimmerError);
        });
        return vehicle;
      },
    );
    this.#vehicles = loaded;
  }

  async #refreshStates(vehicles: readonly MyBMWVehicle[], failures: LoadFailure[]): Promise<void> {
    await this.#forEachVehicle(
      vehicles,
      failures,
      (vehicle) => vehicle.vin,
      (vehicle) => vehicle.getVehicleState(),
    );
  }

  /**
   * Runs `load` for every item with bounded concurrency. Account-wide errors stop the queue and
   * propagate; other errors are recorded; if every item failed the last error propagates. Returns the
   * vehicles that exist afterwards, in input order.
   */
  async #forEachVehicle<T>(
    items: readonly T[],
    failures: LoadFailure[],
    subject: (item: T) => string,
    load: (item: T) => Promise<MyBMWVehicle>,
  ): Promise<MyBMWVehicle[]> {
    const limit = createLimiter(this.#concurrency);
    let fatal: unknown;
    const outcomes = await Promise.allSettled(
      items.map((item) =>
        limit(async () => {
          if (fatal !== undefined) throw fatal;
          try {
            return await load(item);
          } catch (error) {
            const cause = error instanceof VehicleLoadError ? error.error : error;
            if (isAccountWideError(cause) && fatal === undefined) fatal = cause;
            throw error;
          }
        }),
      ),
    );
    if (fatal !== undefined) throw fatal;
    const vehicles: MyBMWVehicle[] = [];
    let lastError: unknown;
    let failed = 0;
    for (const [index, outcome] of outcomes.entries()) {
      const item = items[index] as T;
      if (outcome.status === 'fulfilled') {
        vehicles.push(outcome.value);
        continue;
      }
      const reason: unknown = outcome.reason;
      const error = reason instanceof VehicleLoadError ? reason.error : reason;
      // A vehicle whose refresh failed stays, with its previous state and `lastError` set.
      const kept = reason instanceof VehicleLoadError ? reason.vehicle : this.getVehicle(subject(item));
      if (kept !== undefined) vehicles.push(kept);
      failed++;
      lastError = error;
      failures.push({ subject: subject(item), error: toBimmerError(error) });
    }
    if (failed > 0 && failed === items.length) throw lastError;
    return vehicles;
  }
}

/** A vehicle whose profile loaded but whose state did not. */
class VehicleLoadError extends Error {
  constructor(
    readonly vehicle: MyBMWVehicle,
    readonly error: BimmerError,
  ) {
    super(error.message);
  }
}

function noop(): void {}

/** The brands whose vehicle lists make up an account, in the order bimmer_connected asks for them. */
const LIST_BRANDS: readonly CarBrand[] = [CarBrand.BMW, CarBrand.MINI, CarBrand.TOYOTA];

function toBimmerError(error: unknown): BimmerError {
  if (isBimmerError(error)) return error;
  return new BimmerApiError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
