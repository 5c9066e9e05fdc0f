import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BimmerValidationError } from '@bimmer/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallbackTokenStore } from './callback-token-store';
import { FileTokenStore } from './file-token-store';
import { MemoryTokenStore } from './memory-token-store';
import type { CarDataStoredTokens, MyBMWStoredTokens, StoredTokens } from './stored-tokens';
import { parseTokenFile, serializeTokenFile, TOKEN_FILE_SCHEMA_VERSION } from './token-file-format';

const MYBMW: MyBMWStoredTokens = {
  kind: 'mybmw',
  region: 'north_america',
  username: 'driver@example.test',
  accessToken: 'access-1',
  accessTokenExpiresAt: 1_800_000_000_000,
  refreshToken: 'refresh-1',
  gcid: 'gcid-1',
  sessionId: 'session-1',
  sessionIdCreatedAt: 1_790_000_000_000,
};

const CARDATA: CarDataStoredTokens = {
  kind: 'cardata',
  clientId: 'client-1',
  gcid: 'gcid-2',
  accessToken: 'access-2',
  idToken: 'id-2',
  refreshToken: 'refresh-2',
  scope: 'authenticate_user openid cardata:api:read',
  expiresAt: 1_800_000_000_000,
  refreshExpiresAt: 1_801_000_000_000,
};

const optionalText = fc.option(fc.string(), { nil: undefined });
const optionalTime = fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined });
/** Drops absent fields, which the file format omits too. */
const withoutUndefined = (value: object): StoredTokens =>
  Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as unknown as StoredTokens;
const arbitraryTokens: fc.Arbitrary<StoredTokens> = fc.oneof(
  fc
    .record({
      kind: fc.constant('mybmw' as const),
      region: fc.constantFrom('rest_of_world' as const, 'north_america' as const, 'china' as const),
      username: optionalText,
      accessToken: optionalText,
      accessTokenExpiresAt: optionalTime,
      refreshToken: optionalText,
      gcid: optionalText,
      sessionId: optionalText,
      sessionIdCreatedAt: optionalTime,
    })
    .map(withoutUndefined),
  fc
    .record({
      kind: fc.constant('cardata' as const),
      clientId: optionalText,
      gcid: optionalText,
      accessToken: optionalText,
      idToken: optionalText,
      refreshToken: optionalText,
      scope: optionalText,
      expiresAt: optionalTime,
      refreshExpiresAt: optionalTime,
    })
    .map(withoutUndefined),
);

