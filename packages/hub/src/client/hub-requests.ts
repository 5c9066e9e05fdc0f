import { backoffDelayMs, retryAfterMs, sleep } from '@bimmer/auth/internal';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerValidationError,
} from '@bimmer/core';

/** How a hub client talks to the hub's HTTP API. */
export interface HubRequestOptions {
  readonly url: string;
  readonly apiKey: string | undefined;
  readonly fetch: typeof fetch;
}

function headersOf(options: HubRequestOptions, extra: Record<string, string> = {}): Record<string, string> {
  return options.apiKey === undefined ? extra : { ...extra, authorization: `Bearer ${options.apiKey}` };
}

function unreachable(options: HubRequestOptions, error: unknown): BimmerApiError {
  return new BimmerApiError(
    `The hub at ${options.url} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error, action: 'check-network', hint: 'Check that `bimmer hub` runs and listens at this URL.' },
  );
}

function refusedKey(options: HubRequestOptions): BimmerAuthError {
  return new BimmerAuthError(
    options.apiKey === undefined
      ? `The hub at ${options.url} needs an API key.`
      : `The hub at ${options.url} refused the API key.`,
    { action: 'check-input', hint: "Give the hub client the hub's API key." },
  );
}

/** GETs a JSON document of the hub; a read, so a failed connection is tried again twice (after about 0.2 s and 0.4 s, jittered). */
export async function getJson(options: HubRequestOptions, path: string): Promise<unknown> {
  let response: Response | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && response === undefined; attempt++) {
    if (attempt > 0) await sleep(backoffDelayMs(attempt, 200));
    try {
      response = await options.fetch(`${options.url}${path}`, { headers: headersOf(options) });
    } catch (error) {
      lastError = error;
    }
  }
  if (response === undefined) throw unreachable(options, lastError);
  if (response.status === 401) {
    await response.arrayBuffer();
    throw refusedKey(options);
  }
  if (!response.ok) {
    const text = await response.text();
    throw new BimmerApiError(`The hub answered ${response.status} to ${path}: ${text.slice(0, 200)}`);
  }
  return response.json();
}

/** The answer to a refresh the hub sent on to BMW. */
export interface RefreshAnswer {
  readonly vehicles: readonly unknown[];
  readonly budget: unknown;
}

/**
 * POSTs a refresh to the hub, which spends from its budget. Never retried (a second POST could
 * spend twice); a connection lost before the answer is reported as "unknown whether it was read".
 */
export async function postRefresh(
  options: HubRequestOptions,
  vin: string | undefined,
  reason: string | undefined,
): Promise<RefreshAnswer> {
  const path = vin === undefined ? '/api/refresh' : `/api/vehicles/${encodeURIComponent(vin)}/refresh`;
  let response: Response;
  try {
    response = await options.fetch(`${options.url}${path}`, {
      method: 'POST',
      headers: headersOf(options, { 'content-type': 'application/json' }),
      body: JSON.stringify(reason === undefined ? {} : { reason }),
    });
  } catch (error) {
    throw new BimmerApiError(
      `The refresh request to the hub at ${options.url} got no answer; whether the hub read the vehicle (and spent a call) is unknown: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, action: 'check-network' },
    );
  }
  if (response.status === 401) {
    await response.arrayBuffer();
    throw refusedKey(options);
  }
  let body: { error?: unknown; retryAt?: unknown; vehicles?: unknown; budget?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // An answer without JSON: the status says enough.
  }
  const message = typeof body.error === 'string' ? body.error : `The hub answered ${response.status}.`;
  if (response.ok) {
    return { vehicles: Array.isArray(body.vehicles) ? body.vehicles : [], budget: body.budget };
  }
  if (response.status === 429) {
    const now = Date.now();
    const retryAfter = retryAfterMs(response.headers, '', now);
    const retryAt =
      typeof body.retryAt === 'string' && !Number.isNaN(Date.parse(body.retryAt))
        ? new Date(body.retryAt)
        : retryAfter !== undefined && retryAfter > 0
          ? new Date(now + retryAfter)
          : undefined;
    throw new BimmerQuotaError(message, {
      ...(retryAt === undefined ? {} : { retryAt }),
      action: 'wait',
      hint: 'The hub keeps the vehicles current from the stream meanwhile.',
    });
  }
  if (response.status === 400) throw new BimmerValidationError(message, { action: 'check-input' });
  if (response.status === 404) throw new BimmerNotFoundError(message, { action: 'check-vin' });
  if (response.status === 503) {
    throw new BimmerApiError(message, {
      hint: 'The hub waits for its BMW login; see its page.',
      action: 'cardata-login',
    });
  }
  throw new BimmerApiError(message);
}
