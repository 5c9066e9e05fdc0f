import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, createTestHome } from './helpers/run-bimmer';

const RECORD_LOADS = fileURLToPath(new URL('./helpers/record-loads.mjs', import.meta.url));

/** The module URLs Node loads for `bimmer ...args`, with the exit code. */
async function loadedModules(args: readonly string[]): Promise<{ code: number | null; modules: string[] }> {
  const home = await createTestHome();
  try {
    const run = spawnSync(process.execPath, ['--import', RECORD_LOADS, CLI_PATH, ...args], {
      env: home.env(),
      encoding: 'utf8',
    });
    const modules = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('load '))
      .map((line) => line.slice('load '.length));
    return { code: run.status, modules };
  } finally {
    await home.remove();
  }
}

/** What only a command that needs it may load: the SDK, its dependencies, spinners, colours, prompts. */
const HEAVY = /@bimmer\/|[/\\]packages[/\\]|valibot|[/\\]ky[/\\]|mqtt|picocolors|yocto-spinner|@clack/;

// How fast is measured by `pnpm bench` (bench/start-up.bench.mjs); this proves why it is fast.
describe('start-up', () => {
  it('bimmer --help and a command help load commander and the CLI only, no SDK package', async () => {
    for (const args of [
      ['--help'],
      ['status', '--help'],
      ['hub', '--help'],
      ['stream', '--help'],
      ['--version'],
    ]) {
      const { code, modules } = await loadedModules(args);
      expect(code, args.join(' ')).toBe(0);
      expect(modules.some((url) => url.includes('commander'))).toBe(true);
      expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
    }
  });

  it('a command loads what it needs when it runs', async () => {
    const { modules } = await loadedModules(['quota']);
    expect(modules.some((url) => /cardata/.test(url))).toBe(true);
    // The MyBMW side is not needed to read the CarData ledger.
    expect(
      modules.filter((url) => /packages[/\\](remote|mybmw|fingerprint|simulator)[/\\]/.test(url)),
    ).toEqual([]);
  });
});
