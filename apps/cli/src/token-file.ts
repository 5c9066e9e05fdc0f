import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import type { CliIo } from './io';

/** The folder bimmer keeps its configuration and tokens in: `BIMMER_CONFIG_DIR`, else the platform's place. */
export function configDirectory(io: Pick<CliIo, 'env' | 'cwd'>): string {
  const override = io.env.BIMMER_CONFIG_DIR;
  if (override !== undefined && override !== '') return resolve(io.cwd, override);
  // XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Preferences on macOS, %APPDATA% on Windows.
  return envPaths('bimmer', { suffix: '' }).config;
}

/**
 * The default token file of one account: `<config>/tokens/<transport>-<region>-<hash>.json`. One file per
 * account, so switching accounts never sends one account's refresh token for another; the username is
 * hashed so the file name does not reveal the e-mail address.
 */
export function defaultTokenFile(
  io: Pick<CliIo, 'env' | 'cwd'>,
  account: { transport: string; region: string; username: string },
): string {
  const hash = createHash('sha256').update(account.username.trim().toLowerCase()).digest('hex').slice(0, 16);
  return join(configDirectory(io), 'tokens', `${account.transport}-${account.region}-${hash}.json`);
}
