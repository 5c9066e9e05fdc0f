import {
  BimmerApiError,
  type BimmerError,
  BimmerNotFoundError,
  BimmerUnsupportedError,
  BimmerValidationError,
  type CapturedResponse,
  CarBrand,
  isBimmerError,
  type Region,
} from '@bimmer/core';
import { isJsonObject, isValidTimeZone, type JsonObject, systemTimeZone } from '@bimmer/core/internal';
import { MyBMWClient } from '../http/client';
import { createLimiter } from '../http/concurrency';
import type { Sleep } from '../http/retry-policy';
import type { MyBMWTokenSource } from '../http/token-source';
import { isAccountWideError } from './fatal-errors';
import { type GPSPosition, gpsPosition } from './gps-position';
import type { LoadFailure, LoadPart, LoadReport } from './load-report';
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
  readonly baseUrl?: string | undefined;
  /** How many vehicles are fetched at once. Default 4. */
  readonly concurrency?: number | undefined;
  /** A Fetch-compatible function. */
  readonly fetch?: typeof fetch | undefined;
  /** Per-attempt timeout, ms. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** Resends of an idempotent request after a 429. Default 3. */
  readonly maxRetries?: number | undefined;
  /** Longest accepted 429 wait, ms; a longer one fails at once. Default 30 000. */
  readonly maxRetryWaitMs?: number | undefined;
  /**
   * Tries of a read that meets transient faults (5xx, dropped connection, timeout, a body cut off or
   * not JSON), the first included. Default 3. Commands are never sent twice.
   */
  readonly maxAttempts?: number | undefined;
  /** Base of the jittered backoff between those tries, ms (about 1×, then 2× this). Default 500. */
  readonly retryDelayMs?: number | undefined;
  /** Injected sleep for 429 waits and backoff (tests). */
  readonly sleep?: Sleep | undefined;
  /** Injected clock (tests). */
  readonly now?: (() => Date) | undefined;
  /** Where the user is, for the vehicle finder. */
  readonly observerPosition?: GPSPosition | undefined;
  /**
   * The IANA time zone (e.g. `Europe/Berlin`) of the vehicles' naive local times: the charging window
   * the API sends without a zone, from which `fuelAndBattery.chargingStartTime` is computed. Default:
   * this machine's zone (as bimmer_connected, which uses local time).
   */
  readonly timeZone?: string | undefined;
  /** Keep every response in `account.responses` (for fingerprints). */
  readonly logResponses?: boolean | undefined;
  /** Called with every response the server sent. */
  readonly onResponse?: ((response: CapturedResponse) => void) | undefined;
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
 * bounded concurrency; later calls only refresh the states. Every read is retried on transient faults
 * first; what still fails is reported precisely in `lastLoad` (`complete: false`, `failures` naming the
 * list or the vehicle and the request) and on `vehicle.lastError`. The load throws only when nothing
 * could be loaded (every list, or every vehicle, failed), and at once on a quota, auth, captcha or
 * blocked error. `loadVehicle(vin)` loads one vehicle without depending on every list.
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
  /** Whether the last list load was whole: until it is, `getVehicles()` reloads the lists. */
  #listsComplete = false;
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
        action: 'check-input',
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
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      maxRetryWaitMs: options.maxRetryWaitMs,
      maxAttempts: options.maxAttempts,
      retryDelayMs: options.retryDelayMs,
      sleep: options.sleep,
      onResponse:
        onResponse === undefined && !logResponses
          ? undefined
          : (response: CapturedResponse) => {
              if (logResponses) this.responses.push(response);
              onResponse?.(response);
            },
    });
  }

  /** The vehicles loaded so far, in list order (bmw, mini, toyota; each as the API lists them). */
  get vehicles(): readonly MyBMWVehicle[] {
    return this.#vehicles;
  }

  /**
   * What the last `getVehicles()` did: kind, timings, requests, whether it was `complete`, and exactly
   * which lists and vehicles failed. Set before `getVehicles()` settles, also when it throws.
   */
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
   * Loads one vehicle by VIN and returns it, for callers that need that vehicle only (a remote
   * command): a known vehicle gets its state refreshed (1–2 requests); an unknown one is looked up in
   * the three brand lists, then its profile and state are loaded and it joins `vehicles`. A list that
   * fails is never taken to mean "not on this account": the profile is then asked for directly under
   * that list's brand.
   *
   * @throws BimmerNotFoundError only when the lists (or BMW's answer to the profile) prove that the
   *   vehicle is not on this account.
   * @throws the typed error of the list, profile or state request that failed after its retries.
   */
  async loadVehicle(vin: string): Promise<MyBMWVehicle> {
    const known = this.getVehicle(vin);
    if (known !== undefined) return known.getVehicleState();
    const lists = await this.#fetchLists();
    const wanted = vin.toUpperCase();
    const listed = lists.listed.find((entry) => entry.vin.toUpperCase() === wanted);
    let found: { vin: string; brand: CarBrand; profile?: JsonObject } | undefined = listed;
    for (const failure of found === undefined ? lists.failures : []) {
      try {
        const profile = await this.client.json(profileRequest(failure.brand, vin));
        if (isJsonObject(profile)) found = { vin, brand: failure.brand, profile };
        break;
      } catch (error) {
        if (isBimmerError(error, 'not-found')) continue;
        if (isAccountWideError(error)) throw error;
        throw new BimmerApiError(
          `Could not tell whether ${vin} is on this account: the ${failure.brand} vehicle list failed (${failure.error.message}), and so did its profile (${toBimmerError(error).message}).`,
          { cause: error, hint: 'Try again later.' },
        );
      }
    }
    if (found === undefined) {
      throw new BimmerNotFoundError(`The vehicle ${vin} is not on this MyBMW account.`, {
        hint: 'Check the VIN: it must be one of the account vehicles (the vehicle lists name them).',
        action: 'check-vin',
      });
    }
    const profile = found.profile ?? (await this.#fetchProfile(found.brand, found.vin));
    // Another call may have added it meanwhile.
    const vehicle =
      this.getVehicle(found.vin) ?? new MyBMWVehicle(this, { vin: found.vin, brand: found.brand, profile });
    if (!this.#vehicles.includes(vehicle)) this.#vehicles = [...this.#vehicles, vehicle];
    return vehicle.getVehicleState();
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
    const initial = forceInit || !this.#listsComplete;
    const failures: LoadFailure[] = [];
    const report = (): void => {
      this.#lastLoad = {
        kind: initial ? 'initial' : 'refresh',
        startedAt,
        finishedAt: this.#now(),
        requests: this.client.requestCount - requestsBefore,
        complete: failures.length === 0,
        failures: [...failures],
      };
    };
    try {
      if (initial) await this.#loadLists(failures);
      else await this.#refreshStates(this.#vehicles, failures);
    } finally {
      report();
    }
    return this.#vehicles;
  }

  /** The three brand lists at once: what they name, and which failed (account-wide errors throw). */
  async #fetchLists(): Promise<{
    listed: Array<{ vin: string; brand: CarBrand }>;
    failures: Array<{ brand: CarBrand; error: BimmerError }>;
  }> {
    const outcomes = await Promise.allSettled(
      LIST_BRANDS.map((brand) => this.client.json(vehicleListRequest(brand))),
    );
    const listed: Array<{ vin: string; brand: CarBrand }> = [];
    const failures: Array<{ brand: CarBrand; error: BimmerError }> = [];
    const seen = new Set<string>();
    for (const [index, outcome] of outcomes.entries()) {
      const brand = LIST_BRANDS[index] as CarBrand;
      if (outcome.status === 'rejected') {
        if (isAccountWideError(outcome.reason)) throw outcome.reason;
        failures.push({ brand, error: toBimmerError(outcome.reason) });
        continue;
      }
      const json = outcome.value;
      const mappings = isJsonObject(json) && Array.isArray(json.mappingInfos) ? json.mappingInfos : [];
      for (const mapping of mappings) {
        const vin = isJsonObject(mapping) ? mapping.vin : undefined;
        if (typeof vin !== 'string' || seen.has(vin.toUpperCase())) continue;
        seen.add(vin.toUpperCase());
        listed.push({ vin, brand });
      }
    }
    return { listed, failures };
  }

  async #fetchProfile(brand: CarBrand, vin: string): Promise<JsonObject> {
    const response = await this.client.json(profileRequest(brand, vin));
    return isJsonObject(response) ? response : {};
  }

  async #loadLists(failures: LoadFailure[]): Promise<void> {
    const lists = await this.#fetchLists();
    const listed: Array<{ vin: string; brand: CarBrand }> = [];
    const seen = new Set<string>();
    for (const brand of LIST_BRANDS) {
      const failure = lists.failures.find((candidate) => candidate.brand === brand);
      // A list that failed says nothing about its vehicles: keep the known ones (forced re-init).
      const entries =
        failure === undefined
          ? lists.listed.filter((entry) => entry.brand === brand)
          : this.#vehicles.filter((vehicle) => vehicle.brand === brand).map(({ vin }) => ({ vin, brand }));
      if (failure !== undefined) {
        failures.push({
          subject: `vehicle-list:${brand}`,
          part: 'vehicle-list',
          brand,
          vin: undefined,
          error: failure.error,
        });
      }
      for (const entry of entries) {
        if (seen.has(entry.vin.toUpperCase())) continue;
        seen.add(entry.vin.toUpperCase());
        listed.push(entry);
      }
    }
    const lastListError = lists.failures.at(-1)?.error;
    if (lastListError !== undefined && lists.failures.length === LIST_BRANDS.length) throw lastListError;

    this.#vehicles = await this.#forEachVehicle(listed, failures, async (entry, fail) => {
      let profile: JsonObject;
      try {
        profile = await this.#fetchProfile(entry.brand, entry.vin);
      } catch (error) {
        fail('profile', entry.brand, error);
        return this.getVehicle(entry.vin);
      }
      const existing = this.getVehicle(entry.vin);
      const vehicle = existing ?? new MyBMWVehicle(this, { vin: entry.vin, brand: entry.brand, profile });
      if (existing !== undefined) existing.updateProfile(entry.brand, profile);
      try {
        await vehicle.getVehicleState();
      } catch (error) {
        // The vehicle exists (its profile loaded) even when its state fails.
        fail('state', vehicle.brand, error);
      }
      return vehicle;
    });
    this.#listsComplete = !failures.some((failure) => failure.part !== 'state');
  }

  async #refreshStates(vehicles: readonly MyBMWVehicle[], failures: LoadFailure[]): Promise<void> {
    await this.#forEachVehicle(vehicles, failures, async (vehicle, fail) => {
      try {
        await vehicle.getVehicleState();
      } catch (error) {
        // The vehicle keeps its previous state, with `lastError` set.
        fail('state', vehicle.brand, error);
      }
      return vehicle;
    });
  }

  /**
   * Runs `load` for every item with bounded concurrency; `load` reports what failed through `fail`.
   * An account-wide error stops the queue and propagates; when every item failed, the last error
   * propagates (nothing was loaded). Returns the vehicles that exist afterwards, in input order.
   */
  async #forEachVehicle<T extends { readonly vin: string }>(
    items: readonly T[],
    failures: LoadFailure[],
    load: (
      item: T,
      fail: (part: LoadPart, brand: CarBrand, error: unknown) => void,
    ) => Promise<MyBMWVehicle | undefined>,
  ): Promise<MyBMWVehicle[]> {
    const limit = createLimiter(this.#concurrency);
    const byItem: Array<LoadFailure | undefined> = items.map(() => undefined);
    let fatal: unknown;
    const vehicles = await Promise.all(
      items.map((item, index) =>
        limit(async () => {
          if (fatal !== undefined) return undefined;
          return load(item, (part, brand, error) => {
            if (isAccountWideError(error)) fatal ??= error;
            byItem[index] = { subject: item.vin, part, brand, vin: item.vin, error: toBimmerError(error) };
          });
        }),
      ),
    );
    if (fatal !== undefined) throw fatal;
    for (const failure of byItem) if (failure !== undefined) failures.push(failure);
    const failed = byItem.filter((failure) => failure !== undefined);
    if (failed.length > 0 && failed.length === items.length) throw failed.at(-1)?.error;
    return vehicles.filter((vehicle) => vehicle !== undefined);
  }
}

function noop(): void {}

/** The brands whose vehicle lists make up an account, in the order bimmer_connected asks for them. */
const LIST_BRANDS: readonly CarBrand[] = [CarBrand.BMW, CarBrand.MINI, CarBrand.TOYOTA];

/** `error` when it is a typed bimmer error, else an API error wrapping it (never expected). */
function toBimmerError(error: unknown): BimmerError {
  if (isBimmerError(error)) return error;
  return new BimmerApiError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
