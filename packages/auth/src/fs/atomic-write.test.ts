import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the file with mode 0600 and leaves no temp file', async () => {
    const path = join(dir, 'state.json');
    await writeFileAtomic(path, '{"a":1}');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('keeps the old content and removes its temp file when the rename fails', async () => {
    const path = join(dir, 'tokens.json');
    await writeFileAtomic(path, 'old');
    let tempMode = 0;
    const failingRename = async (from: string) => {
      tempMode = (await stat(from)).mode & 0o777;
      throw new Error('disk gone');
    };
    await expect(writeFileAtomic(path, 'new secret', { rename: failingRename })).rejects.toThrow('disk gone');
    expect(tempMode).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('removes its temp file when the directory cannot be written', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    await expect(writeFileAtomic(join(blocker, 'state.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['file']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only old temp files of the same target', async () => {
    const path = join(dir, 'tokens.json');
    const old = join(dir, '.tokens.json.123.abc.tmp');
    const fresh = join(dir, '.tokens.json.456.def.tmp');
    const other = join(dir, '.other.json.123.abc.tmp');
    for (const file of [old, fresh, other]) await writeFile(file, 'secret');
    const past = new Date(Date.now() - 5 * 60_000);
    await utimes(old, past, past);
    await utimes(other, past, past);
    expect(await removeStaleTempFiles(path)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['.other.json.123.abc.tmp', '.tokens.json.456.def.tmp']);
  });

  it('is quiet when the directory does not exist', async () => {
    expect(await removeStaleTempFiles(join(dir, 'missing', 'tokens.json'))).toBe(0);
  });
});
