import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BimmerApiError } from '@bimmer/core';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock older than this is left over from a crashed process and is broken. Default 10 s. */
  staleMs?: number;
  /** Give up waiting after this long. Default 10 s. */
  timeoutMs?: number;
}

/**
 * Runs `task` while holding `<path>.lock`, created with O_EXCL so only one process (or one caller in
 * this process) holds it at a time. Waiting callers retry every few milliseconds.
 */
export async function withFileLock<T>(
  path: string,
  task: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockPath = `${path}.lock`;
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await lockAge(lockPath);
      if (age !== undefined && age > staleMs) {
        await unlink(lockPath).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) {
        throw new BimmerApiError(`Timed out waiting for the lock ${lockPath}.`, {
          hint: 'Another bimmer process holds it; if none runs, delete the .lock file.',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15));
    }
  }
  try {
    return await task();
  } finally {
    await unlink(lockPath).catch(() => {});
  }
}

async function lockAge(lockPath: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return undefined;
  }
}
