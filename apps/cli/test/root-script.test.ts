import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('pnpm bimmer at the repository root', () => {
  it('runs the built bin with the arguments given', () => {
    const rootPackage = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    const script = rootPackage.scripts.bimmer;
    expect(script).toBe('node apps/cli/dist/cli.js');
    // What `pnpm bimmer --version` runs: the script, then the arguments.
    const [command = '', ...args] = (script ?? '').split(' ');
    const run = spawnSync(command === 'node' ? process.execPath : command, [...args, '--version'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
