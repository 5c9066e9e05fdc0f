import { BimmerApiError } from '@bimmer/core';
import { retryAfterMs } from '../http/retry-after';

/** The parsed answer of an OAuth endpoint: status, the RFC 6749 error code if any, and the body. */
export interface OAuthAnswer {
  status: number;
  /** `error` of the body, e.g. `authorization_pending`; undefined when there is none. */
  error: string | undefined;
  /** The JSON body, or undefined when it was empty or not JSON. */
  body: unknown;
  /** The `Retry-After` header in seconds, when sent. */
  retryAfterSeconds: number | undefined;
}

/** Posts a form to an OAuth endpoint and reads the answer without throwing on HTTP errors. */
export async function postOAuthForm(
  fetchImpl: typeof fetch,
  url: string,
  form: Record<string, string>,
  signal?: AbortSignal,
): Promise<OAuthAnswer> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new BimmerApiError(`Could not reach BMW's login server (${new URL(url).host}).`, {
      cause,
      endpoint: new URL(url).pathname,
      hint: 'Check the network connection and try again.',
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  const retryAfter = (retryAfterMs(response.headers, text, Date.now()) ?? 0) / 1000;
  return {
    status: response.status,
    error,
    body,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}
