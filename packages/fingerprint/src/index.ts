export * from './anonymize/index';
export type { CapturedResponse } from './captured-response';
export * from './layout';
export * from './reader';
export { createFingerprintRecorder, type FingerprintRecorder } from './recorder';
export {
  type SkippedFingerprintResponse,
  type SkipReason,
  type WriteFingerprintOptions,
  type WrittenFingerprint,
  type WrittenFingerprintFile,
  writeFingerprint,
} from './writer';
