import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBimmerError } from '@bimmer/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTokenFileLocation } from './token-file-preflight';

describe('checkTokenFileLocation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bimmer-preflight-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a new file (making its folders) and an existing one, and leaves no probe behind', async () => {
    await checkTokenFileLocation(join(dir, 'new', 'deeper', 'tokens.json'));
    expect(await readdir(join(dir, 'new', 'deeper'))).toEqual([]);
    await writeFile(join(dir, 'tokens.json'), '{}');
    await checkTokenFileLocation(join(dir, 'tokens.json'));
    expect(await readdir(dir)).toEqual(['new', 'tokens.json']);
  });

  it('names the path and the reason for a folder, a file in the path, a name too long, a pipe and a device', async () => {
    await mkdir(join(dir, 'a-folder'));
    await writeFile(join(dir, 'a-file'), 'x');
    execFileSync('mkfifo', [join(dir, 'a-pipe')]);
    const cases = [
      [join(dir, 'a-folder'), 'it is a directory'],
      [join(dir, 'a-file', 'tokens.json'), 'a part of its path is a file, not a directory'],
      [join(dir, `${'t'.repeat(300)}.json`), 'its name is too long'],
      // Short enough itself, but the writer's temp file beside it would not be.
      [join(dir, `${'t'.repeat(240)}.json`), 'its name is too long'],
      // Reading a pipe would wait forever; a save would replace a device (root may write /dev).
      [join(dir, 'a-pipe'), 'it is not a regular file'],
      ['/dev/null', 'it is not a regular file'],
    ] as const;
    for (const [path, reason] of cases) {
      const error = await checkTokenFileLocation(path).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(isBimmerError(error, 'validation'), path).toBe(true);
      expect((error as { action?: string }).action).toBe('check-files');
      expect((error as Error).message).toContain(`The token file ${path} cannot be used: ${reason}`);
    }
  });
});
