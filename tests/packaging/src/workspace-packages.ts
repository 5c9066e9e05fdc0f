import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A package of this workspace that is published to npm. */
export interface WorkspacePackage {
  readonly name: string;
  /** Absolute path of its folder. */
  readonly directory: string;
  /** Its `engines.node` range. */
  readonly engines: string | undefined;
}

/** Keywords of packages that a runtime loads (Node-RED, Homebridge), not applications. */
const RUNTIME_PLUGIN_KEYWORDS = ['node-red', 'homebridge-plugin'];

/**
 * Every package under `packages/` and `apps/` that is not private, sorted by name: the list the
 * consumer test packs, so a new package is covered without editing the test. Node-RED nodes and
 * Homebridge plugins are left out: their runtime loads them, not an application's `import` or
 * `require`, and each has its own test that installs its tarball into that runtime.
 */
export function publishedPackages(repository: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repository, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const directory = join(repository, group, entry.name);
      let manifest: { name?: string; private?: boolean; engines?: { node?: string }; keywords?: string[] };
      try {
        manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (manifest.private === true || manifest.name === undefined) continue;
      if (manifest.keywords?.some((keyword) => RUNTIME_PLUGIN_KEYWORDS.includes(keyword))) continue;
      found.push({ name: manifest.name, directory, engines: manifest.engines?.node });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
