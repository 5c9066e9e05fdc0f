import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../exit-codes';
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

  it('asks for a missing username on a terminal and fails elsewhere', async () => {
    const terminal = memoryIo({ tty: true });
    const pending = resolveIdentity({}, terminal.io);
    terminal.stdin.write('typed@example.com\r');
    expect((await pending).username).toBe('typed@example.com');
    expect(terminal.stderr.text).toContain('MyBMW username');

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

  it('prompts without echo on a terminal, only when asked to', async () => {
    const terminal = memoryIo({ tty: true });
    const pending = resolvePassword({}, terminal.io, 'me@example.com', true);
    terminal.stdin.write('hunter2\r');
    expect(await pending).toBe('hunter2');
    expect(terminal.stderr.text).toBe('Password for me@example.com: \n');
    expect(await resolvePassword({}, memoryIo({ tty: true }).io, 'me', false)).toBeUndefined();
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
