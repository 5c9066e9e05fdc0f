import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/** Every source, test and benchmark file of the workspace (no dependencies, no builds). */
function files(dir: string): string[] {
  if (!existsSync(join(repository, dir))) return [];
  return readdirSync(join(repository, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|mts|cts|mjs|cjs|js|html)$/.test(entry.name) ? [path] : [];
  });
}

const workspaces = ['packages', 'apps', 'tests'].flatMap((group) =>
  readdirSync(join(repository, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(group, entry.name)),
);

/** A line that is (part of) a comment. */
const COMMENT = /^\s*(\/\/|\/\*|\*)/;
/** Our reference notes, kept beside the repository and not shipped with it, and their section marks. */
const OUTSIDE =
  /\b(mybmw-(api|models)|cardata|adapters|conventions|style|toolchain|live-architecture)\.md|shared\/reference|integration guide|(?<!RFC \d+ )§/;

describe('comments', () => {
  it('cite nothing outside the repository (facts about BMW live in docs/)', () => {
    const offenders = workspaces
      .flatMap((workspace) =>
        ['src', 'test', 'bench', 'examples'].flatMap((dir) => files(join(workspace, dir))),
      )
      .filter((file) => !file.endsWith(join('e2e', 'src', 'comments.test.ts')))
      .flatMap((file) =>
        readFileSync(join(repository, file), 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            COMMENT.test(line) && OUTSIDE.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(offenders).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(workspaces).toEqual(expect.arrayContaining(['packages/core', 'apps/cli', 'tests/e2e']));
    expect(files(join('packages', 'core', 'src')).length).toBeGreaterThan(50);
  });
});
