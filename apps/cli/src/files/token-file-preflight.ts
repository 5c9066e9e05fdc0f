import { stat } from 'node:fs/promises';
import { FileTokenStore } from '@bimmer/auth';
import { BimmerValidationError, isBimmerError } from '@bimmer/core';

/** The SDK's hint of a token file path that cannot be used (the CLI words the action itself). */
const HINT = 'Give a token file path in a directory this user can write, or fix the permissions.';

/**
 * Checks, before any login request is sent, that tokens can be kept at `path`, so a login is never
 * spent on tokens that could not be kept (the captcha token is single-use, and BMW rotates the
 * refresh token). The check is the SDK's `FileTokenStore.checkWritable()` (not a directory, its
 * directory exists or can be made, a file can be created there as the atomic writer does), plus the
 * one case it lets through: a path that is no regular file (a pipe, where reading would wait
 * forever; a device such as /dev/null, which a save would replace). Every failure is a
 * `BimmerValidationError` with action `check-files` (exit 11) that names the path.
 *
 * @throws BimmerValidationError naming the path and the reason.
 */
export async function checkTokenFileLocation(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    throw unusable(path, 'it is not a regular file (a pipe, a device or a socket)');
  }
  try {
    await new FileTokenStore(path).checkWritable();
  } catch (error) {
    // The SDK names the reasons it knows; any other system error is still this path's problem.
    if (isBimmerError(error)) throw error;
    throw unusable(path, codeOf(error) ?? 'unknown error', error);
  }
}

function unusable(path: string, reason: string, cause?: unknown): BimmerValidationError {
  return new BimmerValidationError(`The token file ${path} cannot be used: ${reason}.`, {
    paths: ['tokenStore'],
    hint: HINT,
    action: 'check-files',
    cause,
  });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
