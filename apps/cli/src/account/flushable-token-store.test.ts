import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  carDataRefreshLockPathOf,
  FileTokenStore,
  MemoryTokenStore,
  type StoredTokens,
  type TokenStore,
} from '@bimmer/auth';
import { describe, expect, it } from 'vitest';
import { FlushableTokenStore } from './flushable-token-store';

const TOKENS: StoredTokens = { kind: 'mybmw', region: 'rest_of_world', refreshToken: 'r1' };

describe('FlushableTokenStore', () => {
  it('waits for unfinished saves, including failed ones, without unhandled rejections', async () => {
    const finishers: Array<(error?: Error) => void> = [];
    const saved: StoredTokens[] = [];
    const inner: TokenStore = {
      load: async () => saved.at(-1),
      save: (tokens) =>
        new Promise<void>((resolve, reject) => {
          finishers.push((error) => {
            if (error) reject(error);
            else {
              saved.push(tokens);
              resolve();
            }
          });
        }),
    };
    const store = new FlushableTokenStore(inner);
    const first = store.save(TOKENS);
    const second = store.save({ ...TOKENS, refreshToken: 'r2' });
    let flushed = false;
    const flushing = store.flush().then(() => {
      flushed = true;
    });
    await Promise.resolve();
    expect(flushed).toBe(false);
    finishers[0]?.();
    finishers[1]?.(new Error('disk full'));
    await flushing;
    expect(flushed).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('disk full');
    expect(await store.load()).toEqual(TOKENS);
  });
});

describe('FlushableTokenStore around a token file', () => {
  it('shows the file to the SDK, so renewals lock beside it and checks reach it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bimmer-flushable-'));
    try {
      const file = join(dir, 'tokens.json');
      const store = new FlushableTokenStore(new FileTokenStore(file));
      expect(store.path).toBe(file);
      // The SDK's own default lock of a token file, found through the wrapper.
      expect(carDataRefreshLockPathOf(store)).toBe(`${file}.lock`);
      await store.checkWritable();
      await mkdir(join(dir, 'a-folder'));
      const folder = new FlushableTokenStore(new FileTokenStore(join(dir, 'a-folder')));
      await expect(folder.checkWritable()).rejects.toMatchObject({ action: 'check-files' });
      const memory = new FlushableTokenStore(new MemoryTokenStore());
      expect(memory.path).toBeUndefined();
      expect(carDataRefreshLockPathOf(memory)).toBeUndefined();
      await memory.checkWritable();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
