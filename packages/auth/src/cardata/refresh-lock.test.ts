import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BimmerApiError } from '@bimmer/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../token-store/file-token-store';
import { MemoryTokenStore } from '../token-store/memory-token-store';
import { carDataRefreshLockPathOf, withRefreshLock } from './refresh-lock';

let dir: string;
let lockPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-refresh-lock-'));
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

describe('withRefreshLock', () => {
  it('runs one holder at a time and removes the lock afterwards', async () => {
    const log: string[] = [];
    const first = gate();
    const a = withRefreshLock(lockPath, async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    // Let `a` take the lock before `b` asks for it.
    while ((await readdir(dir)).length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const b = withRefreshLock(lockPath, async () => {
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
      withRefreshLock(lockPath, async () => {
        throw new Error('refresh failed');
      }),
    ).rejects.toThrow('refresh failed');
    expect(await readdir(dir)).toEqual([]);
    expect(await withRefreshLock(lockPath, async () => 'next')).toBe('next');
  });

  it('breaks a lock left by a dead process', async () => {
    await writeFile(lockPath, '999999 dead');
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPath, old, old);
    expect(await withRefreshLock(lockPath, async () => 'ran', { staleMs: 60_000 })).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives up with a typed error while a live holder keeps the lock', async () => {
    await writeFile(lockPath, '1 alive');
    const attempt = withRefreshLock(lockPath, async () => 'ran', { timeoutMs: 50 });
    await expect(attempt).rejects.toBeInstanceOf(BimmerApiError);
    await expect(attempt).rejects.toThrow(/refresh lock/);
    // The live holder's lock is left alone.
    expect(await readFile(lockPath, 'utf8')).toBe('1 alive');
  });

  it('does not remove a lock that another process took over after breaking ours', async () => {
    await withRefreshLock(lockPath, async () => {
      // Someone judged our lock stale and replaced it with theirs.
      await rm(lockPath);
      await writeFile(lockPath, '2 other');
    });
    expect(await readFile(lockPath, 'utf8')).toBe('2 other');
  });
});

describe('carDataRefreshLockPathOf', () => {
  it('locks beside a token file and has no default for stores without one', () => {
    expect(carDataRefreshLockPathOf(new FileTokenStore(join(dir, 'cardata.json')))).toBe(
      join(dir, 'cardata.json.lock'),
    );
    expect(carDataRefreshLockPathOf(new MemoryTokenStore())).toBeUndefined();
  });
});
