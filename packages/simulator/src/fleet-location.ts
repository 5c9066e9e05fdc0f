import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where our own fleet lives, so that `startSimulator()` serves it with no option wherever the
 * simulator runs. The repository keeps one copy, `fixtures/` at its root: run from the sources or
 * from a workspace build, the simulator reads it there (so an edited fixture counts at once). The
 * build copies it to `dist/fixtures` (`scripts/copy-fixtures.mjs`), which is what the published
 * package carries: installed from npm, the simulator reads that copy.
 *
 * `here` is the directory of the running module (`src/` or `dist/`); tests pass others.
 */
export function fleetRoot(here: string | undefined = moduleDirectory()): string | undefined {
  if (here === undefined) return undefined;
  // src/ and dist/ both sit two levels below the repository root.
  const repository = join(here, '..', '..', '..');
  if (isOurRepository(repository) && existsSync(join(repository, 'fixtures', 'mybmw'))) {
    return join(repository, 'fixtures');
  }
  const packaged = join(here, 'fixtures');
  return existsSync(join(packaged, 'mybmw')) ? packaged : undefined;
}

/** This module's directory; undefined when it was bundled somewhere without a file URL. */
function moduleDirectory(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/**
 * True for bimmer's own repository. Checked by name, because three levels above an installed
 * package is the user's `node_modules`, which may hold anything, even a folder called `fixtures`.
 */
function isOurRepository(directory: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'bimmer-monorepo' && existsSync(join(directory, 'pnpm-workspace.yaml'));
  } catch {
    return false;
  }
}
