import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuotaLedger } from '../quota/quota-ledger';
import { CARDATA_API_BASE_URL } from '../rest/api-base-url';
import { carDataAccountKey } from './account-key';
import { FileCarDataStateStore } from './file-state-store';

const DAY = 86_400_000;
const GCID = '8d3f0c1e-5b7a-4c2d-9e6f-0a1b2c3d4e5f';
const NOW = Date.parse('2026-12-07T10:00:00Z');

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bimmer-state-store-'));
  path = join(dir, 'cardata-state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A state file as this version writes it, with `count` calls spent an hour ago. */
function validStateText(count: number): string {
  const calls = Array.from({ length: count }, (_, index) => NOW - 3_600_000 + index);
  return `${JSON.stringify({ version: 2, accounts: { [carDataAccountKey(GCID)]: { calls } } }, null, 2)}\n`;
}

/** Writes `text` as the state file, last changed `agoMs` before NOW. */
async function stateFile(text: string, agoMs = 3_600_000): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  const at = new Date(NOW - agoMs);
  await utimes(path, at, at);
}

function open(options: { window?: 'rolling' | 'utc-midnight'; now?: () => number } = {}) {
  const warnings: string[] = [];
  const store = new FileCarDataStateStore(path, { onWarning: (text) => warnings.push(text), now: () => NOW });
  const ledger = new QuotaLedger({
    store,
    gcid: GCID,
    window: options.window,
    now: options.now ?? (() => NOW),
  });
  return { store, ledger, warnings };
}

describe('FileCarDataStateStore with an unreadable state file', () => {
  const unreadable: [string, string][] = [
    ['empty', ''],
    ['truncated', validStateText(10).slice(0, 40)],
    ['of another version', JSON.stringify({ version: 3, accounts: {} })],
    ['without a version', JSON.stringify({ accounts: {} })],
    ['with a malformed entry', JSON.stringify({ version: 2, accounts: { x: { calls: 'many' } } })],
    ['not an object', '[1, 2, 3]'],
  ];
  for (const [what, text] of unreadable) {
    it(`keeps a file ${what} aside, names it, and counts the budget as used up`, async () => {
      await stateFile(text);
      const { ledger, warnings } = open();
      const usage = await ledger.usage();
      expect(usage.remaining).toBe(0);
      const names = await readdir(dir);
      const kept = names.find((name) => name.startsWith('cardata-state.json.unreadable-'));
      expect(kept).toBeDefined();
      expect(await readFile(join(dir, kept ?? ''), 'utf8')).toBe(text);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(join(dir, kept ?? ''));
      // The calls it held left a rolling window a day after the file's last change.
      expect(usage.lostLedger?.until).toEqual(new Date(NOW - 3_600_000 + DAY));
      await expect(ledger.spend('GET /customers/vehicles/mappings')).rejects.toMatchObject({
        code: 'quota',
        action: 'wait',
        retryAt: new Date(NOW - 3_600_000 + DAY),
        message: expect.stringContaining(kept ?? ''),
      });
      expect(warnings).toHaveLength(1);
    });
  }

  it('never starts afresh whatever the damage: the budget left is never more than before', async () => {
    const text = validStateText(10);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length }), fc.string({ maxLength: 8 }), async (cut, garbage) => {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        await stateFile(text.slice(0, cut) + garbage);
        const { ledger } = open();
        expect((await ledger.usage()).remaining).toBeLessThanOrEqual(40);
      }),
      { numRuns: 60 },
    );
  });

  it('lets calls through again once the window has passed for the lost calls', async () => {
    await stateFile('{"version": 2, "accounts": {', 2 * 3_600_000);
    let now = NOW;
    const { ledger } = open({ now: () => now });
    await expect(ledger.spend('GET /x')).rejects.toMatchObject({ code: 'quota' });
    now = NOW - 2 * 3_600_000 + DAY + 1;
    await expect(ledger.spend('GET /x')).resolves.toMatchObject({ used: 1, remaining: 49 });
  });

  it('counts until the next midnight UTC in that window mode', async () => {
    await stateFile('', 3_600_000);
    const { ledger } = open({ window: 'utc-midnight' });
    expect((await ledger.usage()).nextFreeAt).toEqual(new Date('2026-12-08T00:00:00Z'));
  });

  it("takes BMW's own Retry-After over the estimate", async () => {
    await stateFile('garbage');
    let now = NOW;
    const { ledger } = open({ now: () => now });
    await ledger.markExhausted(new Date(NOW + 60_000));
    expect((await ledger.usage()).nextFreeAt).toEqual(new Date(NOW + 60_000));
    now = NOW + 60_001;
    await expect(ledger.spend('GET /x')).resolves.toMatchObject({ used: 1 });
  });

  it('refuses a state path it cannot read with a typed error naming it', async () => {
    await mkdir(path);
    const { ledger } = open();
    await expect(ledger.usage()).rejects.toMatchObject({
      code: 'validation',
      action: 'check-files',
      paths: [path],
    });
  });
});

describe('FileCarDataStateStore files', () => {
  it('migrates a version-1 file to BMW base URL, keeping the simulator apart', async () => {
    await stateFile(JSON.stringify({ version: 1, accounts: { [GCID]: { calls: [NOW - 1000, NOW - 500] } } }));
    const { store, ledger, warnings } = open();
    expect((await ledger.usage()).used).toBe(2);
    const simulator = new QuotaLedger({
      store,
      gcid: GCID,
      baseUrl: 'http://127.0.0.1:4000/',
      now: () => NOW,
    });
    expect((await simulator.usage()).used).toBe(0);
    await simulator.spend('GET /x');
    expect((await ledger.usage()).used).toBe(2);
    const written = JSON.parse(await readFile(path, 'utf8')) as { version: number; accounts: object };
    expect(written.version).toBe(2);
    expect(Object.keys(written.accounts).sort()).toEqual(
      [`${GCID}@${CARDATA_API_BASE_URL}`, `${GCID}@http://127.0.0.1:4000`].sort(),
    );
    expect(warnings).toEqual([]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('removes temp files a crashed writer left, and only stale ones', async () => {
    const stale = join(dir, '.cardata-state.json.999.aaaaaa.tmp');
    const fresh = join(dir, '.cardata-state.json.999.bbbbbb.tmp');
    const foreign = join(dir, '.other.json.999.cccccc.tmp');
    for (const file of [stale, fresh, foreign]) await writeFile(file, 'x');
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(stale, old, old);
    await utimes(foreign, old, old);
    const { ledger } = open();
    await ledger.spend('GET /x');
    expect((await readdir(dir)).sort()).toEqual(
      ['.cardata-state.json.999.bbbbbb.tmp', '.other.json.999.cccccc.tmp', 'cardata-state.json'].sort(),
    );
  });
});
