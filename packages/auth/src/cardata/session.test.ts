import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../token-store/file-token-store';
import { MemoryTokenStore } from '../token-store/memory-token-store';
import { CarDataSession, carDataRefreshLockPathOf } from './session';
import type { CarDataTokens } from './tokens';

const NOW = 1_800_000_000_000;

const initial: CarDataTokens = {
  kind: 'cardata',
  clientId: 'client-1',
  gcid: 'gcid-1',
  accessToken: 'access-0',
  idToken: 'id-0',
  refreshToken: 'refresh-0',
  scope: 'openid',
  expiresAt: NOW + 60_000,
  refreshExpiresAt: NOW + 86_400_000,
};

/**
 * A token endpoint with BMW's rule that a refresh token works once. Each answer waits for `release`,
 * so a test can hold a refresh open while another caller tries its own.
 */
function tokenEndpoint() {
  const valid = new Set(['refresh-0']);
  let issued = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const calls: string[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    const token = form.get('refresh_token') ?? '';
    calls.push(token);
    await held;
    if (!valid.delete(token)) {
      return new Response('{"error":"invalid_grant"}', { status: 400 });
    }
    issued += 1;
    valid.add(`refresh-${issued}`);
    return Response.json({
      gcid: 'gcid-1',
      access_token: `access-${issued}`,
      id_token: `id-${issued}`,
      refresh_token: `refresh-${issued}`,
      expires_in: 3600,
      scope: 'openid',
    });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    open: () => release(),
  };
}

let dir: string;
let tokenPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-session-'));
  tokenPath = join(dir, 'cardata.json');
  await new FileTokenStore(tokenPath).save(initial);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A session as a separate process would have it: its own store object over the shared file. */
function sessionOver(fetch: typeof globalThis.fetch, options: { refreshLockPath?: string | false } = {}) {
  return new CarDataSession({
    tokenStore: new FileTokenStore(tokenPath),
    fetch,
    now: () => NOW,
    ...options,
  });
}

describe('CarDataSession refresh across processes', () => {
  it('lets one of two sessions over the same file refresh; the other takes its tokens', async () => {
    const endpoint = tokenEndpoint();
    const first = sessionOver(endpoint.fetch);
    const second = sessionOver(endpoint.fetch);
    // Both know the same (old) tokens, as two processes started together would.
    await Promise.all([first.gcid(), second.gcid()]);
    const results = Promise.all([first.refresh(), second.refresh()]);
    while (endpoint.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    // While the refresh is in flight the lock file exists and holds no secret.
    const lock = await readFile(`${tokenPath}.lock`, 'utf8');
    expect(lock).not.toMatch(/access|refresh|id-/);
    endpoint.open();
    const [a, b] = await results;
    expect(endpoint.calls).toEqual(['refresh-0']);
    expect(a).toEqual(b);
    expect(a.refreshToken).toBe('refresh-1');
    expect(await new FileTokenStore(tokenPath).load()).toEqual(a);
    expect(await readdir(dir)).toEqual(['cardata.json']);
  });

  it('refreshes again when the stored tokens are the ones it already had', async () => {
    const endpoint = tokenEndpoint();
    endpoint.open();
    const session = sessionOver(endpoint.fetch);
    await session.refresh();
    const again = await session.refresh();
    expect(endpoint.calls).toEqual(['refresh-0', 'refresh-1']);
    expect(again.refreshToken).toBe('refresh-2');
  });

  it('coordinates callers in one process when the store has no file', async () => {
    const endpoint = tokenEndpoint();
    endpoint.open();
    const session = new CarDataSession({
      tokenStore: new MemoryTokenStore(initial),
      fetch: endpoint.fetch,
      now: () => NOW,
    });
    const [a, b] = await Promise.all([session.tokens(), session.tokens()]);
    expect(endpoint.calls).toEqual(['refresh-0']);
    expect(a).toEqual(b);
    expect(await readdir(dir)).toEqual(['cardata.json']);
  });

  it('uses an explicit lock path', async () => {
    const endpoint = tokenEndpoint();
    const lockPath = join(dir, 'locks', 'custom.lock');
    const session = new CarDataSession({
      tokenStore: new MemoryTokenStore(initial),
      fetch: endpoint.fetch,
      now: () => NOW,
      refreshLockPath: lockPath,
    });
    const refreshed = session.refresh();
    while (endpoint.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await readdir(join(dir, 'locks'))).toEqual(['custom.lock']);
    endpoint.open();
    expect((await refreshed).refreshToken).toBe('refresh-1');
    expect(await readdir(join(dir, 'locks'))).toEqual([]);
  });
});

describe('CarDataSession refresh margin', () => {
  it('refreshes tokens shorter-lived than the margin once per half lifetime, not on every call', async () => {
    let now = NOW;
    let issued = 0;
    const fetch = (async () => {
      issued += 1;
      return Response.json({
        gcid: 'gcid-1',
        access_token: `access-${issued}`,
        id_token: `id-${issued}`,
        refresh_token: `refresh-${issued}`,
        expires_in: 60,
      });
    }) as typeof globalThis.fetch;
    // The default margin (10 minutes) is longer than BMW's 60 s lifetime here.
    const session = new CarDataSession({ tokenStore: new MemoryTokenStore(initial), fetch, now: () => now });
    await session.tokens();
    expect(issued).toBe(1);
    for (let second = 0; second < 120; second++) {
      now += 1000;
      const tokens = await session.tokens();
      expect(tokens.expiresAt - now).toBeGreaterThanOrEqual(30_000);
    }
    // Two minutes at one call a second: a refresh every 30 s, never one per call.
    expect(issued).toBe(5);
  });
});

describe('CarDataSession hints', () => {
  it('names the whole login command, --client-id included, when no login or a dead one is stored', async () => {
    const endpoint = tokenEndpoint();
    endpoint.open();
    const empty = new CarDataSession({
      tokenStore: new MemoryTokenStore(),
      fetch: endpoint.fetch,
      now: () => NOW,
    });
    await expect(empty.tokens()).rejects.toMatchObject({
      code: 'auth',
      hint: expect.stringContaining('bimmer login --cardata --client-id <ID>'),
    });
    const expired = new CarDataSession({
      tokenStore: new MemoryTokenStore({ ...initial, refreshExpiresAt: NOW - 1 }),
      fetch: endpoint.fetch,
      now: () => NOW,
    });
    await expect(expired.tokens()).rejects.toMatchObject({
      code: 'auth',
      hint: expect.stringContaining('bimmer login --cardata --client-id <ID>'),
    });
    expect(endpoint.calls).toEqual([]);
  });
});

describe('carDataRefreshLockPathOf', () => {
  it('locks beside a token file and has no default for stores without one', () => {
    expect(carDataRefreshLockPathOf(new FileTokenStore(join(dir, 'cardata.json')))).toBe(
      join(dir, 'cardata.json.lock'),
    );
    expect(carDataRefreshLockPathOf(new MemoryTokenStore())).toBeUndefined();
  });
});
