import { type Region, requireRegion } from '@bimmer/core';

/** The short region code BMW uses in the `x-user-agent` header (bimmer_connected's enum values). */
export type MyBMWRegionCode = 'row' | 'na' | 'cn';

/** The MyBMW app version every region reports (bimmer_connected `APP_VERSIONS`). */
export const MYBMW_APP_VERSION = '4.9.2(36892)';

/** The `user-agent` header of the MyBMW app (bimmer_connected `USER_AGENTS`). */
export const MYBMW_USER_AGENT = 'Dart/3.3 (dart:io)';

/** Everything region-specific that the MyBMW login and API need. */
export interface MyBMWRegionConfig {
  /** The region itself. */
  readonly region: Region;
  /** The short code sent as the last field of `x-user-agent`. */
  readonly code: MyBMWRegionCode;
  /** The API and login host, e.g. `cocoapi.bmwgroup.com`. */
  readonly host: string;
  /** `https://` + host: the base URL of the API client and of every login request. */
  readonly serverUrl: string;
  /** The decoded `ocp-apim-subscription-key` for the OAuth config request (not used in China). */
  readonly ocpApimSubscriptionKey: string | undefined;
  /** The hCaptcha site key of the region's login (not used in China, which has a slider captcha). */
  readonly hcaptchaSiteKey: string | undefined;
  /** Whether a full login needs an hCaptcha token from the user. */
  readonly requiresCaptchaToken: boolean;
  /** The MyBMW app version to report. */
  readonly appVersion: string;
  /** The `user-agent` header value. */
  readonly userAgent: string;
}

const CONFIGS: Readonly<Record<Region, MyBMWRegionConfig>> = {
  north_america: {
    region: 'north_america',
    code: 'na',
    host: 'cocoapi.bmwgroup.us',
    serverUrl: 'https://cocoapi.bmwgroup.us',
    ocpApimSubscriptionKey: '31e102f5-6f7e-7ef3-9044-ddce63891362',
    hcaptchaSiteKey: 'dc24de9a-9844-438b-b542-60067ff4dbe9',
    requiresCaptchaToken: true,
    appVersion: MYBMW_APP_VERSION,
    userAgent: MYBMW_USER_AGENT,
  },
  china: {
    region: 'china',
    code: 'cn',
    host: 'myprofile.bmw.com.cn',
    serverUrl: 'https://myprofile.bmw.com.cn',
    ocpApimSubscriptionKey: undefined,
    hcaptchaSiteKey: undefined,
    requiresCaptchaToken: false,
    appVersion: MYBMW_APP_VERSION,
    userAgent: MYBMW_USER_AGENT,
  },
  rest_of_world: {
    region: 'rest_of_world',
    code: 'row',
    host: 'cocoapi.bmwgroup.com',
    serverUrl: 'https://cocoapi.bmwgroup.com',
    ocpApimSubscriptionKey: '4f1c85a3-758f-a37d-bbb6-f8704494acfa',
    // The site key of the documented rest-of-world captcha page (the code's "_" entry is hCaptcha's test key).
    hcaptchaSiteKey: '7244955f-8f30-4445-adff-4fefe059f815',
    requiresCaptchaToken: true,
    appVersion: MYBMW_APP_VERSION,
    userAgent: MYBMW_USER_AGENT,
  },
};

/**
 * The hosts, keys and codes of a region (bimmer_connected `api/regions.py` and `const.py`). Accepts
 * anything `requireRegion` from @bimmer/core accepts.
 *
 * @throws BimmerValidationError for a name that is no region, listing the valid ones.
 */
export function getRegionConfig(region: Region | string): MyBMWRegionConfig {
  return CONFIGS[requireRegion(region)];
}
