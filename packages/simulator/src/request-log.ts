import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What replaces a secret in the request log. */
export const MASK = '***';

/** One request the simulator answered (or dropped), as `GET /_simulator/requests` lists it. */
export interface LoggedRequest {
  /** 1-based sequence number. */
  id: number;
  /** When the request arrived, ISO-8601 on the simulator clock. */
  time: string;
  method: string;
  /** The URL path, without query string. */
  path: string;
  /** Query parameters; secrets masked. */
  query: Record<string, string>;
  /** Request headers (lower-case names); secrets masked. */
  headers: Record<string, string>;
  /** The request body (parsed JSON or form as an object, otherwise text); secrets masked. */
  body?: unknown;
  /** The HTTP status sent; null when the connection was dropped before a status. */
  status: number | null;
  /** Which side answered: the MyBMW routes or the CarData simulator. */
  handledBy: 'mybmw' | 'cardata';
  /** The fault kind injected into this request, when one was. */
  fault?: string;
}

const SECRET_HEADERS = new Set(['authorization', 'hcaptchatoken', 'x-login-nonce', 'cookie', 'set-cookie']);

/** True for a body, form or query key whose value is a secret (passwords, tokens, codes, secrets). */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  return (
    lower.includes('password') ||
    lower.includes('token') ||
    lower.includes('secret') ||
    lower === 'pwd' ||
    lower === 'code' ||
    lower === 'devicecode' ||
    lower === 'usercode' ||
    lower === 'codeverifier' ||
    lower === 'authorization' ||
    lower === 'nonce'
  );
}

/** Request headers with secrets masked; repeated headers joined with `, `. */
export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    masked[name] = SECRET_HEADERS.has(name.toLowerCase()) ? MASK : text;
  }
  return masked;
}

/** A copy of a JSON value with the values of secret keys masked, at any depth. */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (typeof value === 'object' && value !== null) {
    const masked: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) masked[key] = isSecretKey(key) ? MASK : maskJson(inner);
    return masked;
  }
  return value;
}

/** Query or form parameters as an object, secrets masked. */
export function maskParams(params: URLSearchParams): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [key, value] of params) masked[key] = isSecretKey(key) ? MASK : value;
  return masked;
}

/**
 * A request body for the log: parsed JSON or form fields with secrets masked, short text as is,
 * binary or long bodies summarised. Undefined for an empty body.
 */
export function describeBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const type = (contentType ?? '').toLowerCase();
  const text = body.toString('utf8');
  if (type.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return maskJson(JSON.parse(text));
    } catch {
      // Not JSON after all: fall through to the text forms.
    }
  }
  if (type.includes('x-www-form-urlencoded')) return maskParams(new URLSearchParams(text));
  if (type.startsWith('text/') && text.length <= 2048) return text;
  return `<${body.length} bytes>`;
}

/** The in-memory log of every request, in arrival order. */
export class RequestLog {
  #entries: LoggedRequest[] = [];
  #nextId = 1;

  /** Starts an entry; the caller fills `status` (and `fault`) when the response is done. */
  add(entry: Omit<LoggedRequest, 'id'>): LoggedRequest {
    const logged: LoggedRequest = { id: this.#nextId++, ...entry };
    this.#entries.push(logged);
    return logged;
  }

  /** Deep copies of the entries, oldest first. */
  list(): LoggedRequest[] {
    return structuredClone(this.#entries);
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries = [];
    this.#nextId = 1;
  }
}

/**
 * Logs a request as it arrives and fills in its status when the response head is written (the
 * entry is complete before the client can see the answer).
 */
export function trackRequest(
  log: RequestLog,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  body: Buffer,
  arrivedAt: number,
): LoggedRequest {
  const entry = log.add({
    time: new Date(arrivedAt).toISOString(),
    method: request.method ?? 'GET',
    path: url.pathname,
    query: maskParams(url.searchParams),
    headers: maskHeaders(request.headers),
    ...(body.length > 0 ? { body: describeBody(body, request.headers['content-type']) } : {}),
    status: null,
    handledBy: 'mybmw',
  });
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = ((...args: unknown[]) => {
    const result = writeHead(...args);
    entry.status = response.statusCode;
    return result;
  }) as ServerResponse['writeHead'];
  return entry;
}
