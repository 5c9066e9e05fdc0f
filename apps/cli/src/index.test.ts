import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('@bimmer/cli exports', () => {
  it('exports exactly these runtime names (a new export is a reviewed change)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "COMMANDS",
        "Cleanups",
        "ExitCode",
        "createColors",
        "exitCodeForError",
        "processIo",
        "renderFleetStatus",
        "renderVehicleStatus",
        "runCli",
      ]
    `);
  });
});
