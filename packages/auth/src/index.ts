// The MyBMW login: one authenticator that logs in, refreshes and keeps tokens.
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
// BMW CarData's device-code login and session.
export * from './cardata/index';
// Building blocks of the logins, for tools and tests that speak BMW's protocols themselves.
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
// Token stores: where logins live between runs.
export type { LockFileOptions } from './fs/lock-file';
export type { FetchLike } from './http/fetch-like';
export { type AuthLogger, silentLogger } from './logger';
export { createPkce, createS256CodeChallenge, generateToken, type PkceValues } from './oauth/pkce';
export { getRegionConfig, type MyBMWRegionCode, type MyBMWRegionConfig } from './region/region-config';
export type { MyBMWIdentity } from './stored-session';
export { CallbackTokenStore, type TokenStoreCallbacks } from './token-store/callback-token-store';
export { FileTokenStore, type FileTokenStoreOptions } from './token-store/file-token-store';
export { MemoryTokenStore } from './token-store/memory-token-store';
export {
  type CarDataStoredTokens,
  type MyBMWStoredTokens,
  SECRET_TOKEN_FIELDS,
  type StoredTokens,
} from './token-store/stored-tokens';
export type { TokenStore } from './token-store/token-store';

// Deliberately not exported: the login client and flows (`LoginClient`, `gcdmLogin`, `chinaLogin`, …),
// user-agent builders and headers, the token-file format. Sibling packages get what they share from
// `@bimmer/auth/internal`; regions and brands live in `@bimmer/core` (`Region`, `requireRegion`, `CarBrand`).
