import { retryAfterMs } from '@bimmer/auth/internal';
import { CarDataApiError, CarDataQuotaError, carDataErrorFromResponse } from '../errors/cardata-errors';
import type { QuotaLedger } from '../quota/quota-ledger';
import { CARDATA_API_BASE_URL, normalizeApiBaseUrl } from './api-base-url';
import type {
  ChargingHistoryPageDto,
  ChargingSessionDto,
  ContainerDetailsDto,
  ContainerDto,
  CreateContainerRequest,
  LocationBasedChargingSettingDto,
  LocationBasedChargingSettingsPageDto,
  TelematicDataResponseDto,
  TyreDiagnosisDto,
  VehicleBasicDataDto,
  VehicleMappingDto,
} from './dtos';
import type { CarDataTokenSource } from './token-source';

export { CARDATA_API_BASE_URL } from './api-base-url';

/** Options of the {@link CarDataRestClient}. */
export interface CarDataRestClientOptions {
  /** Supplies the Bearer token. */
  readonly tokens: CarDataTokenSource;
  /** Counts every call; a call over budget is refused before it is sent. */
  readonly ledger: QuotaLedger;
  /** Defaults to `https://api-cardata.bmwgroup.com`. */
  readonly baseUrl?: string | undefined;
  /** Per-request timeout; default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** The fetch to use (tests inject one); default the global fetch. */
  readonly fetch?: typeof fetch | undefined;
  /** Observes every call sent (method and path only, never a token). */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
}

interface RequestSpec {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Record<string, string | undefined>;
  body?: unknown;
  accept?: string;
}

/**
 * BMW CarData's REST API, one method per endpoint. Every call goes through the quota ledger first;
 * nothing is retried except once after an expired token (which costs one more call).
 */
export class CarDataRestClient {
  readonly #options: CarDataRestClientOptions;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;