describe('token file format', () => {
  it('round-trips any MyBMW or CarData token set', () => {
    fc.assert(
      fc.property(arbitraryTokens, (tokens) => {
        expect(parseTokenFile(serializeTokenFile(tokens), 'tokens.json')).toEqual(tokens);
      }),
    );
  });

  it('writes the schema version first', () => {
    expect(JSON.parse(serializeTokenFile(MYBMW))).toEqual({
      schemaVersion: TOKEN_FILE_SCHEMA_VERSION,
      ...MYBMW,
    });
  });

  it('names a damaged file, another version and an unknown kind, each for what it is', () => {
    const messageOf = (text: string) => {
      try {
        parseTokenFile(text, '/tmp/tokens.json');
      } catch (error) {
        expect(error).toBeInstanceOf(BimmerValidationError);
        expect((error as BimmerValidationError).action).toBe('check-files');
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    expect(messageOf('{"schemaVersion":1,')).toBe(
      'The token file /tmp/tokens.json is damaged: it is not valid JSON.',
    );
    expect(messageOf(JSON.stringify({ ...MYBMW, schemaVersion: 2 }))).toBe(
      'The token file /tmp/tokens.json was written by another version of bimmer (token file schema version 2; this version reads 1).',
    );
    expect(messageOf(JSON.stringify({ ...MYBMW, schemaVersion: 1, kind: 'other' }))).toContain(
      'its kind is neither "mybmw" nor "cardata"',
    );
    expect(messageOf(JSON.stringify({ ...MYBMW, schemaVersion: '1' }))).toContain(
      'it has no valid schemaVersion',
    );
  });

  it('rejects damaged files with a typed error that names the file but no secret', () => {
    const damaged = [
      '{"schemaVersion":1,"kind":"mybmw","region":"rest_of_world","accessToken":"secret-a"',
      '[]',
      JSON.stringify({ ...MYBMW, schemaVersion: 2 }),
      JSON.stringify({ ...MYBMW, schemaVersion: 1, kind: 'other' }),
      JSON.stringify({ ...MYBMW, schemaVersion: 1, region: 'mars' }),
      JSON.stringify({ ...MYBMW, schemaVersion: 1, refreshToken: 42 }),
      JSON.stringify({ ...MYBMW, schemaVersion: 1, accessTokenExpiresAt: 'tomorrow' }),
    ];
    for (const text of damaged) {
      let error: unknown;
      try {
        parseTokenFile(text, '/tmp/tokens.json');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BimmerValidationError);
      expect((error as Error).message).toContain('/tmp/tokens.json');
      expect((error as Error).message).not.toMatch(/secret-a|access-1|refresh-1/);
    }
  });
});

describe('MemoryTokenStore and CallbackTokenStore', () => {
  it('keep copies, so later changes by the caller do not leak in', async () => {
    const store = new MemoryTokenStore();
    expect(await store.load()).toBeUndefined();
    const tokens = { ...MYBMW };
    await store.save(tokens);
    (tokens as { gcid: string }).gcid = 'changed';
    expect(await store.load()).toEqual(MYBMW);
  });

  it('delegate to the callbacks and read null as nothing stored', async () => {
    const saved: StoredTokens[] = [];
    let stored: StoredTokens | null = null;
    const store = new CallbackTokenStore({
      load: () => stored,
      save: async (tokens) => {
        saved.push(tokens);
        stored = tokens;
      },
    });
    expect(await store.load()).toBeUndefined();
    await store.save(CARDATA);
    expect(saved).toEqual([CARDATA]);
    expect(await store.load()).toEqual(CARDATA);
  });
});

describe('FileTokenStore', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'bimmer-auth-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('loads nothing from a missing file and creates missing directories', async () => {
    const store = new FileTokenStore(join(directory, 'nested', 'deeper', 'tokens.json'));
    expect(await store.load()).toBeUndefined();
    await store.save(MYBMW);
    expect(await store.load()).toEqual(MYBMW);
  });

  it('writes JSON with a schema version, readable only by its owner, without leftovers', async () => {
    const path = join(directory, 'tokens.json');
    await new FileTokenStore(path).save(MYBMW);
    await new FileTokenStore(path).save(CARDATA);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ schemaVersion: 1, ...CARDATA });
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['tokens.json']);
  });

  it('throws a typed error for a corrupt file and leaves it untouched', async () => {
    const path = join(directory, 'tokens.json');
    await writeFile(path, '{"schemaVersion":1,"kind":"mybmw",', 'utf8');
    const store = new FileTokenStore(path);
    await expect(store.load()).rejects.toBeInstanceOf(BimmerValidationError);
    expect(await readFile(path, 'utf8')).toBe('{"schemaVersion":1,"kind":"mybmw",');
  });

  it('keeps the old file intact when the process dies between writing and renaming', async () => {
    const path = join(directory, 'tokens.json');
    await new FileTokenStore(path).save(MYBMW);
    const crashing = new FileTokenStore(path, {
      rename: async () => {
        throw new Error('killed before rename');
      },
    });
    await expect(crashing.save({ ...MYBMW, refreshToken: 'refresh-2' })).rejects.toThrow(
      'killed before rename',
    );
    expect(await new FileTokenStore(path).load()).toEqual(MYBMW);
    expect(await readdir(directory)).toEqual(['tokens.json']);
  });

  it('runs overlapping saves in order, so the newest tokens stay', async () => {
    const path = join(directory, 'tokens.json');
    const store = new FileTokenStore(path);
    const saves = Array.from({ length: 10 }, (_, index) =>
      store.save({ ...MYBMW, refreshToken: `refresh-${index}` }),
    );
    await Promise.all(saves);
    expect(await store.load()).toEqual({ ...MYBMW, refreshToken: 'refresh-9' });
  });

  it.each([
    ['a directory', (dir: string) => dir, 'it is a directory (EISDIR)'],
    [
      'below a file',
      (dir: string) => join(dir, 'a-file', 'tokens.json'),
      'a part of its path is a file, not a directory',
    ],
    ['a name too long', (dir: string) => join(dir, `${'t'.repeat(300)}.json`), 'its name is too long'],
  ])(
    'names a token file path that is %s, with the path, before anything is written',
    async (_, pathIn, reason) => {
      await writeFile(join(directory, 'a-file'), 'not a directory', 'utf8');
      const path = pathIn(directory);
      const store = new FileTokenStore(path);
      for (const attempt of [() => store.checkWritable(), () => store.save(MYBMW)]) {
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BimmerValidationError);
        expect((error as BimmerValidationError).action).toBe('check-files');
        expect((error as Error).message).toContain(`The token file ${path} cannot be used: ${reason}`);
      }
      expect((await readdir(directory)).sort()).toEqual(['a-file']);
    },
  );

  it('names an unreadable token file when loading it', async () => {
    const store = new FileTokenStore(directory);
    const error = await store.load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BimmerValidationError);
    expect((error as Error).message).toBe(
      `The token file ${directory} cannot be used: it is a directory (EISDIR).`,
    );
  });

  it('refuses a path that is no regular file (a pipe would block a read, a save would replace a device)', async () => {
    const pipe = join(directory, 'a-pipe');
    execFileSync('mkfifo', [pipe]);
    for (const path of [pipe, '/dev/null']) {
      const error = await new FileTokenStore(path).checkWritable().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BimmerValidationError);
      expect((error as BimmerValidationError).action).toBe('check-files');
      expect((error as Error).message).toBe(
        `The token file ${path} cannot be used: it is not a regular file (a pipe, a device or a socket) (ENOTREG).`,
      );
    }
  });

  it('finds a writable path writable and leaves nothing behind', async () => {
    const path = join(directory, 'new', 'tokens.json');
    await new FileTokenStore(path).checkWritable();
    expect(await readdir(join(directory, 'new'))).toEqual([]);
  });

  it('ignores a temporary file a real crash left behind', async () => {
    const path = join(directory, 'tokens.json');
    await new FileTokenStore(path).save(MYBMW);
    await writeFile(join(directory, '.tokens.json.123.abc.tmp'), '{"half', 'utf8');
    expect(await new FileTokenStore(path).load()).toEqual(MYBMW);
  });
});
