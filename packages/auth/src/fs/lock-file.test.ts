import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BimmerApiError } from '@bimmer/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLockFile } from './lock-file';

let dir: string;
let lockPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-lock-file-'));
  lockPath = join(dir, 'tokens.json.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A promise plus its resolve function, to hold a task open until the test lets it finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('withLockFile', () => {
  it('runs one holder at a time and removes the lock afterwards', async () => {
    const log: string[] = [];
    const first = gate();
    const a = withLockFile(lockPath, async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    // Let `a` take the lock and start its task before `b` asks for it (no fixed delay: a busy machine
    // may take a while).
    while (!log.includes('a start')) await new Promise((resolve) => setTimeout(resolve, 1));
    const b = withLockFile(lockPath, async () => {
      log.push('b start');
      return 'b';
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the task fails', async () => {
    await expect(
      withLockFile(lockPath, async () => {
        throw new Error('refresh failed');
      }),
    ).rejects.toThrow('refresh failed');
    expect(await readdir(dir)).toEqual([]);
    expect(await withLockFile(lockPath, async () => 'next')).toBe('next');
  });

  it('breaks a lock left by a dead process', async () => {
    await writeFile(lockPath, '999999 dead');
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPath, old, old);
    expect(await withLockFile(lockPath, async () => 'ran', { staleMs: 60_000 })).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives up with a typed error while a live holder keeps the lock', async () => {
    await writeFile(lockPath, '1 alive');
    const attempt = withLockFile(lockPath, async () => 'ran', { timeoutMs: 50 });
    await expect(attempt).rejects.toBeInstanceOf(BimmerApiError);
    await expect(attempt).rejects.toThrow(/lock file/);
    // The live holder's lock is left alone.
    expect(await readFile(lockPath, 'utf8')).toBe('1 alive');
  });

  it('does not remove a lock that another process took over after breaking ours', async () => {
    await withLockFile(lockPath, async () => {
      // Someone judged our lock stale and replaced it with theirs.
      await rm(lockPath);
      await writeFile(lockPath, '2 other');
    });
    expect(await readFile(lockPath, 'utf8')).toBe('2 other');
  });
});
