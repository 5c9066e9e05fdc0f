/**
 * `@bimmer/fingerprint`: anonymised recordings of a MyBMW account ("fingerprint directories", in
 * bimmer_connected's layout) that bug reports carry and the simulator replays.
 *
 * Deliberately not exported: the anonymiser's building blocks (key rules, text scanners, the
 * text-body anonymiser the writer uses), the content-type and extension tables, and the reader's
 * vehicle-list helper. `src/index.test.ts` lists every runtime export, so a new one is a visible change.
 */

// Recording: collect an account's responses, then write them anonymised.
export type { CapturedResponse } from '@bimmer/core';
// Anonymising a parsed response on its own.
export { type AnonymizeOptions, anonymize } from './anonymize/anonymize';
export { AnonymizationContext } from './anonymize/context';
export { PLACEHOLDERS } from './anonymize/placeholders';
// The layout: directory names and file names, both ways.
export {
  AUTH_DIRECTORY,
  AUTH_FILES,
  chargingSettingsFileName,
  FINGERPRINT_BRANDS,
  FINGERPRINT_PATHS,
  type FingerprintBrand,
  type FingerprintFileKind,
  type FingerprintFileNameParts,
  fingerprintFileName,
  imageFileName,
  type ParsedFingerprintFileName,
  parseFingerprintFileName,
  profileFileName,
  REMOTE_SERVICE_FILES,
  REMOTE_SERVICES_DIRECTORY,
  stateFileName,
  vehicleListFileName,
} from './layout';
// Reading fingerprint directories back (the simulator serves what these return).
export {
  emptyFingerprint,
  type Fingerprint,
  type FingerprintDocument,
  type FingerprintVehicle,
  readFingerprintDirectories,
  readFingerprintDirectory,
} from './reader';
export { createFingerprintRecorder, type FingerprintRecorder } from './recorder';
export {
  type SkippedFingerprintResponse,
  type SkipReason,
  type WriteFingerprintOptions,
  type WrittenFingerprint,
  type WrittenFingerprintFile,
  writeFingerprint,
} from './writer';
