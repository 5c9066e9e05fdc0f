import type { CapturedResponse } from '@bimmer/core';

/** Collects every response of a MyBMW account, in arrival order, for `writeFingerprint`. */
export interface FingerprintRecorder {
  /** Pass this as the account's `onResponse` option. */
  readonly onResponse: (response: CapturedResponse) => void;
  /** Every response seen so far, oldest first (a snapshot; later responses do not change it). */
  readonly responses: readonly CapturedResponse[];
}

/**
 * Creates a recorder that keeps every response it is given. Unlike the reference's process-wide
 * store of the last 10 responses, nothing is dropped, and each recorder is independent, so two
 * accounts recorded at the same time do not mix.
 *
 * The recorder holds raw, NOT anonymised responses: keep it in memory and hand it to
 * `writeFingerprint`, which anonymises before anything reaches the disk.
 */
export function createFingerprintRecorder(): FingerprintRecorder {
  const recorded: CapturedResponse[] = [];
  return {
    onResponse: (response) => {
      // A shallow copy, so a caller reusing its object cannot rewrite what was recorded.
      recorded.push({ ...response, query: { ...response.query } });
    },
    get responses() {
      return [...recorded];
    },
  };
}
