import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginGcdm } from './client';
import { EV_VIN, writeSyntheticFleet } from './fleet-fixture';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;

/** Starts the bin; resolves once its first stdout line is complete. `output()` has everything so far. */
function start(
  args: string[],
): Promise<{ firstLine: string; output: () => string; process: ChildProcessWithoutNullStreams }> {
  const started = spawn(process.execPath, [BIN, ...args]);
  child = started;
  let output = '';
  return new Promise((resolve, reject) => {
    started.stdout.on('data', (chunk: Buffer) => {
      const complete = output.includes('\n');
      output += chunk.toString('utf8');
      if (!complete && output.includes('\n')) {
        resolve({ firstLine: output.slice(0, output.indexOf('\n')), output: () => output, process: started });
      }
    });
    started.once('exit', (code) => reject(new Error(`bin exited with ${code}`)));
  });
}

function exitCode(process: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)));
}

beforeAll(() => {
  // The turbo test task runs after build; a bare `vitest` run builds once here.
  if (!existsSync(BIN)) execFileSync('npx', ['tsup'], { cwd: PACKAGE, stdio: 'ignore' });
});

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('bimmer-simulator bin', () => {
  it('prints where it listens first, serves, and exits 0 on SIGINT', async () => {
    const {
      firstLine,
      output,
      process: bin,
    } = await start([
      '--port',
      '0',
      '--fingerprints',
      writeSyntheticFleet(),
      '--account',
      'tester@example.com:pa:ss',
      '--token-lifetime',
      '120',
    ]);
    expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = firstLine.replace('listening on ', '');
    const tokens = await loginGcdm(url, 'row', { username: 'tester@example.com', password: 'pa:ss' });
    expect(tokens.expires_in).toBe(120);
    // When the CarData side runs its broker, its URL is the second line.
    const second = output().split('\n')[1];
    if (second) expect(second).toMatch(/^mqtt on mqtt:\/\/127\.0\.0\.1:\d+$/);
    const exited = exitCode(bin);
    bin.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('arms --fault specs, takes --captcha single-use, and exits 0 on SIGTERM', async () => {
    const { firstLine, process: bin } = await start([
      '--fingerprints',
      writeSyntheticFleet(),
      '--fault',
      'blocked@/eadrax-ucs*1',
      '--captcha',
      'single-use',
    ]);
    const url = firstLine.replace('listening on ', '');
    const response = await fetch(`${url}/eadrax-ucs/v1/presentation/oauth/config`);
    expect(response.status).toBe(489);
    const info = (await (await fetch(`${url}/_simulator/info`)).json()) as { captcha: string };
    expect(info.captcha).toBe('single-use');
    const state = await fetch(`${url}/_simulator/state/${EV_VIN}`);
    expect(state.status).toBe(200);
    const exited = exitCode(bin);
    bin.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses an invalid fault spec with exit code 2', async () => {
    const bin = spawn(process.execPath, [BIN, '--fault', 'explode']);
    child = bin;
    let stderr = '';
    bin.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    expect(await exitCode(bin)).toBe(2);
    expect(stderr).toContain('unknown kind');
  });
});
