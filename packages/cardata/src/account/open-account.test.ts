import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CarDataTokens, FileTokenStore, MemoryTokenStore, type TokenStore } from '@bimmer/auth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carDataRefreshLockPathFor, carDataStatePathFor, openCarDataAccount } from './open-account';

const NOW = 1_800_000_000_000;

/** Tokens that expire within the refresh margin, so opening the account refreshes them. */
const expiring: CarDataTokens = {
  kind: 'cardata',
  clientId: 'client-1',
  gcid: 'gcid-1',
  accessToken: 'access-0',
  idToken: 'id-0',
  refreshToken: 'refresh-0',
  scope: 'openid cardata:api:read',
  expiresAt: NOW + 60_000,
  refreshExpiresAt: NOW + 86_400_000,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-open-account-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens the account and reports which of `candidates` existed while the refresh was in flight. */
async function locksDuringRefresh(tokenStore: TokenStore, candidates: string[]): Promise<string[]> {
  const held: string[] = [];
  const fetch = (async () => {
    held.push(...candidates.filter((path) => existsSync(path)));
    return Response.json({
      gcid: 'gcid-1',
      access_token: 'access-1',
      id_token: 'id-1',
      refresh_token: 'refresh-1',
      expires_in: 3600,
    });
  }) as typeof globalThis.fetch;
  const account = await openCarDataAccount({
    tokenStore,
    statePath: carDataStatePathFor(join(dir, 'cardata.json')),
    fetch,
    now: () => NOW,
  });
  expect(account.gcid).toBe('gcid-1');
  return held;
}

describe('openCarDataAccount refresh lock', () => {
  it('locks <token file>.lock for a file store', async () => {
    const tokenPath = join(dir, 'cardata.json');
    const store = new FileTokenStore(tokenPath);
    await store.save(expiring);
    const fallback = carDataRefreshLockPathFor(carDataStatePathFor(tokenPath));
    expect(await locksDuringRefresh(store, [`${tokenPath}.lock`, fallback])).toEqual([`${tokenPath}.lock`]);
    expect(existsSync(`${tokenPath}.lock`)).toBe(false);
  });

  it('locks beside the state file for a store that does not name its file', async () => {
    const fallback = carDataRefreshLockPathFor(carDataStatePathFor(join(dir, 'cardata.json')));
    expect(fallback).toBe(join(dir, 'cardata-refresh.lock'));
    expect(await locksDuringRefresh(new MemoryTokenStore(expiring), [fallback])).toEqual([fallback]);
    expect(existsSync(fallback)).toBe(false);
  });
});
