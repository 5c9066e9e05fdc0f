import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOrThrow } from './run';

/** The runtime of the smoke test, written into the consumer project as `smoke.cjs`. */
const SMOKE_SCRIPT = `'use strict';
// node smoke.cjs <import|require> <specifier>...: loads each specifier the way a user's program
// would, then starts the simulator with no options; prints one JSON object.
const [mode, ...specifiers] = process.argv.slice(2);
const load = (specifier) => (mode === 'require' ? require(specifier) : import(specifier));

async function main() {
  const results = [];
  for (const specifier of specifiers) {
    try {
      const loaded = await load(specifier);
      results.push({ specifier, ok: true, exports: Object.keys(loaded).filter((name) => name !== 'default').sort() });
    } catch (error) {
      results.push({ specifier, ok: false, error: String(error && error.code ? error.code + ': ' + error.message : error).split('\\n')[0] });
    }
  }
  let fleet;
  if (results.some((result) => result.specifier === '@bimmer/simulator' && result.ok)) {
    const { startSimulator } = await load('@bimmer/simulator');
    const simulator = await startSimulator();
    try {
      fleet = { vins: simulator.vins(), cardataVins: simulator.cardataVins() };
    } finally {
      await simulator.stop();
    }
  }
  process.stdout.write(JSON.stringify({ node: process.version, mode, results, fleet }));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\\n');
  process.exit(1);
});
`;

/** One package loaded by the smoke script. */
export interface SmokeResult {
  readonly specifier: string;
  readonly ok: boolean;
  /** The runtime export names, sorted, when it loaded. */
  readonly exports?: string[];
  readonly error?: string;
}

/** What the smoke script printed. */
export interface SmokeReport {
  readonly node: string;
  readonly mode: 'import' | 'require';
  readonly results: SmokeResult[];
  /** What `startSimulator()` served, when the simulator loaded. */
  readonly fleet?: { vins: string[]; cardataVins: string[] };
}

/**
 * Makes an empty npm project in `project` and installs every tarball in one `npm install` (third-party
 * dependencies come from the npm registry; ours only from the tarballs). Returns how long npm took.
 */
export async function installTarballs(project: string, tarballs: readonly string[]): Promise<number> {
  await mkdir(project, { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'bimmer-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  await writeFile(join(project, 'smoke.cjs'), SMOKE_SCRIPT);
  const { durationMs } = await runOrThrow(
    'npm',
    // Bounded retries, so an unreachable registry fails with npm's message instead of a timeout.
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--fetch-retries=1', ...tarballs],
    { cwd: project },
  );
  return durationMs;
}

/** The `package.json` of an installed package. */
export async function installedManifest(project: string, name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(project, 'node_modules', name, 'package.json'), 'utf8'));
}

/** The import specifiers an installed package offers: `name` and its subpaths (`name/internal`). */
export async function entryPoints(project: string, name: string): Promise<string[]> {
  const exports = (await installedManifest(project, name)).exports as Record<string, unknown>;
  return Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
}

/** Runs the smoke script with `node` (a path) in one mode over `specifiers`. */
export async function smoke(
  node: string,
  project: string,
  mode: 'import' | 'require',
  specifiers: readonly string[],
): Promise<SmokeReport> {
  const { stdout } = await runOrThrow(node, ['smoke.cjs', mode, ...specifiers], { cwd: project });
  return JSON.parse(stdout) as SmokeReport;
}
