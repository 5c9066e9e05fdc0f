import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

/** One process: spends `count` calls (mappings) through its own ledger over the shared state file. */
const CHILD = `
import { CarDataSession } from ${JSON.stringify(source('auth/src/cardata/index.ts'))};
import { FileTokenStore } from ${JSON.stringify(source('auth/src/token-store/file-token-store.ts'))};
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

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: [] });
  dir = await mkdtemp(join(tmpdir(), 'bimmer-cardata-procs-'));
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(join(dir, 'child.ts'), CHILD);
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

async function child(limit: number, count: number, offsetMs = 0): Promise<string[]> {
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(
    `file://${join(dir, 'hooks.mjs')}`,
  )})`;
  const { stdout } = await run(
    process.execPath,
    [
      '--conditions=@bimmer/source',
      '--no-warnings',
      '--import',
      register,
      join(dir, 'child.ts'),
      sim.url,
      join(dir, 'tokens.json'),
      join(dir, 'cardata-state.json'),
      String(limit),
      String(count),
      String(offsetMs),
    ],
    { cwd: source('cardata') },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[];
}

describe('CarData quota shared by two processes', () => {
  it('never lets two processes together exceed the budget, and frees calls after the window', async () => {
    await fetch(`${sim.url}/_simulator/cardata/config`, {
      method: 'POST',
      body: '{"pollIntervalSeconds":0.01}',
    });
    await loginWithCarDataDeviceCode({
      clientId: randomUUID(),
      baseUrl: sim.url,
      tokenStore: new FileTokenStore(join(dir, 'tokens.json')),
      onUserCode: async () => {
        await fetch(`${sim.url}/_simulator/cardata/approve`, { method: 'POST' });
      },
    });
    sim.clearRequests();

    const [first, second] = await Promise.all([child(5, 4), child(5, 4)]);
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
    expect(await child(5, 1, 86_400_000 + 60_000)).toEqual(['ok']);
  });
});
