import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('@bimmer/auth exports', () => {
  it('exports exactly these runtime names (a new export is a reviewed change)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "AuthTokens",
        "CAPTCHA_DOCS_URL",
        "CARDATA_API_SCOPE",
        "CARDATA_DEFAULT_SCOPE",
        "CARDATA_LOGIN_BASE_URL",
        "CARDATA_REQUIRED_SCOPES",
        "CARDATA_STREAMING_SCOPE",
        "CallbackTokenStore",
        "CarDataSession",
        "DEFAULT_MAX_RETRY_WAIT_SECONDS",
        "DEFAULT_REFRESH_MARGIN_SECONDS",
        "FileTokenStore",
        "MemoryTokenStore",
        "MyBMWAuthenticator",
        "SECRET_TOKEN_FIELDS",
        "SESSION_ID_MAX_AGE_MS",
        "carDataRefreshLockPathOf",
        "createCarDataPkcePair",
        "createPkce",
        "createS256CodeChallenge",
        "decodeChinaNonce",
        "encryptChinaPassword",
        "findSliderGap",
        "generateChinaNonce",
        "generateToken",
        "getRegionConfig",
        "isCarDataTokens",
        "jwtExpiry",
        "loginWithCarDataDeviceCode",
        "missingCarDataScopes",
        "refreshCarDataTokens",
        "silentLogger",
        "solveSliderCaptcha",
        "systemClock",
      ]
    `);
  });
});
