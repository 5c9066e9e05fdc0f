import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every source, test and benchmark file of this package. */
function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('comments', () => {
  it('cite nothing outside the repository (facts about BMW live in docs/)', () => {
    const outside = /mybmw-(api|models)\.md|shared\/reference|§/;
    const offenders = ['src', 'test', 'bench']
      .flatMap(files)
      .filter((file) => file !== join('test', 'citations.test.ts'))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (outside.test(line) ? [`${file}:${index + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
