import type { ServerResponse } from 'node:http';

/** Sends a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json' }),
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Sends BMW's CarData error body (`CustomerErrorResponse`). */
export function sendCuError(
  response: ServerResponse,
  status: number,
  cuCode: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    response,
    status,
    {
      exveErrorId: cuCode,
      exveErrorMsg: message,
      exveErrorRef: `sim-${Date.now().toString(36)}`,
      exveNote: message,
    },
    headers,
  );
}

/** Parses a form-urlencoded body. */
export function readForm(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

/** Parses a JSON body; undefined when empty or invalid. */
export function readJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
