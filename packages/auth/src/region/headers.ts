import { randomUUID } from 'node:crypto';
import type { CarBrand, Region } from '@bimmer/core';
import { getRegionConfig } from './region-config';
import { buildXUserAgent } from './user-agent';

/** The units BMW should answer in (a constant; the trailing `;` belongs to the value). */
export const MYBMW_UNITS_PREFERENCES = 'd=KM;v=L;p=B;ec=KWH100KM;fc=L100KM;em=GKM;';

/**
 * The `x-identity-provider` header and one fresh correlation id sent as both `x-correlation-id` and
 * `bmw-correlation-id` (bimmer_connected `get_correlation_id()`).
 */
export function correlationHeaders(): Record<string, string> {
  const id = randomUUID();
  return { 'x-identity-provider': 'gcdm', 'x-correlation-id': id, 'bmw-correlation-id': id };
}

/**
 * The headers of every MyBMW API request (bimmer_connected `generate_default_header(brand)`), with a
 * fresh correlation id on each call. The API transport adds `authorization` and `bmw-session-id`.
 */
export function defaultMyBMWHeaders(brand: CarBrand, region: Region | string): Record<string, string> {
  const config = getRegionConfig(region);
  return {
    accept: 'application/json',
    'accept-language': 'en',
    'x-raw-locale': 'en-US',
    'user-agent': config.userAgent,
    'x-user-agent': buildXUserAgent(brand, config.region),
    ...correlationHeaders(),
    'bmw-units-preferences': MYBMW_UNITS_PREFERENCES,
    '24-hour-format': 'true',
  };
}
