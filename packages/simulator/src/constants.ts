/** Constants of the MyBMW backend the simulator imitates. */

/** A MyBMW region by its `x-user-agent` value. */
export type RegionCode = 'na' | 'cn' | 'row';

/** The region values `x-user-agent` may carry in its last field. */
export const REGION_CODES: readonly RegionCode[] = ['na', 'cn', 'row'];

/** The brands whose vehicle lists MyBMW serves (`x-user-agent` field 1). */
export const BRANDS = ['bmw', 'mini', 'toyota'] as const;

/** The real `ocp-apim-subscription-key` of each GCDM region; BMW's app ships these. */
export const OCP_APIM_KEYS: Readonly<Record<'na' | 'row', string>> = {
  na: '31e102f5-6f7e-7ef3-9044-ddce63891362',
  row: '4f1c85a3-758f-a37d-bbb6-f8704494acfa',
};

/** The OAuth client the simulator's config endpoint hands out per GCDM region. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  returnUrl: string;
  scopes: string[];
  country: string;
}

const SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'smacc',
  'vehicle_data',
  'perseus',
  'dlm',
  'svds',
  'cesim',
  'vsapi',
  'remote_services',
  'fupo',
  'authenticate_user',
];

/**
 * The simulator's own OAuth clients per region (served by the config endpoint and required as Basic
 * credentials at the token endpoint). A loaded `auth/oauth_config.json` replaces them.
 */
export const DEFAULT_OAUTH_CLIENTS: Readonly<Record<'na' | 'row', OAuthClient>> = {
  na: {
    clientId: '7d5f1c3e-2a4b-4c6d-8e9f-0a1b2c3d4e5f',
    clientSecret: 'sim-na-5c1e9b7a-3f2d-4e8c-a6b0-d4f2e8c1a9b7',
    returnUrl: 'com.bmw.connected://oauth',
    scopes: SCOPES,
    country: 'US',
  },
  row: {
    clientId: '3a9e7c1b-5d2f-4b8a-9c6e-1f0d2b4a6c8e',
    clientSecret: 'sim-row-8b2d4f6a-1c3e-4a5b-9d7f-e0c2a4b6d8f1',
    returnUrl: 'com.bmw.connected://oauth',
    scopes: SCOPES,
    country: 'DE',
  },
};

/** The demo account that owns every vehicle when no account is configured. */
export const DEMO_ACCOUNT = { username: 'demo@bimmer.dev', password: 'bimmer-demo' } as const;

/** Access-token lifetime in seconds, BMW's `expires_in`. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 28799;

/** BMW's 429 body (the message the clients derive their back-off from). */
export const RATE_LIMIT_MESSAGE = 'Rate limit is exceeded. Try again in 1 seconds.';

/** BMW's 403 quota body message. */
export const QUOTA_MESSAGE = 'Out of call volume quota. Quota will be replenished in 02:12:20.';

/** The parts of an `x-user-agent` header: `android(<build>);<brand>;<app version>;<region>`. */
export interface XUserAgent {
  brand: string;
  region: RegionCode;
}

/** Parses `x-user-agent` like BMW's gateway: four `;`-separated fields, a known brand and region. */
export function parseXUserAgent(value: string | undefined): XUserAgent | undefined {
  if (!value) return undefined;
  const fields = value.split(';');
  if (fields.length !== 4) return undefined;
  const brand = fields[1]?.trim().toLowerCase() ?? '';
  const region = fields[3]?.trim().toLowerCase() ?? '';
  if (!(BRANDS as readonly string[]).includes(brand)) return undefined;
  if (!(REGION_CODES as readonly string[]).includes(region)) return undefined;
  return { brand, region: region as RegionCode };
}
