import { backoffDelayMs, retryAfterMs, sleep } from '@bimmer/auth/internal';
import { BimmerApiError, type CapturedResponse, type CarBrand } from '@bimmer/core';
import ky, { type KyInstance } from 'ky';
import { errorFromResponse } from './error-mapping';
import { describeNetworkError, networkFailureWasSent } from './network-failure';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY_MS, type Sleep } from './retry-policy';
import type { MyBMWTokenSource } from './token-source';
import { unknownOutcomeError } from './unknown-outcome';

export type { Sleep } from './retry-policy';

/** One request to the MyBMW API. */
export interface MyBMWRequest {
  /** GET or POST (the API uses nothing else). */
  readonly method: 'GET' | 'POST';
  /** The path below the region host, e.g. `/eadrax-vcs/v4/vehicles/state`. */
  readonly path: string;
  /** The brand whose `x-user-agent` the request carries. */
  readonly brand: CarBrand;
  /** Sent as the `bmw-vin` header. */
  readonly vin?: string;
  /** Query parameters. */
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers; they win over the defaults. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with `content-type: application/json`). */
  readonly json?: unknown;
  /**
   * True when resending is harmless (reads, and the POSTs that only read such as the vehicle list and
   * event status). Only those are resent, after a 429 or a transient fault. A command is never sent
   * twice: when its answer is lost or refused after BMW may have acted on it, the client says that
   * its outcome is unknown.
   */
  readonly idempotent: boolean;
}

/** A successful response, its body read once. */
export interface MyBMWResponse {
  /** The HTTP status (2xx). */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The raw body. */
  readonly bytes: Uint8Array;
  /** The body decoded as UTF-8. */
  readonly text: string;
}

/** How the client is built. */
export interface MyBMWClientOptions {
  /** Supplies tokens and handles 401s. */
  readonly tokens: MyBMWTokenSource;
  /** The region host, e.g. `https://cocoapi.bmwgroup.com`, or a simulator's URL. */
  readonly baseUrl: string;
  /** The default headers of a brand (fresh correlation ids on every call). */
  readonly defaultHeaders: (brand: CarBrand) => Record<string, string>;
  /** A Fetch-compatible function (tests inject one). Defaults to the global fetch (keep-alive). */
  readonly fetch?: typeof fetch | undefined;
  /** Per-attempt timeout in ms. Default 30 000, as the reference. */
  readonly timeoutMs?: number | undefined;
  /** How many times an idempotent request is resent after a 429. Default 3, as the reference. */
  readonly maxRetries?: number | undefined;
  /**
   * The longest wait after a 429 we accept, in ms. If the server asks for more, the request fails at
   * once with a BimmerQuotaError carrying `retryAt`. Default 30 000.
   */
  readonly maxRetryWaitMs?: number | undefined;
  /** The wait after a 429 that says nothing about when to come back. Default 4 000 (the reference's). */
  readonly defaultRetryWaitMs?: number | undefined;
  /**
   * How many times an idempotent request is sent in all when it meets a transient fault (a 5xx, a
   * dropped connection, a timeout, a body cut off or not JSON). Default 3.
   */
  readonly maxAttempts?: number | undefined;
  /** The base of the jittered backoff between those tries, ms (about 1×, then 2× this). Default 500. */
  readonly retryDelayMs?: number | undefined;
  /** The jitter source, `Math.random` by default (tests pin it). */
  readonly random?: (() => number) | undefined;
  /** Injected sleep (tests). */
  readonly sleep?: Sleep | undefined;
  /** Called with every response the server sent, errors and 401/429 included. */
  readonly onResponse?: ((response: CapturedResponse) => void) | undefined;
}

/** What one try of a request ended with: a response whose body was read, or a fault. */
type TryOutcome =
  | { readonly response: MyBMWResponse; readonly fault?: undefined }
  | { readonly response?: undefined; readonly fault: TransientFault };

/** A transient fault of one try, and whether the request may have reached BMW. */
interface TransientFault {
  /** The typed error to throw when no try is left. */
  readonly error: BimmerApiError;
  /** False only when the request provably never left this machine (connection refused, no DNS). */
  readonly sent: boolean;
  /** Why the answer is missing, one clause for an unknown-outcome message. */
  readonly reason: string;
}

