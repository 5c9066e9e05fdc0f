import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLiveStateFile } from './live-state';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadLiveStateFile', () => {
  it('removes the stale temp files of its own state file, and only those', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bimmer-live-state-'));
    directories.push(dir);
    const path = join(dir, 'mybmw-state.json');
    const stale = join(dir, '.mybmw-state.json.999.aaaaaa.tmp');
    const fresh = join(dir, '.mybmw-state.json.999.bbbbbb.tmp');
    const foreign = join(dir, '.other.json.999.cccccc.tmp');
    for (const file of [stale, fresh, foreign]) await writeFile(file, '{"partial":', { mode: 0o600 });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, anHourAgo, anHourAgo);
    await utimes(foreign, anHourAgo, anHourAgo);

    const loaded = await loadLiveStateFile(path, Date.now());

    expect(loaded).toEqual({ state: undefined, warnings: [] });
    expect((await readdir(dir)).sort()).toEqual(
      ['.mybmw-state.json.999.bbbbbb.tmp', '.other.json.999.cccccc.tmp'].sort(),
    );
  });
});
