import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Packs exactly what npm would publish and installs the tarball into `<work>/plugins` as a user
 * would (no install scripts run). Returns the installed plugin's folder, for `homebridge -P`.
 */
export async function installPackedPlugin(work: string): Promise<string> {
  await run('pnpm', ['pack', '--pack-destination', work], { cwd: PACKAGE_DIR });
  const tarball = (await readdir(work)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack produced no tarball');
  const prefix = join(work, 'plugins');
  await run(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-save',
      join(work, tarball),
    ],
    { cwd: work, timeout: 120_000 },
  );
  return join(prefix, 'node_modules', '@bimmer', 'homebridge-bimmer');
}
