import { describe, expect, it } from 'vitest';
import * as entry from './internal';

describe('@bimmer/auth/internal exports', () => {
  it('exports exactly these runtime names (helpers for sibling packages, not public API)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "backoffDelayMs",
        "defaultMyBMWHeaders",
        "errorMessageOf",
        "isFileAccessError",
        "keepUnreadableFile",
        "removeStaleTempFiles",
        "retryAfterMs",
        "sleep",
        "withLockFile",
        "writeFileAtomic",
      ]
    `);
  });
});
