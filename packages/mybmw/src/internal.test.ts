import { describe, expect, it } from 'vitest';
import * as entry from './internal';

describe('@bimmer/mybmw/internal exports', () => {
  it('exports exactly these runtime names (helpers for sibling packages, not public API)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "MyBMWEndpoints",
        "isAccountWideError",
        "isUnknownOutcome",
      ]
    `);
  });
});
