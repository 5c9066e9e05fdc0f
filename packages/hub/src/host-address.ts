import { isIP } from 'node:net';

/**
 * Whether `host` only accepts connections from this machine: `localhost`, `127.0.0.0/8` and `::1`
 * (also written as an IPv4-mapped address). The hub opens its HTTP API and its broker to the network
 * only when the user asks for it, and then insists on credentials.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) {
    const lower = bare.toLowerCase();
    return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || lower.startsWith('::ffff:127.');
  }
  return false;
}

/**
 * The host as it goes into a URL: IPv6 addresses in brackets, and the wildcard addresses (which a
 * client cannot connect to) as the loopback address, so a printed URL always works on this machine.
 */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return isIP(host) === 6 ? `[${host}]` : host;
}
