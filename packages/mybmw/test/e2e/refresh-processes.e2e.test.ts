/**
 * Five real Node processes share one token file whose access token has expired, and load the account
 * at the same moment: the renewal runs under the token file's lock, so exactly one process refreshes
 * (BMW's refresh tokens are single-use) and the others use its tokens. Counted from the simulator's
 * request log.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FileTokenStore } from '@bimmer/auth';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyBMWAccount } from '../../src/index';
import { DEMO, startTestSimulator } from './simulator-fixture';

const run = promisify(execFile);
const PROCESSES = 5;
const source = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Resolves the workspace's extension-less TypeScript imports so a child Node can run the sources. */
const HOOKS = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    for (const suffix of ['.ts', '/index.ts']) { try { return await next(specifier + suffix, context); } catch {} }
    throw error;
  }
}`;

/**
 * One process: builds the account on the shared token file (with the password and a captcha token,
 * so a fallback to a password login would show in the request log), says it is ready, waits for the
 * go file, then loads every vehicle. Prints how many vehicles it loaded, or its error code.
 */
const CHILD = `
import { access, writeFile } from 'node:fs/promises';
import { FileTokenStore } from ${JSON.stringify(source('auth/src/index.ts'))};
import { MyBMWAccount } from ${JSON.stringify(source('mybmw/src/index.ts'))};
const [simUrl, tokenPath, readyPath, goPath, username, password, captchaToken] = process.argv.slice(2);
const account = new MyBMWAccount({
  username, password, captchaToken, region: 'rest_of_world', baseUrl: simUrl,
  tokenStore: new FileTokenStore(tokenPath),
});
await writeFile(readyPath, '');
for (;;) { try { await access(goPath); break; } catch { await new Promise((r) => setTimeout(r, 2)); } }
try {
  const vehicles = await account.getVehicles();
  console.log(JSON.stringify({ vehicles: vehicles.length, complete: account.lastLoad?.complete }));
} catch (error) {
  console.log(JSON.stringify({ error: error.code ?? String(error), message: error.message }));
}
`;

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  dir = await mkdtemp(join(tmpdir(), 'bimmer-mybmw-procs-'));
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(join(dir, 'child.ts'), CHILD);
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Starts one child on the TypeScript sources; resolves with its last stdout line, parsed. */
async function child(args: string[]): Promise<unknown> {
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(
    `file://${join(dir, 'hooks.mjs')}`,
  )})`;
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@bimmer/source', '--no-warnings', '--import', register, join(dir, 'child.ts'), ...args],
    { cwd: source('mybmw') },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
}

async function waitFor(path: string): Promise<void> {
  for (;;) {
    try {
      await access(path);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe('five processes on one expired token file', () => {
  // Five Node processes load the TypeScript sources on a shared machine: give them time.
  it('all load the account with exactly one refresh and no password login', {
    timeout: 120_000,
  }, async () => {
    const tokenPath = join(dir, 'mybmw-tokens.json');
    const store = new FileTokenStore(tokenPath);
    // A first login fills the token file; then its access token is made to look expired.
    await new MyBMWAccount({
      ...DEMO,
      region: 'rest_of_world',
      baseUrl: sim.url,
      tokenStore: store,
    }).getVehicles();
    const stored = await store.load();
    if (stored?.kind !== 'mybmw' || stored.refreshToken === undefined)
      throw new Error('no MyBMW login stored');
    await store.save({ ...stored, accessTokenExpiresAt: Date.now() - 60_000 });
    sim.clearRequests();
    // Every renewal starts with the OAuth config: slow it down, so that without the lock all five
    // would have read the expired file before any of them finished a refresh.
    sim.addFault('slow=500@/eadrax-ucs/v1/presentation/oauth/config');

    const go = join(dir, 'go');
    const children = Array.from({ length: PROCESSES }, (_, index) =>
      child([
        sim.url,
        tokenPath,
        join(dir, `ready-${index}`),
        go,
        DEMO.username,
        DEMO.password,
        DEMO.captchaToken,
      ]),
    );
    for (let index = 0; index < PROCESSES; index++) await waitFor(join(dir, `ready-${index}`));
    await writeFile(go, '');
    const results = await Promise.all(children);

    const n = sim.vins().length;
    expect(results).toEqual(Array(PROCESSES).fill({ vehicles: n, complete: true }));
    const requests = sim.requests();
    const refreshes = requests.filter((r) => r.path === '/gcdm/oauth/token');
    expect(refreshes.map((r) => [(r.body as { grant_type?: string }).grant_type, r.status])).toEqual([
      ['refresh_token', 200],
    ]);
    expect(requests.filter((r) => r.path === '/eadrax-ucs/v1/presentation/oauth/config')).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/gcdm/oauth/authenticate')).toHaveLength(0);
    // Every process loaded the whole account with the one renewed access token.
    expect(requests.filter((r) => r.path === '/eadrax-vcs/v5/vehicle-list')).toHaveLength(3 * PROCESSES);

    const after = await store.load();
    expect(after?.kind === 'mybmw' && after.refreshToken).not.toBe(stored.refreshToken);
    expect((await readdir(dir)).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });
});
