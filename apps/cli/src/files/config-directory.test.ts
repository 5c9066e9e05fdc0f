import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configDirectory, defaultTokenFile } from './config-directory';

describe('token file location', () => {
  it('honours BIMMER_CONFIG_DIR, relative to the working directory', () => {
    const io = { env: { BIMMER_CONFIG_DIR: 'conf' }, cwd: '/work' };
    expect(configDirectory(io)).toBe('/work/conf');
  });

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
