import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout } from 'node:timers/promises';

/** Reads the whole request body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Sends bytes with a content type (and extra headers). */
export function sendBytes(
  response: ServerResponse,
  status: number,
  contentType: string,
  bytes: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': String(body.length),
    ...headers,
  });
  response.end(body);
}

/** Sends a JSON value. */
export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendBytes(response, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

/** Sends plain text. */
export function sendText(response: ServerResponse, status: number, text: string): void {
  sendBytes(response, status, 'text/plain; charset=utf-8', text);
}

/** Sends a status without a body. */
export function sendEmpty(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-length': '0', ...headers });
  response.end();
}

/** The APIM-style error body BMW's API gateway answers with: `{statusCode, message}`. */
export function sendApiError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { statusCode: status, message });
}

/** One header as a string (the first value of a repeated header); undefined when absent. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a URL-encoded form body. */
export function parseForm(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

/** Parses a JSON body; undefined when it is empty or not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Waits `ms` milliseconds (not at all for 0). */
export async function delay(ms: number): Promise<void> {
  if (ms > 0) await setTimeout(ms);
}
