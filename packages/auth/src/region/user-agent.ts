import { createHash, randomUUID } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { CarBrand, Region } from '@bimmer/core';
import { getRegionConfig } from './region-config';

/** RFC 4122's DNS namespace, the namespace bimmer_connected hashes the host name in. */
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

/** A UUIDv5 (SHA-1, name based) as 32 upper-case hex characters without dashes. */
export function uuidV5Hex(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return bytes.toString('hex').toUpperCase();
}

/**
 * The build string of `x-user-agent`, `AP2A.<6 digits>.<3 digits>`, derived from `name` the way
 * bimmer_connected 0.17.3 derives it from `<hostname>-<MAC>`: the digits of a UUIDv5 of the name, the
 * first six (right-padded with 0) and the last three (left-padded with 0). Distinct hosts get distinct
 * strings, so they do not share one identifier that BMW could rate-limit together.
 */
export function buildStringFor(name: string): string {
  const digits = uuidV5Hex(DNS_NAMESPACE, name).replace(/\D/g, '');
  const numeric = digits.slice(0, 6).padEnd(6, '0');
  const build = digits.slice(-3).padStart(3, '0');
  return `AP2A.${numeric}.${build}`;
}

/** The first non-internal MAC address as a decimal integer (like Python's `uuid.getnode()`), if any. */
function macAsDecimal(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (!address.internal && address.mac !== '00:00:00:00:00:00') {
        return BigInt(`0x${address.mac.replaceAll(':', '')}`).toString(10);
      }
    }
  }
  return undefined;
}

let hostBuildString: string | undefined;

/**
 * This host's build string (see {@link buildStringFor}), computed once per process. Stable across runs
 * on one host; a host without a readable MAC address uses its host name alone, or a random name when
 * even that is empty.
 */
export function hostXUserAgentBuildString(): string {
  if (hostBuildString === undefined) {
    const host = hostname() || randomUUID();
    const mac = macAsDecimal();
    hostBuildString = buildStringFor(mac === undefined ? host : `${host}-${mac}`);
  }
  return hostBuildString;
}

/**
 * The `x-user-agent` header: `android(<build>);<brand>;<app version>;<region code>`, e.g.
 * `android(AP2A.534228.164);bmw;4.9.2(36892);row`. Consumers split it on `;`: field 1 is the brand,
 * field 3 the region code. The login always uses brand `bmw`.
 */
export function buildXUserAgent(brand: CarBrand, region: Region | string): string {
  const config = getRegionConfig(region);
  return `android(${hostXUserAgentBuildString()});${brand};${config.appVersion};${config.code}`;
}
