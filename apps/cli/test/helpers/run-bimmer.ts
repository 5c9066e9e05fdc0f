import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built bin; the turbo `test` task runs after `build`. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a finished `bimmer` run left behind. */
export interface BimmerRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary home for one test file: HOME, XDG folders and a token file path inside it. */
export interface TestHome {
  readonly dir: string;
  readonly tokenFile: string;
  /** The environment a run gets: only what we set, so the developer's own BIMMER_* never leak in. */
  env(extra?: Record<string, string>): Record<string, string>;
  remove(): Promise<void>;
}

/** Creates a fresh temporary home. */
export async function createTestHome(): Promise<TestHome> {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run "pnpm --filter @bimmer/cli build" first.`);
  const dir = await mkdtemp(join(tmpdir(), 'bimmer-cli-test-'));
  return {
    dir,
    tokenFile: join(dir, 'tokens.json'),
    env: (extra = {}) => ({
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      ...extra,
    }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Options of {@link runBimmer}. */
export interface RunOptions {
  readonly env: Record<string, string>;
  readonly cwd?: string | undefined;
  /** Written to stdin, which is then closed. */
  readonly input?: string;
  /** Called with the stderr seen so far whenever it grows (to interrupt at the right moment). */
  readonly onStderr?: (stderr: string, child: ChildProcess) => void;
  /** Kill the child after this long; a safety net, not an assertion. Default 20 s. */
  readonly killAfterMs?: number;
}

/** Runs `node dist/cli.js ...args` and collects its output and exit code. */
export function runBimmer(args: readonly string[], options: RunOptions): Promise<BimmerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr, child);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A `bimmer` process that keeps running (the simulator), with its first stdout line. */
export interface RunningBimmer {
  readonly child: ChildProcess;
  /** Resolves with the first line on stdout. */
  readonly firstLine: Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<BimmerRun>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** What the process wrote to stdout so far. */
  stdout(): string;
}

/** Starts `node dist/cli.js ...args` without waiting for it to finish. */
export function startBimmer(
  args: readonly string[],
  options: { env: Record<string, string> },
): RunningBimmer {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => {
    resolveLine = resolve;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const newline = stdout.indexOf('\n');
    if (newline >= 0) resolveLine(stdout.slice(0, newline));
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exited = new Promise<BimmerRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveLine(stdout);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, firstLine, exited, stderr: () => stderr, stdout: () => stdout };
}
