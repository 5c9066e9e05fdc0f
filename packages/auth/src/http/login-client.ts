import { BimmerApiError, BimmerAuthError, BimmerBlockedError, BimmerQuotaError } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import type { AuthClock } from '../clock';
import type { AuthLogger } from '../logger';
import type { MyBMWRegionConfig } from '../region/region-config';
import { buildXUserAgent } from '../region/user-agent';
import { backoffDelayMs } from './backoff';
import type { FetchLike } from './fetch-like';
import { redactSecrets } from './redact';
import { retryAfterMs } from './retry-after';

/** How often a 429 during login is retried before giving up (bimmer_connected: 3). */
export const LOGIN_MAX_RETRIES = 3;

/** The timeout of one login request (bimmer_connected `HTTPX_TIMEOUT`). */
export const LOGIN_TIMEOUT_MS = 30_000;

/** Tries of a login request that meets transient faults, when it may be repeated (the first included). */
export const LOGIN_MAX_ATTEMPTS = 3;

/** The base of the jittered backoff between those tries, ms. */
export const LOGIN_RETRY_DELAY_MS = 500;

/** Everything the login client needs. */
export interface LoginClientOptions {
  /** The region whose hosts and codes to use. */
  readonly region: MyBMWRegionConfig;
  /** Sends every request to this origin (and path prefix) instead of the region host. */
  readonly baseUrl?: string | undefined;
  /** The fetch to send with. */
  readonly fetch: FetchLike;
  /** Time source and sleeper for 429 waits. */
  readonly clock: AuthClock;
  /** Progress reports (no secrets). */
  readonly logger: AuthLogger;
  /** The longest 429 wait honoured, in seconds. */
  readonly maxRetryWaitSeconds: number;
  /** The secrets of the moment, scrubbed from any server text that ends up in an error. */
  readonly secrets: () => readonly (string | undefined)[];
  /** The jitter source of the backoff; `Math.random` outside tests. */
  readonly random?: (() => number) | undefined;
}

/** One login request. */
export interface LoginRequest {
  /** `GET` or `POST`. */
  readonly method: 'GET' | 'POST';
  /** A path on the login origin (`/eadrax-…`) or an absolute URL (the GCDM token endpoint). */
  readonly url: string;
  /** Headers on top of `user-agent` and `x-user-agent`. */
  readonly headers?: Record<string, string>;
  /** A form (sent URL-encoded) or a JSON value. */
  readonly form?: Record<string, string>;
  /** A JSON body. */
  readonly json?: unknown;
  /** Query parameters to append. */
  readonly query?: Record<string, string>;
  /**
   * Send again after a transient fault (a 5xx, a dropped connection, a timeout, an answer cut off or
   * not JSON), up to {@link LOGIN_MAX_ATTEMPTS} tries. Only for requests whose repetition spends
   * nothing the user must give again: the OAuth config, the token exchange (a single-use code BMW
   * already took is refused, which ends the login with a clear error), the second authenticate step.
   * Never for the step that carries the single-use captcha token.
   */
  readonly retryTransient?: boolean | undefined;
}

/** A transient fault of one try, as the typed error to throw when no try is left. */
class TransientLoginFault extends Error {
  readonly error: BimmerApiError;
  constructor(error: BimmerApiError) {
    super(error.message);
    this.error = error;
  }
}

/**
 * The HTTP client of every login request (bimmer_connected `MyBMWLoginClient` plus `MyBMWLoginRetry`):
 * region host or `baseUrl`, the app's user agents, redirects not followed, 429 retried with the wait
 * the server asks for (capped), and every failure turned into a typed error without secrets.
 */
export class LoginClient {
  readonly #options: LoginClientOptions;
  readonly #base: string;

  /** @param options region, fetch, clock, logger and limits. */
  constructor(options: LoginClientOptions) {
    this.#options = options;
    this.#base = (options.baseUrl ?? options.region.serverUrl).replace(/\/+$/, '');
  }

  /**
   * The URL a request really goes to. Paths are joined to the login origin. Absolute URLs (the token
   * endpoint from the OAuth config) keep their host unless a `baseUrl` was given, which then takes
   * their place so that a simulator or proxy sees every login request.
   */
  resolve(url: string): URL {
    if (url.startsWith('/')) return new URL(this.#base + url);
    const absolute = new URL(url);
    if (this.#options.baseUrl === undefined) return absolute;
    return new URL(this.#base + absolute.pathname + absolute.search);
  }

  /**
   * Sends `request`, retrying 429s (and, with `retryTransient`, transient faults), and returns a 2xx or
   * 3xx response.
   *
   * @throws BimmerQuotaError after {@link LOGIN_MAX_RETRIES} retries of a 429, or on a 403 quota answer.
   * @throws BimmerBlockedError on HTTP 489 or a body saying "Blocked".
   * @throws BimmerAuthError on other 4xx answers; BimmerApiError on 5xx answers and network failures.
   */
  send(request: LoginRequest): Promise<Response> {
    return this.#exchange(request, async (response) => response);
  }

  /** Sends `request` and parses the JSON answer; an answer cut off or not JSON is a transient fault. */
  sendForJson(request: LoginRequest): Promise<unknown> {
    return this.#exchange(request, async (response, endpoint) => {
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw new TransientLoginFault(
          new BimmerApiError(`The MyBMW login's answer to ${endpoint} broke off before its end.`, {
            status: response.status,
            endpoint,
            cause: new Error(cause instanceof Error ? cause.message : 'body read failed'),
            hint: 'The connection broke while the answer arrived; try again.',
            action: 'check-network',
          }),
        );
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw new TransientLoginFault(
          new BimmerApiError(`The MyBMW login answered ${endpoint} with something that is not JSON.`, {
            status: response.status,
            endpoint,
            cause,
            hint: 'Check the region and baseUrl; BMW may have changed the login.',
          }),
        );
      }
    });
  }

