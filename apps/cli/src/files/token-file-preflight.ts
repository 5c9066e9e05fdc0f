import { FileTokenStore } from '@bimmer/auth';

/**
 * Checks, before any login request is sent, that tokens can be kept at `path`, so a login is never
 * spent on tokens that could not be kept (the captcha token is single-use, and BMW rotates the
 * refresh token). The check is the SDK's `FileTokenStore.checkWritable()`: a regular file or nothing
 * yet (no directory, pipe or device), its directory exists or can be made, and a file can be created
 * there as the atomic writer does. Every failure is a `BimmerValidationError` with action
 * `check-files` (exit 11) that names the path.
 *
 * @throws BimmerValidationError naming the path and the reason.
 */
export async function checkTokenFileLocation(path: string): Promise<void> {
  await new FileTokenStore(path).checkWritable();
}
