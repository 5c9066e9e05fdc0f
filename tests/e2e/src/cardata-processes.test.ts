import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CarDataSession, FileTokenStore, isCarDataTokens, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const source = (path: string) => fileURLToPath(new URL(`../../../packages/${path}`, import.meta.url));

/** Resolves the workspace's extension-less TypeScript imports so a child Node can run the sources. */
const HOOKS = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    for (const suffix of ['.ts', '/index.ts']) { try { return await next(specifier + suffix, context); } catch {} }
    throw error;
  }
}`;

const IMPORTS = `
import { CarDataSession } from ${JSON.stringify(source('auth/src/cardata/index.ts'))};
import { FileTokenStore } from ${JSON.stringify(source('auth/src/token-store/file-token-store.ts'))};
`;

/** One process: spends `count` calls (mappings) through its own ledger over the shared state file. */
const QUOTA_CHILD = `${IMPORTS}
import { CarDataRestClient, FileCarDataStateStore, QuotaLedger } from ${JSON.stringify(source('cardata/src/index.ts'))};
const [simUrl, tokenPath, statePath, limit, count, offset] = process.argv.slice(2);
const session = new CarDataSession({ tokenStore: new FileTokenStore(tokenPath), baseUrl: simUrl });
const { gcid } = await session.tokens();
const ledger = new QuotaLedger({ store: new FileCarDataStateStore(statePath), gcid, limit: Number(limit), now: () => Date.now() + Number(offset) });
const rest = new CarDataRestClient({ tokens: session, ledger, baseUrl: simUrl });
const results = [];
for (let i = 0; i < Number(count); i++) {
  try { await rest.getMappings(); results.push('ok'); } catch (error) { results.push(error.code + ' ' + (error.retryAt?.toISOString() ?? '')); }
}
console.log(JSON.stringify(results));
`;

/**
 * One process: loads the stored tokens, says it is ready, waits for the go file, then refreshes
 * (as after BMW rejected its token). Prints a hash of the access token it ends with, never the token.
 */
const REFRESH_CHILD = `${IMPORTS}
import { createHash } from 'node:crypto';
import { access, writeFile } from 'node:fs/promises';
const [simUrl, tokenPath, readyPath, goPath] = process.argv.slice(2);
const session = new CarDataSession({ tokenStore: new FileTokenStore(tokenPath), baseUrl: simUrl });
await session.gcid();
await writeFile(readyPath, '');
for (;;) { try { await access(goPath); break; } catch { await new Promise((r) => setTimeout(r, 2)); } }
try {
  const tokens = await session.refresh();
  console.log(JSON.stringify({ ok: createHash('sha256').update(tokens.accessToken).digest('hex') }));
} catch (error) {
  console.log(JSON.stringify({ error: error.code ?? String(error) }));
}
`;

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [], cardataVehicles: false });
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-procs-'));
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(join(dir, 'quota-child.ts'), QUOTA_CHILD);
  await writeFile(join(dir, 'refresh-child.ts'), REFRESH_CHILD);
  await fetch(`${sim.url}/_simulator/cardata/config`, {
    method: 'POST',
    body: '{"pollIntervalSeconds":0.01}',
  });
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const tokenPath = () => join(dir, 'tokens.json');

async function login(): Promise<void> {
  await loginWithCarDataDeviceCode({
    clientId: randomUUID(),
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(tokenPath()),
    onUserCode: async () => {
      await fetch(`${sim.url}/_simulator/cardata/approve`, { method: 'POST' });
    },
  });
  sim.clearRequests();
}

/** Runs a child script on the TypeScript sources and returns its last stdout line, parsed. */
async function child(script: string, args: string[]): Promise<unknown> {
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(
    `file://${join(dir, 'hooks.mjs')}`,
  )})`;
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@bimmer/source', '--no-warnings', '--import', register, join(dir, script), ...args],
    { cwd: source('cardata') },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
}

const quotaChild = (limit: number, count: number, offsetMs = 0) =>
  child('quota-child.ts', [
    sim.url,
    tokenPath(),
    join(dir, 'cardata-state.json'),
    String(limit),
    String(count),
    String(offsetMs),
  ]) as Promise<string[]>;

describe('CarData quota shared by two processes', () => {
  beforeEach(login);

  it('never lets two processes together exceed the budget, and frees calls after the window', async () => {
    const [first, second] = await Promise.all([quotaChild(5, 4), quotaChild(5, 4)]);
    const all = [...(first ?? []), ...(second ?? [])];
    expect(all.filter((result) => result === 'ok')).toHaveLength(5);
    const refused = all.filter((result) => result.startsWith('quota '));
    expect(refused).toHaveLength(3);
    // Each refusal names when the next call is free: a day after the oldest call.
    for (const result of refused)
      expect(Date.parse(result.slice(6))).toBeGreaterThan(Date.now() + 86_000_000);
    const sent = sim.requests().filter((entry) => entry.path === '/customers/vehicles/mappings');
    expect(sent).toHaveLength(5);

    // A day later (on the ledger's clock) the budget is back.
    expect(await quotaChild(5, 1, 86_400_000 + 60_000)).toEqual(['ok']);
  });
});

describe('CarData token refresh by two processes at once', () => {
  beforeEach(login);

  it('rotates the single-use refresh token once; both processes end with the new tokens', async () => {
    const go = join(dir, 'go');
    const children = ['a', 'b'].map((name) =>
      child('refresh-child.ts', [sim.url, tokenPath(), join(dir, `ready-${name}`), go]),
    );
    // Both have loaded the same tokens before either refreshes.
    for (const name of ['a', 'b']) {
      for (;;) {
        try {
          await access(join(dir, `ready-${name}`));
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    }
    await writeFile(go, '');
    const [a, b] = await Promise.all(children);

    const stored = await new FileTokenStore(tokenPath()).load();
    if (!isCarDataTokens(stored)) throw new Error('no CarData tokens stored');
    const storedHash = createHash('sha256').update(stored.accessToken).digest('hex');
    expect(a).toEqual({ ok: storedHash });
    expect(b).toEqual({ ok: storedHash });
    const refreshes = sim.requests().filter((entry) => entry.path === '/gcdm/oauth/token');
    expect(refreshes.map((entry) => entry.status)).toEqual([200]);
    // The lock file is gone, and the rotated refresh token works.
    expect((await readdir(dir)).filter((name) => name.endsWith('.lock'))).toEqual([]);
    const after = new CarDataSession({ tokenStore: new FileTokenStore(tokenPath()), baseUrl: sim.url });
    expect((await after.refresh()).refreshToken).not.toBe(stored.refreshToken);
  });
});