/**
 * The one HTTP client of an account: a ky instance with the MyBMW default headers, bearer token and
 * session id, plus the failure policy:
 * - an idempotent request (a read) is retried on transient faults (5xx, dropped connection, timeout,
 *   a body cut off or not JSON) up to `maxAttempts` tries with jittered backoff, and after a 429 waits
 *   what the server asks (capped) up to `maxRetries` times; a 401 renews the token once and resends;
 * - a command (not idempotent) is sent exactly once. When its answer is lost or refused after BMW may
 *   have acted on it (dropped connection, timeout, 5xx, a cut-off body, a 401), the token is renewed
 *   for the next request where needed and a `BimmerRemoteServiceError` with state `UNKNOWN` says that
 *   its outcome is unknown;
 * - every other failure becomes a typed error from @bimmer/core, with the body read inside the error
 *   handling (a cut-off body is an API error, never a bare "terminated").
 */
export class MyBMWClient {
  readonly #options: MyBMWClientOptions;
  readonly #ky: KyInstance;
  #requestCount = 0;

  /** A client on `options.baseUrl`; ky's own retries are off (the policy here replaces them). */
  constructor(options: MyBMWClientOptions) {
    this.#options = options;
    this.#ky = ky.create({
      baseUrl: options.baseUrl,
      timeout: options.timeoutMs ?? 30_000,
      retry: 0,
      throwHttpErrors: false,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  /** How many HTTP requests this client has sent (every attempt counts). */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** Sends `request` under the failure policy and returns the successful response. */
  send(request: MyBMWRequest): Promise<MyBMWResponse> {
    return this.#exchange(request, (response) => response);
  }

  /**
   * Sends `request` under the failure policy and parses its body as JSON (an empty body gives
   * `undefined`). A body that is not JSON counts as a transient fault: a read is tried again.
   */
  json<T = unknown>(request: MyBMWRequest): Promise<T> {
    return this.#exchange(request, (response) => parseJson<T>(request, response));
  }

  async #exchange<T>(request: MyBMWRequest, read: (response: MyBMWResponse) => T): Promise<T> {
    const maxAttempts = this.#options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const what = `${request.method} ${request.path}`;
    let reauthenticated = false;
    let quotaWaits = 0;
    let attempts = 0;
    for (;;) {
      const token = await this.#options.tokens.getAccessToken();
      attempts++;
      const outcome = await this.#try(request, token);
      let fault = outcome.fault;
      const response = outcome.response;
      if (response !== undefined && response.status < 400) {
        try {
          return read(response);
        } catch (error) {
          if (!(error instanceof BimmerApiError)) throw error;
          fault = { error, sent: true, reason: `its answer (HTTP ${response.status}) was not readable` };
        }
      }
      if (fault !== undefined) {
        if (request.idempotent && attempts < maxAttempts) {
          await this.#backoff(attempts);
          continue;
        }
        if (!request.idempotent && fault.sent) throw unknownOutcomeError(what, fault.reason, fault.error);
        throw fault.error;
      }
      if (response === undefined) throw new Error('unreachable: a try without response or fault');
      if (response.status === 401 && !reauthenticated) {
        reauthenticated = true;
        if (!request.idempotent) {
          // Never resent: renew for the next command, and say that this one's fate is unknown.
          const renewal = await this.#options.tokens.onUnauthorized(token).then(
            () => undefined,
            (error: unknown) => error,
          );
          const cause = errorFromResponse({ ...response, body: response.text, endpoint: request.path });
          const renewed = renewal === undefined ? 'the token was renewed' : 'renewing the token failed too';
          throw unknownOutcomeError(
            what,
            `BMW refused the access token (HTTP 401; ${renewed})`,
            renewal ?? cause,
          );
        }
        await this.#options.tokens.onUnauthorized(token);
        continue;
      }
      if (response.status === 429 && request.idempotent && quotaWaits < (this.#options.maxRetries ?? 3)) {
        const asked = retryAfterMs(response.headers, response.text, Date.now());
        const waitMs = asked ?? this.#options.defaultRetryWaitMs ?? 4_000;
        if (waitMs <= (this.#options.maxRetryWaitMs ?? 30_000)) {
          quotaWaits++;
          await (this.#options.sleep ?? sleep)(waitMs);
          continue;
        }
      }
      const error = errorFromResponse({ ...response, body: response.text, endpoint: request.path });
      if (response.status >= 500) {
        if (request.idempotent && attempts < maxAttempts) {
          await this.#backoff(attempts);
          continue;
        }
        if (!request.idempotent)
          throw unknownOutcomeError(what, `BMW failed (HTTP ${response.status})`, error);
      }
      throw error;
    }
  }

  /** Waits before try `attempts + 1` (jittered, doubling). */
  async #backoff(attempts: number): Promise<void> {
    const delay = backoffDelayMs(
      attempts,
      this.#options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      this.#options.random,
    );
    await (this.#options.sleep ?? sleep)(delay);
  }

  /** One try: sends, reads the whole body, captures it. Network failures and cut-off bodies are faults. */
  async #try(request: MyBMWRequest, token: string): Promise<TryOutcome> {
    const headers = new Headers(this.#options.defaultHeaders(request.brand));
    headers.set('authorization', `Bearer ${token}`);
    headers.set('bmw-session-id', this.#options.tokens.sessionId);
    if (request.vin !== undefined) headers.set('bmw-vin', request.vin);
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    this.#requestCount++;
    let response: Response;
    try {
      response = await this.#ky(request.path.replace(/^\//, ''), {
        method: request.method,
        headers,
        ...(request.query === undefined ? {} : { searchParams: { ...request.query } }),
        ...(request.json === undefined ? {} : { json: request.json }),
      });
    } catch (cause) {
      const reason = describeNetworkError(cause);
      return {
        fault: {
          error: new BimmerApiError(`Could not reach MyBMW for ${request.path}: ${reason}`, {
            endpoint: request.path,
            // Not ky's error itself: it holds the Request, whose headers carry the bearer token.
            cause: new Error(reason),
            hint: 'Check the network connection and try again.',
            action: 'check-network',
          }),
          sent: networkFailureWasSent(cause),
          reason: `no answer arrived (${reason})`,
        },
      };
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      const reason = describeNetworkError(cause);
      return {
        fault: {
          error: new BimmerApiError(
            `MyBMW's answer to ${request.path} (HTTP ${response.status}) broke off before its end: ${reason}`,
            {
              status: response.status,
              endpoint: request.path,
              cause: new Error(reason),
              hint: 'The connection broke while the answer arrived; try again.',
              action: 'check-network',
            },
          ),
          sent: true,
          reason: `its answer (HTTP ${response.status}) broke off before its end`,
        },
      };
    }
    const text = new TextDecoder().decode(bytes);
    this.#capture(request, response, bytes, text);
    return { response: { status: response.status, headers: response.headers, bytes, text } };
  }
  #capture(request: MyBMWRequest, response: Response, bytes: Uint8Array, text: string): void {
    const onResponse = this.#options.onResponse;
    if (onResponse === undefined) return;
    const contentType = response.headers.get('content-type') ?? '';
    const isText = contentType === '' || /json|text|xml/i.test(contentType);
    onResponse({
      brand: request.brand,
      method: request.method,
      path: request.path.split('?')[0] ?? request.path,
      query: { ...request.query },
      ...(request.vin === undefined ? {} : { vinHeader: request.vin }),
      status: response.status,
      contentType,
      body: isText ? text : bytes,
      fetchedAt: new Date(),
    });
  }
}

/** The body as JSON; an API error (a transient fault) when it is not JSON. Empty gives `undefined`. */
function parseJson<T>(request: MyBMWRequest, response: MyBMWResponse): T {
  if (response.text.trim().length === 0) return undefined as T;
  try {
    return JSON.parse(response.text) as T;
  } catch (cause) {
    throw new BimmerApiError(`MyBMW answered ${request.path} with a body that is not JSON.`, {
      status: response.status,
      endpoint: request.path,
      cause,
      hint: 'The answer was damaged or the API changed; try again, and record a fingerprint if it persists.',
    });
  }
}
