import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The key a request presents: `Authorization: Bearer <key>`, `X-API-Key: <key>`, or Basic auth's password (browsers). */
function presentedKey(request: IncomingMessage): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  const [scheme, value] = authorization.split(' ', 2);
  if (value === undefined) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : decoded.slice(colon + 1);
  }
  return undefined;
}

/**
 * Whether the request carries the hub's API key (compared in constant time). Without a configured
 * key every request passes: the hub then listens on loopback only.
 */
export function hasApiKey(request: IncomingMessage, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  const given = presentedKey(request);
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(apiKey);
  return a.length === b.length && timingSafeEqual(a, b);
}
