/**
 * The published packages as a user gets them: every package packed with `pnpm pack`, the tarballs
 * installed together with npm into an empty project outside the workspace, then the installed
 * `bimmer demo` and `bimmer simulator` run and every entry point imported and required, on the
 * Node.js running the tests and on the lowest Node each package's `engines` admits (downloaded once
 * from the npm registry into the tool cache).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPoints, installedManifest, installTarballs, type SmokeReport, smoke } from './consumer-project';
import { nodeBinary } from './node-runtime';
import { fleetVins } from './our-fleet';
import { type PackedPackage, packAll } from './pack';
import { run } from './run';
import { publishedPackages } from './workspace-packages';

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));
/** The first Node 22 release: where a package without ESM-only dependencies must work. */
const FIRST_NODE_22 = '22.0.0';
/** The first Node 22 release whose `require()` loads ES modules without a flag. */
const REQUIRE_ESM_NODE = '22.12.0';
/** The `engines.node` of a package that needs `require(esm)` for its CommonJS build, and of one that does not. */
const ENGINES = { requireEsm: '>=22.12', plain: '>=22' } as const;

const packages = publishedPackages(REPOSITORY);
const fleet = fleetVins(REPOSITORY);
let work: string;
let project: string;
let packed: PackedPackage[];
let installMs: number;
let specifiers: Map<string, string[]>;
let nodes: { firstNode22: string; requireEsmNode: string };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bimmer-packaging-'));
  project = join(work, 'project');
  const started = performance.now();
  packed = await packAll(packages, join(work, 'tarballs'));
  const packedMs = performance.now() - started;
  // npm and the two Node downloads wait on the network: side by side.
  const [install, firstNode22, requireEsmNode] = await Promise.all([
    installTarballs(
      project,
      packed.map((tarball) => tarball.tarball),
    ),
    nodeBinary(FIRST_NODE_22),
    nodeBinary(REQUIRE_ESM_NODE),
  ]);
  console.log(
    `packed ${packed.length} packages in ${(packedMs / 1000).toFixed(1)} s; npm install ${(install / 1000).toFixed(1)} s; ` +
      `ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  installMs = install;
  nodes = { firstNode22, requireEsmNode };
  specifiers = new Map(
    await Promise.all(
      packages.map(async ({ name }) => [name, await entryPoints(project, name)] as [string, string[]]),
    ),
  );
});

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/** Every entry point of every package (`@bimmer/core`, `@bimmer/core/internal`, ...). */
function allSpecifiers(): string[] {
  return [...specifiers.values()].flat();
}

/** Runs the smoke script in both module systems; fails with the errors when an entry does not load. */
async function smokeBoth(node: string, only: readonly string[] = allSpecifiers()) {
  const [imported, required] = await Promise.all([
    smoke(node, project, 'import', only),
    smoke(node, project, 'require', only),
  ]);
  return { imported, required };
}

function failures(report: SmokeReport): string[] {
  return report.results
    .filter((result) => !result.ok)
    .map((result) => `${result.specifier}: ${result.error}`);
}

describe('the packed packages, installed with npm outside the workspace', () => {
  it('are every published package, with real versions, the published exports and only dist inside', async () => {
    expect(packed.map((tarball) => tarball.name).sort()).toEqual(packages.map(({ name }) => name));
    for (const tarball of packed) {
      expect(
        tarball.files.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE)/.test(file)),
      ).toEqual([]);
      const manifest = await installedManifest(project, tarball.name);
      const text = JSON.stringify(manifest);
      expect(text, `${tarball.name} still names a workspace version`).not.toContain('workspace:');
      expect(text, `${tarball.name} still exports its sources`).not.toContain('@bimmer/source');
    }
    console.log(
      `tarballs: ${packed.map((tarball) => `${tarball.name} ${(tarball.bytes / 1024).toFixed(0)} KiB`).join(', ')}; ` +
        `total ${(packed.reduce((sum, tarball) => sum + tarball.bytes, 0) / 1024).toFixed(0)} KiB; ` +
        `npm install ${(installMs / 1000).toFixed(1)} s`,
    );
  });

  it('carry our whole fleet inside the simulator package', () => {
    const simulator = packed.find((tarball) => tarball.name === '@bimmer/simulator');
    const shipped = (simulator?.files ?? [])
      .map((file) => /^dist\/fixtures\/mybmw\/.*_profile_([A-Z0-9]{17})\.json$/.exec(file)?.[1])
      .filter((vin) => vin !== undefined)
      .sort();
    expect(shipped).toEqual(fleet.vins);
    expect(fleet.vins.length).toBeGreaterThan(0);
  });

  it('run bimmer demo with the whole fleet', async () => {
    const result = await run(join(project, 'node_modules', '.bin', 'bimmer'), ['demo'], {
      cwd: project,
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    });
    expect(result.code, result.stderr).toBe(0);
    for (const vin of fleet.vins) expect(result.stdout).toContain(vin);
    console.log(
      `bimmer demo (installed, Node ${process.version}): ${(result.durationMs / 1000).toFixed(1)} s`,
    );
  });

  it('run bimmer simulator serving MyBMW and CarData until Ctrl-C', async () => {
    const child = spawn(join(project, 'node_modules', '.bin', 'bimmer'), ['simulator'], {
      cwd: project,
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /^listening on (\S+)\n/.exec(output);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('close', (code) => reject(new Error(`bimmer simulator exited with ${code}: ${output}`)));
      });
      const info = (await (await fetch(`${url}/_simulator/info`)).json()) as { vins: string[] };
      const cardata = (await (await fetch(`${url}/_simulator/cardata/state`)).json()) as {
        vehicles: string[];
      };
      expect(info.vins).toEqual(fleet.vins);
      expect([...cardata.vehicles].sort()).toEqual(fleet.cardataVins);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('import and require every entry point, the same exports either way, and startSimulator serves the fleet', async () => {
    const { imported, required } = await smokeBoth(process.execPath);
    expect(failures(imported)).toEqual([]);
    expect(failures(required)).toEqual([]);
    expect(required.results.map((result) => [result.specifier, result.exports])).toEqual(
      imported.results.map((result) => [result.specifier, result.exports]),
    );
    expect(imported.fleet).toEqual(fleet);
    expect(required.fleet).toEqual(fleet);
  });
});

describe(`on Node ${REQUIRE_ESM_NODE}, the lowest Node that require()s ES modules`, () => {
  it('every entry point imports and requires, and startSimulator serves the fleet', async () => {
    const { imported, required } = await smokeBoth(nodes.requireEsmNode);
    expect(imported.node).toBe(`v${REQUIRE_ESM_NODE}`);
    expect(failures(imported)).toEqual([]);
    expect(failures(required)).toEqual([]);
    expect(imported.fleet).toEqual(fleet);
    expect(required.fleet).toEqual(fleet);
  });

  it('runs bimmer demo', async () => {
    const cli = await installedManifest(project, '@bimmer/cli');
    const bin = join(project, 'node_modules', '@bimmer/cli', (cli.bin as { bimmer: string }).bimmer);
    const result = await run(nodes.requireEsmNode, [bin, 'demo'], { cwd: project, env: { NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    for (const vin of fleet.vins) expect(result.stdout).toContain(vin);
    console.log(
      `bimmer demo (installed, Node v${REQUIRE_ESM_NODE}): ${(result.durationMs / 1000).toFixed(1)} s`,
    );
  });
});

describe('engines', () => {
  it(`says ${ENGINES.requireEsm} exactly for the packages that need require(esm) (they fail on Node ${FIRST_NODE_22}), ${ENGINES.plain} for the rest`, async () => {
    const { imported, required } = await smokeBoth(nodes.firstNode22);
    expect(imported.node).toBe(`v${FIRST_NODE_22}`);
    const failing = new Set(
      [...imported.results, ...required.results]
        .filter((result) => !result.ok)
        .map((result) => result.specifier),
    );
    const declared = packages.map(({ name, engines }) => [name, engines]);
    const needed = packages.map(({ name }) => [
      name,
      (specifiers.get(name) ?? []).some((specifier) => failing.has(specifier))
        ? ENGINES.requireEsm
        : ENGINES.plain,
    ]);
    expect(declared).toEqual(needed);
    console.log(
      `Node v${FIRST_NODE_22}: ${needed.map(([name, range]) => `${name} ${range}`).join(', ')}; ` +
        `failing there: ${[...failing].join(', ') || 'none'}`,
    );
  });
});
