import { isAbsolute, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliFileError } from '../errors/cli-file-error';
import { configDirectory, defaultTokenFile, type SystemFacts } from './config-directory';

const linux = (userHome?: string): SystemFacts => ({ platform: 'linux', userHome: () => userHome });

describe('the config folder', () => {
  it('honours BIMMER_CONFIG_DIR, relative to the working directory', () => {
    expect(configDirectory({ env: { BIMMER_CONFIG_DIR: 'conf' }, cwd: '/work' }, linux('/home/me'))).toBe(
      '/work/conf',
    );
  });

  it('is the platform place under HOME', () => {
    const io = { env: { HOME: '/home/me' }, cwd: '/work' };
    expect(configDirectory(io, linux('/other'))).toBe('/home/me/.config/bimmer');
    expect(configDirectory({ ...io, env: { ...io.env, XDG_CONFIG_HOME: '/xdg' } }, linux())).toBe(
      '/xdg/bimmer',
    );
    expect(configDirectory(io, { platform: 'darwin', userHome: () => undefined })).toBe(
      '/home/me/Library/Preferences/bimmer',
    );
  });

  it('never uses an empty or relative HOME or XDG_CONFIG_HOME: the user database, or a refusal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '.', 'home', './x', '~'),
        fc.constantFrom(undefined, '', 'relative'),
        fc.constantFrom(undefined, '/from/passwd'),
        (home, xdg, userHome) => {
          const env = xdg === undefined ? { HOME: home } : { HOME: home, XDG_CONFIG_HOME: xdg };
          const io = { env, cwd: '/current/folder' };
          if (userHome === undefined) {
            expect(() => configDirectory(io, linux(userHome))).toThrow(CliFileError);
            return;
          }
          const directory = configDirectory(io, linux(userHome));
          expect(isAbsolute(directory)).toBe(true);
          expect(directory.startsWith('/current/folder')).toBe(false);
          expect(directory).toBe('/from/passwd/.config/bimmer');
        },
      ),
    );
  });

  it('says what to do when there is no home folder at all', () => {
    let error: unknown;
    try {
      configDirectory({ env: { HOME: '' }, cwd: '/' }, linux());
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CliFileError);
    expect((error as CliFileError).message).toMatch(/HOME is empty or relative/);
    expect((error as CliFileError).hint).toMatch(/BIMMER_CONFIG_DIR.*--token-file PATH/);
  });
});

describe('the default token file', () => {
  it('is one file per transport, region and account, without the username in the name', () => {
    const io = { env: { BIMMER_CONFIG_DIR: '/cfg' }, cwd: '/' };
    fc.assert(
      fc.property(fc.emailAddress(), fc.emailAddress(), (a, b) => {
        const fileA = defaultTokenFile(io, { transport: 'mybmw', region: 'rest_of_world', username: a });
        const fileB = defaultTokenFile(io, { transport: 'mybmw', region: 'rest_of_world', username: b });
        expect(fileA.startsWith(join('/cfg', 'tokens', 'mybmw-rest_of_world-'))).toBe(true);
        expect(fileA).not.toContain(a);
        expect(fileA === fileB).toBe(a.trim().toLowerCase() === b.trim().toLowerCase());
      }),
    );
    const china = defaultTokenFile(io, { transport: 'mybmw', region: 'china', username: 'x@y.z' });
    expect(china).toContain('mybmw-china-');
  });
});
