import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fleetRoot } from './fleet-location';

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));
let scratch: string | undefined;
afterEach(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** An installed package's dist/ inside a fresh project; `withCopy` puts the packaged fleet beside it. */
function installedDist(withCopy: boolean): string {
  scratch = mkdtempSync(join(tmpdir(), 'bimmer-fleet-location-'));
  const dist = join(scratch, 'node_modules', '@bimmer', 'simulator', 'dist');
  mkdirSync(withCopy ? join(dist, 'fixtures', 'mybmw') : dist, { recursive: true });
  return dist;
}

describe('fleetRoot', () => {
  it("reads the repository's fixtures/ when run from the sources or a workspace build", () => {
    expect(fleetRoot(join(REPOSITORY, 'packages', 'simulator', 'src'))).toBe(join(REPOSITORY, 'fixtures'));
    expect(fleetRoot(join(REPOSITORY, 'packages', 'simulator', 'dist'))).toBe(join(REPOSITORY, 'fixtures'));
  });

  it('reads the copy inside the package when installed from npm', () => {
    const dist = installedDist(true);
    expect(fleetRoot(dist)).toBe(join(dist, 'fixtures'));
  });

  it("ignores a stranger's fixtures folder three levels up (the user's node_modules)", () => {
    const dist = installedDist(false);
    const decoy = join(dist, '..', '..', '..');
    mkdirSync(join(decoy, 'fixtures', 'mybmw'), { recursive: true });
    writeFileSync(join(decoy, 'package.json'), JSON.stringify({ name: 'fixtures-fan' }));
    expect(fleetRoot(dist)).toBeUndefined();
  });

  it('finds nothing in a package built without its copy', () => {
    expect(fleetRoot(installedDist(false))).toBeUndefined();
  });
});
