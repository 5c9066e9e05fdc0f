import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../errors/cli-usage-error';
import { memoryIo } from '../test-support';
import { parseRegion, resolveIdentity, resolvePassword } from './resolve-credentials';

describe('resolveIdentity', () => {
  it('prefers flags over positionals over the environment', async () => {
    const { io } = memoryIo({
      env: {
        BIMMER_USERNAME: 'env@example.com',
        BIMMER_REGION: 'china',
        BIMMER_CAPTCHA_TOKEN: 'env-captcha',
      },
    });
    const positional = { username: 'pos@example.com', password: 'pw', region: 'na' };
    expect(await resolveIdentity({ username: 'flag@example.com', region: 'row', positional }, io)).toEqual({
      username: 'flag@example.com',
      region: 'rest_of_world',
      captchaToken: 'env-captcha',
    });
    expect(await resolveIdentity({ positional }, io)).toMatchObject({
      username: 'pos@example.com',
      region: 'north_america',
    });
    expect(await resolveIdentity({}, io)).toMatchObject({ username: 'env@example.com', region: 'china' });
  });

  it('defaults to rest_of_world and takes --captcha-token over the environment', async () => {
    const { io } = memoryIo({ env: { BIMMER_USERNAME: 'me@example.com', BIMMER_CAPTCHA_TOKEN: 'env' } });
    expect(await resolveIdentity({ captchaToken: 'flag' }, io)).toEqual({
      username: 'me@example.com',
      region: 'rest_of_world',
      captchaToken: 'flag',
    });
  });

  // Asking on a terminal is tested through a pseudo-terminal in test/terminal.test.ts.
  it('fails without a username when the input is not a terminal', async () => {
    await expect(resolveIdentity({}, memoryIo().io)).rejects.toBeInstanceOf(CliUsageError);
  });
});

describe('resolvePassword', () => {
  it('takes the positional, then BIMMER_PASSWORD', async () => {
    const { io } = memoryIo({ env: { BIMMER_PASSWORD: 'from-env' } });
    const positional = { username: 'u', password: 'from-positional', region: 'row' };
    expect(await resolvePassword({ positional }, io, 'u', true)).toBe('from-positional');
    expect(await resolvePassword({}, io, 'u', true)).toBe('from-env');
  });

  it('does not prompt when not asked to, even on a terminal', async () => {
    const terminal = memoryIo({ tty: true });
    expect(await resolvePassword({}, terminal.io, 'me', false)).toBeUndefined();
    expect(terminal.stderr.text).toBe('');
  });

  it('reads --password-stdin and returns undefined when nothing gives one', async () => {
    const piped = memoryIo();
    piped.stdin.end('piped-secret\n');
    expect(await resolvePassword({ passwordStdin: true }, piped.io, 'u', true)).toBe('piped-secret');
    expect(await resolvePassword({}, memoryIo().io, 'u', true)).toBeUndefined();
  });
});

describe('parseRegion', () => {
  it('accepts the reference names and short codes', () => {
    expect(parseRegion('REST_OF_WORLD')).toBe('rest_of_world');
    expect(parseRegion('cn')).toBe('china');
    expect(() => parseRegion('europe')).toThrow(CliUsageError);
  });
});
