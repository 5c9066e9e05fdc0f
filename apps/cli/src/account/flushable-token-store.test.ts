import type { StoredTokens, TokenStore } from '@bimmer/auth';
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
