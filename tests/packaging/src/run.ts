import { spawn } from 'node:child_process';

/** What a finished child process printed, and how it ended. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/**
 * Runs a command to its end and collects its output. The environment drops `NODE_OPTIONS`, so the
 * child sees exactly what a user's shell would (no conditions or loaders of the test runner).
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<RunResult> {
  const started = performance.now();
  const env = { ...process.env, ...options.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, durationMs: performance.now() - started }));
  });
}

/** Like {@link run}, but a non-zero exit is an error that carries the command's output. */
export async function runOrThrow(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}\n${result.stdout}`.trim(),
    );
  }
  return result;
}
