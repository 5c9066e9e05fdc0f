import { BimmerValidationError } from '@bimmer/core';

/** What a file-system error code means for a file the user chose, in words a user can act on. */
const REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory',
  // Not the system's: what `probeWritable` says of a pipe, a device or a socket.
  ENOTREG: 'it is not a regular file (a pipe, a device or a socket)',
  ENOTDIR: 'a part of its path is a file, not a directory',
  EEXIST: 'a part of its path is a file, not a directory',
  ENAMETOOLONG: 'its name is too long for the file system',
  EACCES: 'this user may not read or write it (or its directory)',
  EPERM: 'this user may not read or write it (or its directory)',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ELOOP: 'its path has too many symbolic links',
};

/** The errors {@link fileAccessError} made, so callers can tell a path problem from a content problem. */
const madeHere = new WeakSet<object>();

/** True for an error of {@link fileAccessError}: a path the user must fix, not damaged content. */
export function isFileAccessError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && madeHere.has(error);
}

/** The system error code of `error` (`ENOTDIR`, `EIO`, …), if it has one. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * The typed error for a file bimmer keeps (a token file, a state file) that cannot be read or written
 * for a reason the user must fix: it names the path and the reason (in words for the codes bimmer
 * explains, the code alone for the rarer ones), with action `check-files`. Errors without a system
 * error code are returned unchanged.
 *
 * @param what what the file is, e.g. `token file`.
 */
export function fileAccessError(path: string, error: unknown, what = 'token file'): unknown {
  const code = fileErrorCode(error);
  if (code === undefined) return error;
  const reason = REASONS[code] ?? 'the file system refused it';
  const typed = new BimmerValidationError(`The ${what} ${path} cannot be used: ${reason} (${code}).`, {
    paths: ['tokenStore'],
    cause: new Error(code),
    hint: `Give a ${what} path in a directory this user can write, or fix the permissions.`,
    action: 'check-files',
  });
  madeHere.add(typed);
  return typed;
}
