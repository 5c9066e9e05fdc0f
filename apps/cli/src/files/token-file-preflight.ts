import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliFileError } from '../errors/cli-file-error';

/** What each file-system error means for a token file, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long for the file system',
  EACCES: 'no permission',
  EPERM: 'no permission',
  EROFS: 'the file system is read-only',
  ELOOP: 'the path has a symbolic link loop',
  ENOSPC: 'the disk is full',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'it is a folder',
};

const HINT = 'Choose another file with --token-file PATH, or a folder with BIMMER_CONFIG_DIR.';

/**
 * Checks, before any login request is sent, that tokens can be kept at `path`: it is not a folder,
 * its folder exists or can be made, and a file can be created there the way the atomic writer does
 * (a hidden temp file with the writer's own name pattern, removed at once). A login whose tokens
 * could not be saved would be spent for nothing (the captcha token is single-use, and BMW rotates the
 * refresh token), so this fails first, with the path and the reason.
 *
 * @throws CliFileError naming the path and the reason.
 */
export async function checkTokenFileLocation(path: string): Promise<void> {
  let isFile = false;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw failure(path, 'it is a folder');
    if (!stats.isFile()) throw failure(path, 'it is not a regular file');
    isFile = true;
  } catch (error) {
    if (error instanceof CliFileError) throw error;
    if (errorCode(error) !== 'ENOENT') throw failure(path, reasonOf(error), error);
  }
  const directory = dirname(path);
  if (!isFile) {
    try {
      await mkdir(directory, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw failure(path, `its folder ${directory} cannot be made: ${reasonOf(error)}`, error);
    }
  }
  // The same name pattern as the atomic writer's temp files: as long, and swept up like them if left.
  const probe = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
  } catch (error) {
    throw failure(path, `a file cannot be written in ${directory}: ${reasonOf(error)}`, error);
  }
  await unlink(probe).catch(() => undefined);
}

function failure(path: string, reason: string, cause?: unknown): CliFileError {
  return new CliFileError(`Cannot keep tokens in ${path}: ${reason}.`, { path, hint: HINT, cause });
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reasonOf(error: unknown): string {
  const code = errorCode(error);
  return (code === undefined ? undefined : REASONS[code]) ?? code ?? 'unknown error';
}
