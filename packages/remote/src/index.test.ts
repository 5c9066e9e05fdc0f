import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('@bimmer/remote exports', () => {
  it('exports exactly these runtime names (a new export is a reviewed change)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_POI_NAME",
        "ExecutionState",
        "RemoteService",
        "RemoteServices",
        "remoteServices",
      ]
    `);
  });
});
