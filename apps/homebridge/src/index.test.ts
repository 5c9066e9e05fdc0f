import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import bimmer from './index';
import { loadHomebridge } from './test-support/homebridge-harness';

let storage: string | undefined;

afterAll(async () => {
  if (storage !== undefined) await rm(storage, { recursive: true, force: true });
});

describe('the plugin entry', () => {
  it('only registers the Bimmer platform: nothing starts and nothing is written unless configured', async () => {
    storage = await mkdtemp(join(tmpdir(), 'bimmer-entry-'));
    const homebridge = await loadHomebridge(storage);
    const api = new homebridge.HomebridgeAPI();
    const registered: unknown[][] = [];
    api.on('registerPlatform', (...args: unknown[]) => registered.push(args));
    bimmer(api);
    api.emit('didFinishLaunching');
    expect(registered.map((args) => args[0])).toEqual(['Bimmer']);
    expect(await readdir(storage)).toEqual([]);
  });
});
