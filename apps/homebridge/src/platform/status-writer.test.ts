import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusWriter } from './status-writer';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('StatusWriter', () => {
  it('writes the status 0600 and first removes the stale temp files a killed writer left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bimmer-status-'));
    directories.push(dir);
    const path = join(dir, 'status.json');
    const stale = join(dir, '.status.json.999.aaaaaa.tmp');
    await writeFile(stale, '{"partial":', { mode: 0o600 });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, anHourAgo, anHourAgo);

    await new StatusWriter(path, () => ({ state: 'connected' })).flush();

    expect(await readdir(dir)).toEqual(['status.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ state: 'connected' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
