import { describe, expect, it } from 'vitest';
import * as entry from './internal';

describe('@bimmer/auth/internal exports', () => {
  it('exports exactly these runtime names (helpers for sibling packages, not public API)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "STALE_TEMP_FILE_MS",
        "TOKEN_FILE_SCHEMA_VERSION",
        "backoffDelayMs",
        "defaultMyBMWHeaders",
        "errorMessageOf",
        "isFileAccessError",
        "keepUnreadableFile",
        "parseTokenFile",
        "removeStaleTempFiles",
        "retryAfterMs",
        "serializeTokenFile",
        "sleep",
        "withLockFile",
        "writeFileAtomic",
      ]
    `);
  });
});
