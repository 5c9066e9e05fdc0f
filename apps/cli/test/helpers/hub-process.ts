import { type ChildProcess, spawn } from 'node:child_process';
import { type BimmerRun, CLI_PATH } from './run-bimmer';

/** A running `bimmer hub` whose two stdout lines have been read. */
export interface HubProcess {
  readonly child: ChildProcess;
  /** When the process was spawned (epoch ms). */
  readonly spawnedAt: number;
  /** The two stdout lines, as printed. */
  readonly lines: readonly [string, string];
  /** From `hub http on <url>`. */
  readonly httpUrl: string;
  /** From `hub mqtt on <url>` or `hub publishing to <url>`. */
  readonly mqttUrl: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<BimmerRun>;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<BimmerRun>;
}

/** Options of {@link startHubProcess}. */
export interface HubProcessOptions {
  readonly env: Record<string, string>;
  /** Called with the stderr seen so far whenever it grows (to approve a device code). */
  readonly onStderr?: (stderr: string) => void;
  /** Kill the child after this long; a safety net, not an assertion. Default 90 s. */
  readonly killAfterMs?: number;
}

/**
 * Starts `node dist/cli.js ...args` (a `bimmer hub` command line) and resolves once both stdout
 * lines are there; rejects with its output when it exits before that.
 */
export function startHubProcess(args: readonly string[], options: HubProcessOptions): Promise<HubProcess> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 90_000);
  const exited = new Promise<BimmerRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return new Promise((resolve, reject) => {
    let started = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      if (started || lines.length < 3) return;
      started = true;
      const [http = '', mqtt = ''] = lines;
      resolve({
        child,
        spawnedAt,
        lines: [http, mqtt],
        httpUrl: http.replace(/^hub http on /, ''),
        mqttUrl: mqtt.replace(/^hub (mqtt on|publishing to) /, ''),
        exited,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: (signal = 'SIGINT') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    void exited.then((run) => {
      if (!started) reject(new Error(`bimmer hub exited with ${run.code} before its lines: ${run.stderr}`));
    });
  });
}
