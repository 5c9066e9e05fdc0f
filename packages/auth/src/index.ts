export { AuthTokens } from './auth-tokens';
export {
  CAPTCHA_DOCS_URL,
  DEFAULT_MAX_RETRY_WAIT_SECONDS,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  MyBMWAuthenticator,
  SESSION_ID_MAX_AGE_MS,
  type TokensChangedListener,
} from './authenticator';
export type { MyBMWAuthenticatorOptions } from './authenticator-options';
export * from './cardata/index';
export { CHINA_CAPTCHA_ATTEMPTS, CHINA_PATHS, chinaLogin, chinaRefresh } from './china/china-login';
export {
  type ChinaNonceRandom,
  type DecodedChinaNonce,
  decodeChinaNonce,
  generateChinaNonce,
} from './china/china-nonce';
export { encryptChinaPassword } from './china/china-password';
export { jwtExpiry } from './china/jwt-expiry';
export { findSliderGap, type SliderPixels, solveSliderCaptcha } from './china/slider-captcha';
export { type AuthClock, systemClock } from './clock';
export type { LockFileOptions } from './fs/lock-file';
export { type GcdmLoginInput, gcdmLogin, gcdmRefresh } from './gcdm/gcdm-login';
export {
  basicAuthorization,
  fetchOAuthConfig,
  OAUTH_CONFIG_PATH,
  type OAuthConfig,
} from './gcdm/oauth-config';
export {
  createPkce,
  createS256CodeChallenge,
  generateToken,
  type PkceValues,
  TOKEN_ALPHABET,
} from './gcdm/pkce';
export { redirectParams } from './gcdm/redirect-params';
export type { FetchLike } from './http/fetch-like';
export {
  LOGIN_MAX_RETRIES,
  LOGIN_TIMEOUT_MS,
  LoginClient,
  type LoginClientOptions,
  type LoginRequest,
} from './http/login-client';
export { REDACTED, redactSecrets } from './http/redact';
export { type AuthLogger, silentLogger } from './logger';
export { type MyBMWBrand, normalizeBrand } from './region/brand';
export { correlationHeaders, defaultMyBMWHeaders, MYBMW_UNITS_PREFERENCES } from './region/headers';
export {
  isMyBMWRegion,
  MYBMW_REGIONS,
  type MyBMWRegion,
  type MyBMWRegionCode,
  normalizeRegion,
} from './region/region';
export {
  getRegionConfig,
  MYBMW_APP_VERSION,
  MYBMW_USER_AGENT,
  type MyBMWRegionConfig,
} from './region/region-config';
export { buildStringFor, buildXUserAgent, hostXUserAgentBuildString, uuidV5Hex } from './region/user-agent';
export { EXPIRES_AT_OFFSET_MS, readTokenResponse, type TokenResult } from './token-result';
export { CallbackTokenStore, type TokenStoreCallbacks } from './token-store/callback-token-store';
export { FileTokenStore, type FileTokenStoreOptions } from './token-store/file-token-store';
export { MemoryTokenStore } from './token-store/memory-token-store';
export {
  type CarDataStoredTokens,
  type MyBMWStoredTokens,
  SECRET_TOKEN_FIELDS,
  type StoredTokens,
} from './token-store/stored-tokens';
export {
  parseTokenFile,
  serializeTokenFile,
  TOKEN_FILE_SCHEMA_VERSION,
} from './token-store/token-file-format';
export type { TokenStore } from './token-store/token-store';
