/**
 * MyBMW renewals of authenticators that share a token file, against the simulator: they run one at a
 * time under the file's lock and reuse each other's tokens (the five-process proof is in
 * @bimmer/mybmw's `test/e2e/refresh-processes.e2e.test.ts`).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyBMWAuthenticator } from '../src/authenticator';
import type { MyBMWAuthenticatorOptions } from '../src/authenticator-options';
import { FileTokenStore } from '../src/token-store/file-token-store';

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
  dir = await mkdtemp(join(tmpdir(), 'bimmer-auth-lock-'));
  return () => rm(dir, { recursive: true, force: true });
});

const tokenRequests = () =>
  sim
    .requests()
    .filter((r) => r.path === '/gcdm/oauth/token')
    .map((r) => `${(r.body as { grant_type?: string }).grant_type} ${r.status}`);

function authenticator(path: string, options: Partial<MyBMWAuthenticatorOptions> = {}) {
  return new MyBMWAuthenticator({
    username: 'demo@bimmer.dev',
    password: 'bimmer-demo',
    region: 'rest_of_world',
    captchaToken: 'P1_any',
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(path),
    clock: { now: sim.clock.now, sleep: async () => {} },
    ...options,
  });
}

describe('renewals of authenticators sharing a token file', () => {
  it('refresh once: the second uses the tokens the first saved, and the lock file is gone', async () => {
    const path = join(dir, 'tokens.json');
    await authenticator(path).getAccessToken();
    const first = authenticator(path);
    const second = authenticator(path);
    // Both load the same tokens, then the access token expires for both.
    await Promise.all([first.getAccessToken(), second.getAccessToken()]);
    sim.advanceClock(9 * 3600 * 1000);
    sim.clearRequests();
    const [a, b] = await Promise.all([first.getAccessToken(), second.getAccessToken()]);
    expect(a).toBe(b);
    expect(tokenRequests()).toEqual(['refresh_token 200']);
    expect(sim.requests().filter((r) => r.path === '/gcdm/oauth/authenticate')).toHaveLength(0);
    expect((await readdir(dir)).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });

  it('after a 401, uses a token another process saved, unless it is the rejected one', async () => {
    const path = join(dir, 'tokens.json');
    const first = authenticator(path);
    const second = authenticator(path);
    const rejected = await first.getAccessToken();
    await second.getAccessToken();
    // The first renews (the API refused its token); the second then gets its token without a request.
    const renewed = await first.onUnauthorized(rejected);
    sim.clearRequests();
    expect(await second.onUnauthorized(rejected)).toBe(renewed);
    expect(tokenRequests()).toEqual([]);
  });

  it('keeps a refresh token given with setRefreshToken over the one in the shared file', async () => {
    const path = join(dir, 'tokens.json');
    await authenticator(path).getAccessToken();
    // Another installation's session, whose refresh token the caller hands over.
    const elsewhere = authenticator(join(dir, 'elsewhere.json'));
    await elsewhere.getAccessToken();
    const given = elsewhere.tokens.refreshToken ?? '';
    const auth = authenticator(path);
    auth.setRefreshToken(given);
    sim.clearRequests();
    await auth.getAccessToken();
    // The given token was refreshed (not replaced by the file's still valid session).
    expect(tokenRequests()).toEqual(['refresh_token 200']);
    expect(sim.requests().find((r) => r.path === '/gcdm/oauth/token')).toBeDefined();
    expect(auth.tokens.refreshToken).not.toBe(given);
  });

  it('works without a lock when refreshLockPath is false', async () => {
    const path = join(dir, 'tokens.json');
    const auth = authenticator(path, { refreshLockPath: false });
    await auth.getAccessToken();
    sim.advanceClock(9 * 3600 * 1000);
    await auth.getAccessToken();
    expect((await readdir(dir)).sort()).toEqual(['tokens.json']);
  });
});
