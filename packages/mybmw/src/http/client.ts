import { setTimeout as sleepFor } from 'node:timers/promises';
import { retryAfterMs } from '@bimmer/auth/internal';
import { BimmerApiError, type CapturedResponse, type CarBrand } from '@bimmer/core';
import ky, { type KyInstance } from 'ky';
import { errorFromResponse } from './error-mapping';
import type { MyBMWTokenSource } from './token-source';

/**
 * Waits `milliseconds` (rejecting with the signal's reason when it is aborted); injected in tests so
 * retries and polls run without real waiting.
 */
export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

/** The real wait: the abortable timer promise of `node:timers/promises`. */
export const realSleep: Sleep = async (milliseconds, signal) => {
  await sleepFor(milliseconds, undefined, signal === undefined ? undefined : { signal });
};

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
   * event status). Only those are resent after a 429. A command is never resent on its own.
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
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout in ms. Default 30 000, as the reference. */
  readonly timeoutMs?: number;
  /** How many times an idempotent request is resent after a 429. Default 3, as the reference. */
  readonly maxRetries?: number;
  /**
   * The longest wait after a 429 we accept, in ms. If the server asks for more, the request fails at
   * once with a BimmerQuotaError carrying `retryAt`. Default 30 000.
   */
  readonly maxRetryWaitMs?: number;
  /** The wait after a 429 that says nothing about when to come back. Default 4 000 (the reference's). */
  readonly defaultRetryWaitMs?: number;
  /** Injected sleep (tests). */
  readonly sleep?: Sleep;
  /** Called with every response the server sent, errors and 401/429 included. */
  readonly onResponse?: (response: CapturedResponse) => void;
}

/**
 * The one HTTP client of an account: a ky instance with the MyBMW default headers, bearer token and
 * session id, plus the failure policy: a 401 refreshes the token once and resends, a 429 on an
 * idempotent request waits what the server asks (capped) up to `maxRetries` times, and every other
 * failure becomes a typed error from @bimmer/core.
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

  /** Sends `request`, applying the 401/429 policy, and returns the successful response. */
  async send(request: MyBMWRequest): Promise<MyBMWResponse> {
    const maxRetries = this.#options.maxRetries ?? 3;
    const sleep = this.#options.sleep ?? realSleep;
    let reauthenticated = false;
    let retries = 0;
    for (;;) {
      const token = await this.#options.tokens.getAccessToken();
      const response = await this.#attempt(request, token);
      if (response.status < 400) return response;
      if (response.status === 401 && !reauthenticated) {
        reauthenticated = true;
        await this.#options.tokens.onUnauthorized(token);
        continue;
      }
      if (response.status === 429 && request.idempotent && retries < maxRetries) {
        const asked = retryAfterMs(response.headers, response.text, Date.now());
        const waitMs = asked ?? this.#options.defaultRetryWaitMs ?? 4_000;
        if (waitMs <= (this.#options.maxRetryWaitMs ?? 30_000)) {
          retries++;
          await sleep(waitMs);
          continue;
        }
      }
      throw errorFromResponse({ ...response, body: response.text, endpoint: request.path });
    }
  }

  /** Sends `request` and parses its body as JSON (an empty body gives `undefined`). */
  async json<T = unknown>(request: MyBMWRequest): Promise<T> {
    const response = await this.send(request);
    if (response.text.trim().length === 0) return undefined as T;
    try {
      return JSON.parse(response.text) as T;
    } catch (cause) {
      throw new BimmerApiError(`MyBMW answered ${request.path} with a body that is not JSON.`, {
        status: response.status,
        endpoint: request.path,
        cause,
        hint: 'The API may have changed; record a fingerprint and report it.',
      });
    }
  }

  async #attempt(request: MyBMWRequest, token: string): Promise<MyBMWResponse> {
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
      throw new BimmerApiError(`Could not reach MyBMW for ${request.path}: ${reason}`, {
        endpoint: request.path,
        // Not ky's error itself: it holds the Request, whose headers carry the bearer token.
        cause: new Error(reason),
        hint: 'Check the network connection and try again.',
      });
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    this.#capture(request, response, bytes, text);
    return { status: response.status, headers: response.headers, bytes, text };
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

/** A secret-free description of a failed fetch: the error's message and, when known, its system code. */
function describeNetworkError(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown network error';
  if (cause.name === 'TimeoutError') return 'the request timed out';
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
}
