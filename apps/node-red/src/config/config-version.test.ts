import { describe, expect, it } from 'vitest';
import { ACCOUNT_DEFAULTS, accountSettingsOf, settingsFingerprint } from './account-settings';
import { CONFIG_VERSION, fillDefaults, migrateConfig } from './config-version';

describe('node configuration versions', () => {
  it('migrates a configuration without a version by filling the defaults of version 1', () => {
    const { config, storedVersion } = migrateConfig('bimmer-vehicle', { vin: 'WBA1', refresh: null }, [
      fillDefaults({ vin: '', refresh: false, account: '' }),
    ]);
    expect(storedVersion).toBe(0);
    expect(config).toEqual({ vin: 'WBA1', refresh: false, account: '', configVersion: CONFIG_VERSION });
  });

  it('leaves a current configuration as it is', () => {
    const stored = { vin: 'WBA1', configVersion: CONFIG_VERSION };
    expect(migrateConfig('bimmer-vehicle', stored, []).config).toBe(stored);
  });

  it('refuses a configuration of a newer release, and a version that is not one, with the typed code', () => {
    expect(() => migrateConfig('bimmer-watch', { configVersion: CONFIG_VERSION + 1 }, [])).toThrow(
      expect.objectContaining({
        code: 'validation',
        message: expect.stringContaining('newer @bimmer/node-red'),
      }),
    );
    expect(() => migrateConfig('bimmer-watch', { configVersion: 'one' }, [])).toThrow(
      expect.objectContaining({ code: 'validation' }),
    );
  });
});

describe('account settings', () => {
  it('reads an unversioned account with defaults and keeps secrets out of the fingerprint text', () => {
    const settings = accountSettingsOf({ clientId: ' abc ' }, { password: 'secret-password' });
    expect(settings).toMatchObject({
      transport: 'cardata',
      clientId: 'abc',
      staleMinutes: ACCOUNT_DEFAULTS.staleMinutes,
    });
    const fingerprint = settingsFingerprint(settings);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).not.toContain('secret');
    expect(settingsFingerprint(accountSettingsOf({ clientId: 'abc' }, { password: 'other' }))).not.toBe(
      fingerprint,
    );
    expect(
      settingsFingerprint(
        accountSettingsOf({ clientId: 'abc', name: 'renamed' }, { password: 'secret-password' }),
      ),
    ).toBe(fingerprint);
  });

  it.each([
    [{ transport: 'fax' }, 'transport'],
    [{ baseUrl: 'ftp://example' }, 'baseUrl'],
    [{ streamUrl: 'not a url' }, 'streamUrl'],
    [{ transport: 'hub' }, 'hubUrl'],
    [{ transport: 'mybmw' }, 'username'],
    [{ transport: 'mybmw', username: 'a@b.c', region: 'mars' }, 'region'],
    [{ staleMinutes: -1 }, 'staleMinutes'],
  ])('refuses %j naming %s', (config, path) => {
    expect(() => accountSettingsOf(config)).toThrow(
      expect.objectContaining({ code: 'validation', paths: [path] }),
    );
  });
});