  async #exchange<T>(
    request: LoginRequest,
    read: (response: Response, endpoint: string) => Promise<T>,
  ): Promise<T> {
    const url = this.resolve(request.url);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const endpoint = url.pathname;
    let attempts = 0;
    for (let retries = 0; ; ) {
      attempts++;
      try {
        const response = await this.#fetchOnce(url, request, endpoint);
        if (response.status < 400) return await read(response, endpoint);
        const body = await response.text().catch(() => '');
        if (response.status === 429 && retries < LOGIN_MAX_RETRIES) {
          retries++;
          attempts--;
          const asked = retryWaitSeconds(response.headers, body, this.#options.clock.now());
          const seconds = Math.min(asked, this.#options.maxRetryWaitSeconds);
          this.#options.logger.debug(`Sleeping ${seconds} seconds due to 429 Too Many Requests`);
          await this.#options.clock.sleep(seconds * 1000);
          continue;
        }
        const error = this.#errorFor(response, body, endpoint);
        if (response.status >= 500 && error instanceof BimmerApiError) throw new TransientLoginFault(error);
        throw error;
      } catch (error) {
        if (!(error instanceof TransientLoginFault)) throw error;
        if (request.retryTransient !== true || attempts >= LOGIN_MAX_ATTEMPTS) throw error.error;
        const delay = backoffDelayMs(attempts, LOGIN_RETRY_DELAY_MS, this.#options.random);
        this.#options.logger.debug(`${error.message} Trying again in ${delay} ms.`);
        await this.#options.clock.sleep(delay);
      }
    }
  }

  async #fetchOnce(url: URL, request: LoginRequest, endpoint: string): Promise<Response> {
    const headers = new Headers({
      'user-agent': this.#options.region.userAgent,
      'x-user-agent': buildXUserAgent('bmw', this.#options.region.region),
      ...request.headers,
    });
    let body: string | undefined;
    if (request.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.json);
    }
    try {
      return await this.#options.fetch(url, {
        method: request.method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
        ...(body === undefined ? {} : { body }),
      });
    } catch (cause) {
      throw new TransientLoginFault(
        new BimmerApiError(`Could not reach the MyBMW login at ${url.host}${endpoint}.`, {
          endpoint,
          cause: new Error(cause instanceof Error ? cause.name : 'fetch failed'),
          hint: 'Check the network connection and the region, then try again.',
          action: 'check-network',
        }),
      );
    }
  }

  #errorFor(response: Response, body: string, endpoint: string): Error {
    const status = response.status;
    const detail = redactSecrets(describeBody(body), this.#options.secrets());
    if (status === 489 || /\bblocked\b/i.test(body)) return new BimmerBlockedError();
    const message = endSentence(
      `The MyBMW login failed at ${endpoint} (HTTP ${status})${detail === '' ? '' : `: ${detail}`}`,
    );
    if (status === 429 || (status === 403 && body.toLowerCase().includes('quota'))) {
      const seconds = retryWaitSeconds(response.headers, body, this.#options.clock.now());
      return new BimmerQuotaError(message, {
        retryAt: new Date(this.#options.clock.now() + seconds * 1000),
        hint: 'BMW limits how often you may log in. Wait a few minutes before trying again.',
        action: 'wait',
      });
    }
    if (status >= 500) {
      return new BimmerApiError(message, {
        status,
        endpoint,
        hint: 'The MyBMW login server failed; try again later.',
      });
    }
    return new BimmerAuthError(message, {
      status,
      hint: 'Check the username, password and region. A refused refresh token needs a new login.',
      action: 'mybmw-login',
    });
  }
}

/** The useful part of an error body: OAuth `error - error_description`, China `description`, or the text. */
function describeBody(body: string): string {
  try {
    const data: unknown = JSON.parse(body);
    if (isJsonObject(data)) {
      const record = data;
      if (typeof record.error === 'string') {
        const description =
          typeof record.error_description === 'string' ? ` - ${record.error_description}` : '';
        return truncate(`${record.error}${description}`);
      }
      for (const key of ['description', 'message']) {
        const value = record[key];
        if (typeof value === 'string') return truncate(value);
      }
    }
  } catch {
    // Plain text: used as is.
  }
  return truncate(body.trim());
}

/** Ends `text` with a full stop unless the server's text already ends a sentence. */
function endSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** At most 200 code points (never half a surrogate pair) of a server text, marked when cut. */
function truncate(text: string): string {
  const characters = Array.from(text);
  return characters.length > 200 ? `${characters.slice(0, 200).join('')}…` : text;
}

/** The wait before retrying a login 429 when the server says nothing usable (bimmer_connected's fallback: 2 × 2 s). */
const DEFAULT_RETRY_WAIT_SECONDS = 4;

/** Whole seconds to wait after a login 429: what the server asked, else {@link DEFAULT_RETRY_WAIT_SECONDS}. */
function retryWaitSeconds(headers: Headers, body: string, now: number): number {
  const asked = retryAfterMs(headers, body, now);
  return asked === undefined ? DEFAULT_RETRY_WAIT_SECONDS : Math.ceil(asked / 1000);
}
