import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** The file mode; only the owner may read the file. Default `0o600`. */
  readonly mode?: number | undefined;
  /**
   * Moves the finished temporary file over the target. Defaults to `fs.rename`; tests inject a
   * failing one to prove that a crash before the rename leaves the old file intact.
   */
  readonly rename?: ((from: string, to: string) => Promise<void>) | undefined;
}

/** Temp files of a crashed writer are removed once they are this old. */
export const STALE_TEMP_FILE_MS = 60_000;

/** The prefix of every temp file {@link writeFileAtomic} makes for `path` (hidden, same directory). */
function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

function isTempFileOf(path: string, name: string): boolean {
  return name.startsWith(tempPrefix(path)) && name.endsWith('.tmp');
}

/** A fresh temp file name for `path`: hidden, in the same directory, with this process's id. */
export function tempFileFor(path: string): string {
  return join(dirname(path), `${tempPrefix(path)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Checks, without changing anything, that {@link writeFileAtomic} can write `path`: the path is a
 * regular file or nothing yet (not a directory; not a pipe, where reading would wait forever, nor a
 * device such as /dev/null, which a save would replace), its directory exists or can be created, and
 * a temp file of the same name length can be created there (and is removed at once). Throws the
 * file-system error (`EISDIR`, `ENOTDIR`, `ENAMETOOLONG`, `EACCES`, …) that the write would meet, or
 * one with code `ENOTREG` for a path that is no regular file.
 */
export async function probeWritable(path: string): Promise<void> {
  const existing = await stat(path).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  if (existing !== undefined && !existing.isFile()) {
    throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const probe = tempFileFor(path);
  const handle = await open(probe, 'wx', 0o600);
  await handle.close();
  await unlink(probe);
}

/**
 * Writes `data` to `path` so that readers see the old or the new content, never a torn file: a
 * temp file in the same directory, created with the final mode (0600) from the start, is written,
 * flushed (fsync) and renamed over the target, and the directory entry is flushed too. On every
 * failure path the temp file is removed, so no copy of a secret is left behind.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = tempFileFor(path);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(data);
      // The mode given to open() is masked by the umask; set it explicitly.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await (options.rename ?? rename)(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

/**
 * Removes the temp files that {@link writeFileAtomic} left for `path` when a process died between
 * creating and renaming them: same directory, same prefix, older than `olderThanMs` (a live writer
 * finishes well within that). Returns how many were removed; never throws.
 */
export async function removeStaleTempFiles(path: string, olderThanMs = STALE_TEMP_FILE_MS): Promise<number> {
  const directory = dirname(path);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!isTempFileOf(path, name)) continue;
    const file = join(directory, name);
    try {
      if (Date.now() - (await stat(file)).mtimeMs < olderThanMs) continue;
      await unlink(file);
      removed++;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Flushes the directory entry of a rename to disk; not every platform can open a directory, so best effort. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename itself is still atomic there.
  }
}

/**
 * Keeps a file bimmer cannot read aside instead of overwriting it: renames it to
 * `<path>.unreadable-<time>` (so nothing is silently lost and a person can look at it) and returns
 * the new path.
 */
export async function keepUnreadableFile(path: string, now: number): Promise<string> {
  const keptAs = `${path}.unreadable-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAs);
  return keptAs;
}
