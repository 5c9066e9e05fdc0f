/**
 * The package, node and dependency checks of the Flow Library scorecard (`node-red-dev validate`,
 * checks P01-P07, N02 and D01-D03), reproduced without its catalogue lookups (catalogue.nodered.org
 * is unreachable here; P08 and N01 need it and are checked before publishing). The rules follow
 * node-red-dev-cli's docs and its checkpackage/checknodes/checkdeps modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import tls from 'node:tls';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import semver from 'semver';

/** One check's result. */
export interface CheckResult {
  readonly test: boolean;
  readonly detail?: unknown;
}

/** The scorecard: check id → result. */
export type Scorecard = Record<string, CheckResult>;

interface PackageJson {
  name: string;
  license?: string;
  repository?: { url?: string; directory?: string } | string;
  bugs?: unknown;
  keywords?: string[];
  engines?: { node?: string };
  'node-red'?: { version?: string; nodes?: Record<string, string> };
  dependencies?: Record<string, string>;
}

/** What the registry says (the scorecard asks npm for these). */
export interface RegistryFacts {
  /** node-red's dist-tags. */
  readonly nodeRedTags: Record<string, string>;
  /** `engines.node` of node-red's `latest`. */
  readonly nodeRedEngines: string;
  /** The latest version of each dependency. */
  readonly latest: Record<string, string>;
}

/** The npm registry (npm's own setting when a package manager passes it on), without a trailing slash. */
function registryUrl(): string {
  const configured = process.env.npm_config_registry;
  return (configured !== undefined && configured !== '' ? configured : 'https://registry.npmjs.org').replace(
    /\/+$/,
    '',
  );
}

/**
 * Trusts the operating system's certificates too, as npm does with its `cafile`: a task runner may
 * keep `NODE_EXTRA_CA_CERTS` from the tests, and a proxy's certificate then fails Node's own fetch.
 */
function trustSystemCertificates(): void {
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...tls.getCACertificates('system')]);
}

async function registryJson(path: string): Promise<unknown> {
  const response = await fetch(`${registryUrl()}/${path}`, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`The npm registry answered ${response.status} for ${path}.`);
  return response.json();
}

/** Asks the npm registry what P06, P07 and D03 need (a handful of small look-ups, in parallel). */
export async function registryFacts(dependencies: readonly string[]): Promise<RegistryFacts> {
  trustSystemCertificates();
  const tags = (name: string) => registryJson(`-/package/${name.replace('/', '%2F')}/dist-tags`);
  const [nodeRed, ...latest] = (await Promise.all([tags('node-red'), ...dependencies.map(tags)])) as Record<
    string,
    string
  >[];
  const nodeRedTags = nodeRed ?? {};
  const manifest = (await registryJson(`node-red/${nodeRedTags.latest ?? 'latest'}`)) as {
    engines?: { node?: string };
  };
  return {
    nodeRedTags,
    nodeRedEngines: manifest.engines?.node ?? '*',
    latest: Object.fromEntries(dependencies.map((name, index) => [name, latest[index]?.latest ?? ''])),
  };
}

/** The validator's parse of an editor file: node definitions by type, and what is not inline. */
export function nodeDefinitions(htmlFile: string): {
  definitions: Record<string, { category?: unknown; defaults?: string[]; credentials?: string[] }>;
  errors: string[];
} {
  const content = readFileSync(htmlFile, 'utf8');
  const blocks = [
    ...content.matchAll(/<script.+?type=['"]text\/javascript['"].*?>([\S\s]*?)<\/script>/gi),
  ].map((match) => match[1] ?? '');
  const definitions: Record<string, { category?: unknown; defaults?: string[]; credentials?: string[] }> = {};
  const errors: string[] = [];
  if (blocks.length === 0) errors.push('no <script type="text/javascript"> section');
  for (const block of blocks) {
    const tree = acorn.parse(block, { ecmaVersion: 'latest' });
    walk.simple(tree, {
      CallExpression(node) {
        const callee = node.callee as { property?: { name?: string } };
        if (callee.property?.name !== 'registerType') return;
        const [type, definition] = node.arguments;
        if (type?.type !== 'Literal') return void errors.push('non-literal');
        if (definition?.type !== 'ObjectExpression') return void errors.push('non-objectexpression');
        const entry: { category?: unknown; defaults?: string[]; credentials?: string[] } = {};
        definitions[String(type.value)] = entry;
        for (const property of definition.properties) {
          if (property.type !== 'Property') continue;
          const key = (property.key as { name?: string }).name;
          const value = property.value;
          if (key === 'defaults' || key === 'credentials') {
            if (value.type !== 'ObjectExpression') errors.push(`${key}-not-inline`);
            else
              entry[key] = value.properties.map((item) =>
                String(((item as acorn.Property).key as { name?: string }).name),
              );
          } else if (
            key === 'icon' ||
            key === 'color' ||
            key === 'inputs' ||
            key === 'outputs' ||
            key === 'category'
          ) {
            if (value.type !== 'Literal') errors.push(`${key}-not-inline`);
            else if (key === 'category') entry.category = value.value;
          }
        }
      },
    });
  }
  if (Object.keys(definitions).length === 0) errors.push('no type definitions found');
  return { definitions, errors };
}

function jsonFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return extname(path) === '.json' ? [path] : [];
  });
}

/**
 * Every package in the installed dependency tree of `from` (production dependencies only), and the
 * ones that are not installed (their trees cannot be checked).
 */
