/**
 * Helpers shared between bimmer's own packages (`@bimmer/auth/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/auth`.
 */
export {
  type AtomicWriteOptions,
  keepUnreadableFile,
  removeStaleTempFiles,
  writeFileAtomic,
} from './fs/atomic-write';
export { isFileAccessError } from './fs/file-access-error';
export { type LockFileOptions, withLockFile } from './fs/lock-file';
export { backoffDelayMs } from './http/backoff';
export { errorMessageOf, retryAfterMs } from './http/retry-after';
export { defaultMyBMWHeaders } from './region/headers';
export { sleep } from './time/sleep';
