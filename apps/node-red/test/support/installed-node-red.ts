import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const packageDirectory = join(import.meta.dirname, '..', '..');

/** pnpm, as the workspace runs it (`npm_execpath` under `pnpm run`), else from PATH. */
function pnpmCommand(): { command: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath)) {
    return execPath.endsWith('.js') || execPath.endsWith('.cjs')
      ? { command: process.execPath, prefix: [execPath] }
      : { command: execPath, prefix: [] };
  }
  return { command: 'pnpm', prefix: [] };
}

/**
 * Packs the built package as it would be published (`pnpm pack`) and installs the tarball with npm
 * into a folder, as a user's palette install does. Keyed by the tarball's content, so the test files
 * that need it share one install.
 */
export async function installedPackage(): Promise<{ nodeModules: string }> {
  if (!existsSync(join(packageDirectory, 'dist', 'bimmer.js')))
    throw new Error('Build the package first (pnpm build).');
  const packDirectory = await mkdtemp(join(tmpdir(), 'bimmer-node-red-pack-'));
  const pnpm = pnpmCommand();
  await run(pnpm.command, [...pnpm.prefix, 'pack', '--pack-destination', packDirectory], {
    cwd: packageDirectory,
    timeout: 120_000,
  });
  const name = (await readdir(packDirectory)).find((file) => file.endsWith('.tgz'));
  if (name === undefined) throw new Error('pnpm pack made no tarball.');
  const tarball = join(packDirectory, name);
  const hash = createHash('sha256')
    .update(await readFile(tarball))
    .digest('hex')
    .slice(0, 16);
  const target = join(tmpdir(), `bimmer-node-red-install-${hash}`);
  try {
    await installOnce(target, tarball);
  } finally {
    await rm(packDirectory, { recursive: true, force: true });
  }
  return { nodeModules: join(target, 'node_modules') };
}

/** Installs older than this belong to earlier builds and are removed. */
const OLD_INSTALL_MS = 3_600_000;

/**
 * Installs `tarball` into `target` unless a finished install is there. The install goes to a
 * folder of this process first and is renamed into place when complete, so an interrupted install
 * leaves nothing that a later run would take for finished (and needs no lock).
 */
async function installOnce(target: string, tarball: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('bimmer-node-red-install-') || path === target) continue;
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > OLD_INSTALL_MS)
      await rm(path, { recursive: true, force: true });
  }
  if (existsSync(join(target, 'node_modules', '@bimmer', 'node-red', 'package.json'))) return;
  const staging = `${target}.${process.pid}.staging`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(
      join(staging, 'package.json'),
      JSON.stringify({ name: 'node-red-user-dir', private: true }),
    );
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
      {
        cwd: staging,
        timeout: 240_000,
      },
    );
    await rename(staging, target).catch(async (error: unknown) => {
      // Another run finished the same install first: use that one.
      if (!existsSync(target)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A Node-RED 5 process (`node-red -u <userDir> -p <port>`). */
export interface NodeRedProcess {
  readonly url: string;
  readonly userDir: string;
  /** Everything it printed. */
  output(): string;
  /** Stops it (SIGINT, as a service manager does) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * A user directory with our package installed (the shared install, linked in) and a settings file
 * that turns off the editor's welcome tour and telemetry question (they would cover the palette in
 * the browser test), the palette catalogue (unreachable here) and the Monaco code editor (the
 * lighter Ace loads several seconds faster on a small machine; our nodes use neither).
 */
export async function userDirWithPackage(nodeModules: string): Promise<string> {
  const userDir = await mkdtemp(join(tmpdir(), 'bimmer-node-red-user-'));
  await writeFile(
    join(userDir, 'settings.js'),
    `module.exports = ${JSON.stringify({
      flowFile: 'flows.json',
      telemetry: { enabled: false },
      editorTheme: {
        tours: false,
        projects: { enabled: false },
        codeEditor: { lib: 'ace' },
        palette: { catalogues: [] },
      },
    })};\n`,
  );
  await writeFile(
    join(userDir, 'package.json'),
    JSON.stringify({ name: 'node-red-project', private: true, dependencies: { '@bimmer/node-red': '*' } }),
  );
  await symlink(nodeModules, join(userDir, 'node_modules'), 'dir');
  return userDir;
}

/** Starts Node-RED on `userDir` and `port` and waits until its admin API answers. */
export async function startNodeRed(userDir: string, port: number): Promise<NodeRedProcess> {
  const redJs = join(require.resolve('node-red/package.json'), '..', 'red.js');
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [redJs, '-u', userDir, '-p', String(port)], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Node-RED exited:\n${output}`);
    try {
      const response = await fetch(`${url}/flows`);
      if (response.ok && /Started flows|Starting flows/.test(output)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Node-RED did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    userDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Deploys a flow through the admin API (a full deploy, as the editor's Deploy button). */
export async function deploy(url: string, flow: object[]): Promise<void> {
  const response = await fetch(`${url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
    body: JSON.stringify(flow),
  });
  if (!response.ok) throw new Error(`Deploy failed: ${response.status} ${await response.text()}`);
}

/** A JSON call to Node-RED's admin API. */
export async function admin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') === true && text !== '';
  return { status: response.status, body: json ? JSON.parse(text) : text };
}