function dependencyTree(
  packageDirectory: string,
  dependencies: Record<string, string>,
): { seen: Map<string, string>; missing: string[] } {
  const seen = new Map<string, string>();
  const missing: string[] = [];
  const visit = (from: string, names: string[]) => {
    const require = createRequire(join(from, 'package.json'));
    for (const name of names) {
      let manifest: string;
      try {
        manifest = require.resolve(`${name}/package.json`);
      } catch {
        // Packages without an exported package.json: find their folder through node_modules.
        const candidates = require.resolve.paths(name) ?? [];
        const found = candidates
          .map((base) => join(base, name, 'package.json'))
          .find((path) => existsSync(path));
        if (found === undefined) {
          missing.push(name);
          continue;
        }
        manifest = found;
      }
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        version: string;
        dependencies?: Record<string, string>;
      };
      const key = `${name}@${pkg.version}`;
      if (seen.has(key)) continue;
      seen.set(key, pkg.version);
      visit(dirname(manifest), Object.keys(pkg.dependencies ?? {}));
    }
  };
  visit(packageDirectory, Object.keys(dependencies));
  return { seen, missing };
}

/**
 * Runs P01-P07, N02 and D01-D03 on the package in `packageDirectory` (built: its node files and
 * their `.html` must exist), with the repository root for P02.
 */
export function scorecard(
  packageDirectory: string,
  repositoryRoot: string,
  registry: RegistryFacts,
): Scorecard {
  const pkg = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as PackageJson;
  const card: Scorecard = {};
  card.P01 = { test: typeof pkg.license === 'string' && pkg.license !== '', detail: pkg.license };
  const repository = typeof pkg.repository === 'string' ? { url: pkg.repository } : pkg.repository;
  const repoPackage =
    repository?.directory === undefined
      ? undefined
      : join(repositoryRoot, repository.directory, 'package.json');
  card.P02 = {
    test:
      repoPackage !== undefined &&
      existsSync(repoPackage) &&
      (JSON.parse(readFileSync(repoPackage, 'utf8')) as { name?: string }).name === pkg.name &&
      typeof repository?.url === 'string',
    detail: repository,
  };
  card.P03 = { test: repository !== undefined || pkg.bugs !== undefined };
  card.P04 = { test: /@[a-z\d][\w-.]+\/[a-z\d][\w-.]*/.test(pkg.name), detail: pkg.name };
  card.P05 = { test: pkg.keywords?.includes('node-red') === true };
  const supported = Object.entries(registry.nodeRedTags)
    .filter(([tag]) => /.*maintenance.*|^latest$/.test(tag))
    .map(([, version]) => version);
  const range = pkg['node-red']?.version;
  card.P06 = {
    test: range !== undefined && supported.some((version) => semver.satisfies(version, range)),
    detail: { range, supported },
  };
  const minimumNode = semver.minVersion(registry.nodeRedEngines);
  card.P07 = {
    test:
      minimumNode !== null &&
      pkg.engines?.node !== undefined &&
      semver.satisfies(minimumNode, pkg.engines.node),
    detail: { ours: pkg.engines?.node, nodeRed: registry.nodeRedEngines },
  };

  const definitions: Record<string, { category?: unknown }> = {};
  const parseErrors: string[] = [];
  for (const file of Object.values(pkg['node-red']?.nodes ?? {})) {
    // The validator derives the editor file exactly like this (a `.cjs` entry would not be found).
    const html = join(packageDirectory, file.replace('.js', '.html'));
    if (!existsSync(html)) {
      parseErrors.push(`${file}: no ${html}`);
      continue;
    }
    const parsed = nodeDefinitions(html);
    Object.assign(definitions, parsed.definitions);
    parseErrors.push(...parsed.errors.map((error) => `${file}: ${error}`));
  }
  const needed = Object.entries(definitions)
    .filter(([, definition]) => definition.category !== 'config')
    .map(([type]) => type);
  const used = new Set<string>();
  for (const file of jsonFiles(join(packageDirectory, 'examples'))) {
    for (const node of JSON.parse(readFileSync(file, 'utf8')) as { type: string }[]) used.add(node.type);
  }
  const missing = needed.filter((type) => !used.has(type));
  card.N02 = {
    test: parseErrors.length === 0 && needed.length > 0 && missing.length === 0,
    detail: { types: Object.keys(definitions), missing, parseErrors },
  };

  const dependencies = pkg.dependencies ?? {};
  card.D01 = { test: Object.keys(dependencies).length <= 6, detail: Object.keys(dependencies).length };
  const bad: Record<string, string> = { 'agent-base': '<6.0.0' };
  const { seen: tree, missing: notInstalled } = dependencyTree(packageDirectory, dependencies);
  const found = [...tree.keys()].filter((key) => {
    const at = key.lastIndexOf('@');
    const name = key.slice(0, at);
    const range = bad[name];
    return range !== undefined && semver.satisfies(key.slice(at + 1), range);
  });
  card.D02 = {
    test: found.length === 0 && notInstalled.length === 0,
    detail: { packages: tree.size, bad: found, notInstalled },
  };
  const outdated = Object.entries(dependencies).filter(([name, range]) => {
    const latest = registry.latest[name];
    return latest === undefined || !semver.satisfies(latest, range);
  });
  card.D03 = { test: outdated.length === 0, detail: { outdated, latest: registry.latest } };
  return card;
}
