import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliFileError } from '../errors/cli-file-error';
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

  it('names the path and the reason for a folder, a file in the path and a name too long', async () => {
    await mkdir(join(dir, 'a-folder'));
    await writeFile(join(dir, 'a-file'), 'x');
    const cases = [
      [join(dir, 'a-folder'), 'it is a folder'],
      [join(dir, 'a-file', 'tokens.json'), 'a part of the path is a file, not a folder'],
      [join(dir, `${'t'.repeat(300)}.json`), 'the name is too long'],
      // Short enough itself, but the writer's temp file beside it would not be.
      [join(dir, `${'t'.repeat(240)}.json`), 'the name is too long'],
    ] as const;
    for (const [path, reason] of cases) {
      const error = await checkTokenFileLocation(path).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, path).toBeInstanceOf(CliFileError);
      expect((error as CliFileError).path).toBe(path);
      expect((error as CliFileError).message).toContain(path);
      expect((error as CliFileError).message).toContain(reason);
    }
  });
});
