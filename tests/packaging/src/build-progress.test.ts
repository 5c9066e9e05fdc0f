import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run';

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));

describe('the build progress of pnpm demo (scripts/build-with-progress.mjs)', () => {
  it("prints one line per package and a total, none of turbo's hashes or tsup's file lists", async () => {
    const result = await run(
      process.execPath,
      ['scripts/build-with-progress.mjs', '--filter=@bimmer/fingerprint...'],
      {
        cwd: REPOSITORY,
        env: { PATH: `${REPOSITORY}/node_modules/.bin:${process.env.PATH ?? ''}` },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Building/);
    expect(lines.slice(1, -1).sort()).toEqual([
      expect.stringMatching(/^ {2}@bimmer\/core +(cached|building)$/),
      expect.stringMatching(/^ {2}@bimmer\/fingerprint +(cached|building)$/),
    ]);
    expect(lines.at(-1)).toMatch(/^Built 2 packages in \d+\.\d s \(\d cached\)\.$/);
    expect(result.stdout).not.toMatch(/[0-9a-f]{16}|dist\/|tsup/);
  });
});
