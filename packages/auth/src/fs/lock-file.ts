import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BimmerApiError } from '@bimmer/core';
import { sleep } from '../time/sleep';
import { fileAccessError } from './file-access-error';

/** Options of {@link withLockFile}. */
export interface LockFileOptions {
  /**
   * A lock file older than this was left by a process that died holding it, and is broken.
   * Default 30 s; keep it well above the longest task.
   */
  staleMs?: number;
  /** Give up waiting for the lock after this long. Default 60 s. */
  timeoutMs?: number;
}

const isErrno = (error: unknown, code: string): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

/** Age of a file by its modification time, or undefined when it is gone. */
async function ageOf(path: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Creates the lock file (O_EXCL) holding `owner`; false when another holder has it. */
async function tryCreate(lockPath: string, owner: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(owner);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
}

/**
 * Breaks a stale lock. It is first renamed to a name of our own (atomic: of several processes that
 * saw it stale, one moves it); if what was moved turns out to be fresh (a holder re-created it in
 * between), it is linked back so that holder keeps its lock.
 */
async function breakStale(lockPath: string, staleMs: number): Promise<void> {
  const moved = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, moved);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const age = await ageOf(moved);
  if (age !== undefined && age <= staleMs) await link(moved, lockPath).catch(() => undefined);
  await unlink(moved).catch(() => undefined);
}

/**
 * Runs `task` while holding the lock file `lockPath`, so that one process at a time (and one caller
 * in this process) does what it guards: a CarData token refresh (the refresh token is single-use),
 * the read-modify-write of the CarData quota ledger. The file is created with O_EXCL and holds
 * only a process id and a random owner tag. A lock older than `staleMs` (its holder died) is
 * broken; waiting callers retry every few milliseconds. Release removes the file only while it is
 * still ours.
 *
 * Throws `BimmerApiError` when the lock stays taken for `timeoutMs`, and a `BimmerValidationError`
 * (action `check-files`) naming the lock file when its directory cannot be used.
 */
export async function withLockFile<T>(
  lockPath: string,
  task: () => Promise<T>,
  options: LockFileOptions = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const owner = `${process.pid} ${randomBytes(8).toString('hex')}`;
  try {
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileAccessError(lockPath, error, 'lock file');
  }
  while (
    !(await tryCreate(lockPath, owner).catch((error: unknown) =>
      Promise.reject(fileAccessError(lockPath, error, 'lock file')),
    ))
  ) {
    const age = await ageOf(lockPath);
    if (age !== undefined && age > staleMs) {
      await breakStale(lockPath, staleMs);
      continue;
    }
    if (Date.now() > deadline) {
      throw new BimmerApiError(`Timed out waiting for the lock file ${lockPath}.`, {
        hint: 'Another process using this file holds the lock; if none is running, delete the .lock file.',
        action: 'check-files',
      });
    }
    await sleep(5 + Math.random() * 20);
  }
  try {
    return await task();
  } finally {
    const holder = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (holder === owner) await unlink(lockPath).catch(() => undefined);
  }
}
