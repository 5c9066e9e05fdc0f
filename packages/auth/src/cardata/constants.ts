/** BMW's customer login host, which serves the device-code and token endpoints. */
export const CARDATA_LOGIN_BASE_URL = 'https://customer.bmwgroup.com';

/** The scope of the CarData REST API (portal subscription "CarData API"). */
export const CARDATA_API_SCOPE = 'cardata:api:read';

/** The scope of the CarData MQTT stream (portal subscription "CarData Stream"). */
export const CARDATA_STREAMING_SCOPE = 'cardata:streaming:read';

/**
 * The scope bimmer always sends. Omitting it makes BMW grant "all registered scopes", which in
 * practice yields a token without `cardata:api:read` and CU-103 on every REST call.
 */
export const CARDATA_DEFAULT_SCOPE = `authenticate_user openid ${CARDATA_API_SCOPE} ${CARDATA_STREAMING_SCOPE}`;

/** The refresh token lives two weeks (docs/cardata-api-notes.md lists the token lifetimes). */
export const CARDATA_REFRESH_TOKEN_LIFETIME_MS = 1_209_600_000;

/** The OAuth grant type of the device authorization grant (RFC 8628). */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
