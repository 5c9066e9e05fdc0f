import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { posix, win32 } from 'node:path';
import { CliFileError } from '../errors/cli-file-error';
import type { CliIo } from '../io';

/** What the config folder depends on besides the environment; injected in tests. */
export interface SystemFacts {
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** The home folder the system's user database names (not `HOME`), when it names one. */
  userHome(): string | undefined;
}

/** The running system. */
export const SYSTEM: SystemFacts = {
  platform: process.platform,
  userHome: () => {
    try {
      return userInfo().homedir;
    } catch {
      return undefined; // A user without an entry in the user database (some containers).
    }
  },
};

/**
 * The folder bimmer keeps its configuration and tokens in: `BIMMER_CONFIG_DIR`, else the platform's
 * place (`$XDG_CONFIG_HOME/bimmer` or `~/.config/bimmer` on Linux, `~/Library/Preferences/bimmer` on
 * macOS, `%APPDATA%\bimmer\Config` on Windows). A relative or empty `HOME` (cron, systemd, some
 * containers) is never used, since it would put tokens under whatever the current folder is: the
 * system's own record of the home folder is used instead, and when there is none, this refuses.
 *
 * @throws CliFileError when no absolute folder can be found.
 */
export function configDirectory(io: Pick<CliIo, 'env' | 'cwd'>, system: SystemFacts = SYSTEM): string {
  const path = system.platform === 'win32' ? win32 : posix;
  const override = io.env.BIMMER_CONFIG_DIR;
  if (override !== undefined && override !== '') return path.resolve(io.cwd, override);
  const absolute = (value: string | undefined) =>
    value !== undefined && value !== '' && path.isAbsolute(value) ? value : undefined;
  const appData = absolute(io.env.APPDATA);
  if (system.platform === 'win32' && appData !== undefined) return path.join(appData, 'bimmer', 'Config');
  const xdg = absolute(io.env.XDG_CONFIG_HOME);
  if (system.platform !== 'win32' && system.platform !== 'darwin' && xdg !== undefined) {
    return path.join(xdg, 'bimmer');
  }
  const home =
    absolute(system.platform === 'win32' ? io.env.USERPROFILE : io.env.HOME) ?? absolute(system.userHome());
  if (home === undefined) {
    throw new CliFileError(
      'Found no folder to keep tokens in: HOME is empty or relative, and the system names no home folder.',
      {
        path: io.env.HOME ?? '',
        hint: 'Set BIMMER_CONFIG_DIR to a folder, pass --token-file PATH, or use --no-token-store.',
      },
    );
  }
  if (system.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'bimmer');
  if (system.platform === 'win32') return path.join(home, 'AppData', 'Roaming', 'bimmer', 'Config');
  return path.join(home, '.config', 'bimmer');
}

/**
 * The default token file of one account: `<config>/tokens/<transport>-<region>-<hash>.json`. One file per
 * account, so switching accounts never sends one account's refresh token for another; the username is
 * hashed so the file name does not reveal the e-mail address.
 */
export function defaultTokenFile(
  io: Pick<CliIo, 'env' | 'cwd'>,
  account: { transport: string; region: string; username: string },
  system: SystemFacts = SYSTEM,
): string {
  const hash = createHash('sha256').update(account.username.trim().toLowerCase()).digest('hex').slice(0, 16);
  const path = system.platform === 'win32' ? win32 : posix;
  return path.join(
    configDirectory(io, system),
    'tokens',
    `${account.transport}-${account.region}-${hash}.json`,
  );
}
