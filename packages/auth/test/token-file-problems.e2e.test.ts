/**
 * A token file that cannot be used, against the simulator: the authenticator names the problem (the
 * path, or what the stored session is) with a typed error before any login request is sent, never
 * overwrites another transport's login, and never falls back to "no password was given" when the
 * real story is a damaged or foreign file. Request counts come from the simulator's log.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BimmerError, isBimmerError } from '@bimmer/core';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator } from '../src/authenticator';
import { FileTokenStore } from '../src/token-store/file-token-store';
import { serializeTokenFile } from '../src/token-store/token-file-format';
import { RecordingLogger } from './helpers';

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, fingerprints: [] });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  dir = await mkdtemp(join(tmpdir(), 'bimmer-auth-files-'));
  return () => rm(dir, { recursive: true, force: true });
});

const DEMO = { username: 'demo@bimmer.dev', password: 'bimmer-demo' };

function authenticator(path: string, password = DEMO.password, logger = new RecordingLogger()) {
  return new MyBMWAuthenticator({
    username: DEMO.username,
    password,
    region: 'rest_of_world',
    captchaToken: 'P1_any',
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(path),
    clock: { now: sim.clock.now, sleep: async () => {} },
    logger,
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as BimmerError,
  );

/** A path the current user cannot create: in a read-only directory, or (root may write anything) in sysfs. */
async function unwritablePath(): Promise<string> {
  if (process.getuid?.() === 0) return '/sys/bimmer-test/tokens.json';
  const locked = join(dir, 'locked');
  await mkdir(locked, { mode: 0o500 });
  return join(locked, 'tokens.json');
}

describe('token file paths that cannot be used', () => {
  it.each([
    ['a directory', () => dir, 'it is a directory'],
    ['below a file', () => join(dir, 'a-file', 'tokens.json'), 'a part of its path is a file'],
    ['a name too long', () => join(dir, `${'m'.repeat(300)}.json`), 'its name is too long'],
  ])('%s: a typed error with the path, before any login request', async (_, pathOf, reason) => {
    await writeFile(join(dir, 'a-file'), 'x');
    const path = pathOf();
    const error = await failure(authenticator(path).getAccessToken());
    expect(isBimmerError(error, 'validation')).toBe(true);
    expect(error?.action).toBe('check-files');
    expect(error?.message).toContain(`The token file ${path} cannot be used: ${reason}`);
    expect(sim.requests()).toEqual([]);
  });

  // It needs a directory mode Windows lacks, or (as root) Linux's sysfs.
  it.skipIf(process.platform !== 'linux')(
    `unwritable: a typed error with the path, before any login request${process.platform === 'linux' ? '' : ' (skipped: Linux only)'}`,
    async () => {
      const path = await unwritablePath();
      const error = await failure(authenticator(path).getAccessToken());
      expect(isBimmerError(error, 'validation')).toBe(true);
      expect(error?.message).toContain(`The token file ${path} cannot be used`);
      expect(error?.message).toMatch(/may not read or write it|read-only/);
      expect(sim.requests()).toEqual([]);
    },
  );
});

describe('a stored session that cannot be used', () => {
  it('refuses CarData tokens in a MyBMW token file, and leaves them as they are', async () => {
    const path = join(dir, 'tokens.json');
    const cardata = serializeTokenFile({ kind: 'cardata', clientId: 'c', refreshToken: 'cardata-refresh' });
    await writeFile(path, cardata);
    const error = await failure(authenticator(path).getAccessToken());
    expect(isBimmerError(error, 'validation')).toBe(true);
    expect(error?.action).toBe('check-files');
    expect(error?.message).toBe(`The token file ${path} holds BMW CarData tokens, not a MyBMW login.`);
    expect(sim.requests()).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe(cardata);
  });

  it.each([
    ['damaged', '{"schemaVersion":1,"kind":"mybmw",', 'is damaged: it is not valid JSON'],
    [
      'of another version',
      JSON.stringify({ schemaVersion: 2, kind: 'mybmw', region: 'rest_of_world', refreshToken: 'r' }),
      'was written by another version of bimmer (token file schema version 2',
    ],
  ])('names a %s file instead of "no password was given"', async (_, text, named) => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, text);
    const error = await failure(authenticator(path, '').getAccessToken());
    expect(isBimmerError(error, 'validation')).toBe(true);
    expect(error?.action).toBe('check-files');
    expect(error?.message).toContain(named);
    expect(error?.message).not.toContain('no password');
    expect(sim.requests()).toEqual([]);
  });

  it('names a login of another account instead of "no password was given"', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(
      path,
      serializeTokenFile({
        kind: 'mybmw',
        region: 'rest_of_world',
        username: 'other@example.test',
        refreshToken: 'r',
      }),
    );
    const error = await failure(authenticator(path, '').getAccessToken());
    expect(isBimmerError(error, 'auth')).toBe(true);
    expect(error?.action).toBe('mybmw-login');
    expect(error?.message).toBe(`The token file ${path} holds the MyBMW login of another account.`);
    expect(sim.requests()).toEqual([]);
  });

  it('with the password, replaces a damaged file after a new login, and says so', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, '{"schemaVersion":1,');
    const logger = new RecordingLogger();
    await authenticator(path, DEMO.password, logger).getAccessToken();
    expect(logger.lines.some((line) => line.includes('is damaged') && line.startsWith('warn'))).toBe(true);
    const stored = await new FileTokenStore(path).load();
    expect(stored?.kind).toBe('mybmw');
  });
});

describe('MyBMWAuthenticator.canResume, the one rule for adapters', () => {
  it('agrees with what the authenticator does with the stored session', async () => {
    const path = join(dir, 'tokens.json');
    await authenticator(path).getAccessToken();
    const stored = await new FileTokenStore(path).load();
    const identity = { username: '  DEMO@bimmer.dev ', region: 'row' };
    expect(MyBMWAuthenticator.canResume(stored, identity)).toBe(true);
    expect(MyBMWAuthenticator.canResume(stored, { ...identity, region: 'na' })).toBe(false);
    expect(MyBMWAuthenticator.unusableSessionError(stored, { ...identity, region: 'na' })?.message).toBe(
      'The token store holds a MyBMW login for rest_of_world, not for north_america.',
    );
    // Resuming it without a password sends a refresh at most, never a password login.
    const resumed = authenticator(path, '');
    expect(resumed.canResume(stored)).toBe(true);
    sim.clearRequests();
    await resumed.getAccessToken();
    expect(sim.requests().filter((r) => r.path === '/gcdm/oauth/authenticate')).toEqual([]);
  });
});