  constructor(options: CarDataRestClientOptions) {
    this.#options = options;
    this.#baseUrl = normalizeApiBaseUrl(options.baseUrl ?? CARDATA_API_BASE_URL);
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** The vehicles mapped to the account. BMW's Swagger says one object; the live API sends an array. */
  async getMappings(): Promise<VehicleMappingDto[]> {
    const body = await this.#json<unknown>('/customers/vehicles/mappings');
    const list = Array.isArray(body) ? body : body === null || body === undefined ? [] : [body];
    return list.filter(
      (item): item is VehicleMappingDto =>
        typeof item === 'object' && item !== null && typeof (item as { vin?: unknown }).vin === 'string',
    );
  }

  /** Brand, model, drive train and equipment of a vehicle. */
  getBasicData(vin: string): Promise<VehicleBasicDataDto> {
    return this.#json(`/customers/vehicles/${encodeURIComponent(vin)}/basicData`);
  }

  /** Every container of the account, including other apps' and deleted ones. */
  async listContainers(): Promise<ContainerDto[]> {
    const body = await this.#json<{ containers?: ContainerDto[] }>('/customers/containers');
    return body.containers ?? [];
  }

  /** Creates a container of descriptors to read with {@link getTelematicData}. */
  createContainer(request: CreateContainerRequest): Promise<ContainerDetailsDto> {
    return this.#json('/customers/containers', { method: 'POST', body: request });
  }

  /** One container with its descriptors. */
  getContainer(containerId: string): Promise<ContainerDetailsDto> {
    return this.#json(`/customers/containers/${encodeURIComponent(containerId)}`);
  }

  /** Deletes (deactivates) a container. */
  async deleteContainer(containerId: string): Promise<void> {
    await this.#send(`/customers/containers/${encodeURIComponent(containerId)}`, { method: 'DELETE' });
  }

  /** The latest values of the container's descriptors, as BMW sends them (strings). */
  getTelematicData(vin: string, containerId: string): Promise<TelematicDataResponseDto> {
    return this.#json(`/customers/vehicles/${encodeURIComponent(vin)}/telematicData`, {
      query: { containerId },
    });
  }

  /** One page of charging sessions between `from` and `to`. */
  getChargingHistoryPage(
    vin: string,
    from: Date,
    to: Date,
    nextToken?: string,
  ): Promise<ChargingHistoryPageDto> {
    return this.#json(`/customers/vehicles/${encodeURIComponent(vin)}/chargingHistory`, {
      query: { from: from.toISOString(), to: to.toISOString(), nextToken },
    });
  }

  /**
   * Every charging session between `from` and `to`, following pagination; each page is one call.
   * `maxPages` bounds the spend (default 5).
   */
  async getChargingHistory(vin: string, from: Date, to: Date, maxPages = 5): Promise<ChargingSessionDto[]> {
    const sessions: ChargingSessionDto[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const body = await this.getChargingHistoryPage(vin, from, to, token);
      sessions.push(...(body.data ?? []));
      token = body.next_token ?? undefined;
      if (token === undefined || token === '') break;
    }
    return sessions;
  }

  /** The vehicle's picture (PNG bytes). */
  async getImage(vin: string): Promise<Uint8Array> {
    const response = await this.#send(`/customers/vehicles/${encodeURIComponent(vin)}/image`, {
      accept: 'image/png, image/*',
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Tyre dimensions, wear and defects per wheel. */
  getTyreDiagnosis(vin: string): Promise<TyreDiagnosisDto> {
    return this.#json(`/customers/vehicles/${encodeURIComponent(vin)}/smartMaintenanceTyreDiagnosis`);
  }

  /** Charging settings BMW learnt per location, following pagination (each page is one call). */
  async getLocationBasedChargingSettings(
    vin: string,
    maxPages = 5,
  ): Promise<LocationBasedChargingSettingDto[]> {
    const settings: LocationBasedChargingSettingDto[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const body: LocationBasedChargingSettingsPageDto = await this.#json(
        `/customers/vehicles/${encodeURIComponent(vin)}/locationBasedChargingSettings`,
        { query: { nextToken: token } },
      );
      settings.push(...(body.data ?? []));
      token = body.nextToken ?? undefined;
      if (token === undefined || token === '') break;
    }
    return settings;
  }

  async #json<T>(path: string, spec: RequestSpec = {}): Promise<T> {
    const response = await this.#send(path, spec);
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new CarDataApiError(`CarData sent a body that is not JSON (${path}).`, {
        cause,
        status: response.status,
        endpoint: path,
      });
    }
  }

  async #send(path: string, spec: RequestSpec, retried = false): Promise<Response> {
    const method = spec.method ?? 'GET';
    await this.#options.ledger.spend(`${method} ${path}`);
    const tokens = await this.#options.tokens.tokens();
    const url = new URL(this.#baseUrl + path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${tokens.accessToken}`,
      'x-version': 'v1',
      accept: spec.accept ?? 'application/json',
    };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    this.#options.onRequest?.({ method, path });
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000),
      });
    } catch (cause) {
      throw new CarDataApiError(`Could not reach CarData (${url.host}) for ${path}.`, {
        cause,
        endpoint: path,
        hint: 'Check the network connection; the call still counts against the daily quota.',
      });
    }
    if (response.ok) return response;

    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const retryAt = retryAfter(response, text);
    const error = carDataErrorFromResponse(response.status, body, path, retryAt);
    if (error instanceof CarDataQuotaError) {
      const until = await this.#options.ledger.markExhausted(retryAt);
      throw new CarDataQuotaError(error.message, {
        retryAt: until,
        hint: `${error.hint ?? ''} The next call is free at ${until.toISOString()}.`.trim(),
        ...(error.cuCode === undefined ? {} : { cuCode: error.cuCode }),
        status: response.status,
        endpoint: path,
      });
    }
    if (!retried && error.code === 'auth' && error.cuCode !== 'CU-103') {
      // An access token BMW considers expired: rotate and try once more.
      await this.#options.tokens.refresh();
      return this.#send(path, spec, true);
    }
    throw error;
  }
}

function retryAfter(response: Response, body: string): Date | undefined {
  const now = Date.now();
  const waitMs = retryAfterMs(response.headers, body, now);
  return waitMs === undefined ? undefined : new Date(now + waitMs);
}
