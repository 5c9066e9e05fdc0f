import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, createTestHome, type TestHome } from './helpers/run-bimmer';

// util-linux `script` gives the CLI a real pseudo-terminal; skip where it is missing.
const SCRIPT = '/usr/bin/script';
const ACCOUNT = { username: 'terminal@bimmer.dev', password: 'Pty-Secret-4711' };

describe.skipIf(!existsSync(SCRIPT))(`on a terminal (skipped when ${SCRIPT} is absent)`, () => {
  let sim: Simulator;
  let home: TestHome;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: [ACCOUNT] });
    home = await createTestHome();
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });

  /**
   * Runs bimmer under `script` and answers the password prompt when it appears; with `interruptOn`,
   * presses Ctrl-C once the output contains that text.
   */
  async function runOnTerminal(
    args: readonly string[],
    interruptOn?: string,
  ): Promise<{ code: number | null; output: string; answered: boolean }> {
    const command = [process.execPath, CLI_PATH, '--base-url', sim.url, '--no-token-store', ...args].join(
      ' ',
    );
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { env: home.env({ TERM: 'xterm' }) });
    let output = '';
    let answered = false;
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (!answered && output.includes(`Password for ${ACCOUNT.username}: `)) {
        answered = true;
        child.stdin.write(`${ACCOUNT.password}\r`);
      }
      if (interruptOn !== undefined && !interrupted && output.includes(interruptOn)) {
        interrupted = true;
        child.stdin.write('\u0003');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    return { code, output, answered };
  }

  /** A light flash of the first vehicle, logging in with the test account. */
  const lightFlashArgs = () => [
    '--username',
    ACCOUNT.username,
    '--captcha-token',
    'pty-captcha',
    'lightflash',
    sim.vins()[0] ?? '',
    '--poll-interval',
    '0.05',
  ];

  it('shows a coloured spinner and the final state of a remote command', async () => {
    const { code, output } = await runOnTerminal(lightFlashArgs());
    expect(code, output).toBe(0);
    expect(output).toContain('\u001b[');
    expect(output).toMatch(/✔.*Light flash on .*: EXECUTED in \d+\.\d s/);
    expect(output).not.toContain(ACCOUNT.password);
  });

  it('stops the spinner before saying "Interrupted." on Ctrl-C, and exits 130', async () => {
    sim.setRemoteServices({ outcome: 'STALL' });
    try {
      const { code, output } = await runOnTerminal(lightFlashArgs(), ': PENDING');
      expect(code, output).toBe(130);
      const after = output.slice(output.indexOf('Interrupted.'));
      expect(after, output).toMatch(/^Interrupted\./);
      // No spinner frame drawn again below the message.
      expect(after).not.toContain('PENDING');
    } finally {
      sim.setRemoteServices({ outcome: 'EXECUTED' });
    }
  });

  it('asks for a missing password without echoing it', async () => {
    const { code, output, answered } = await runOnTerminal([
      '--username',
      ACCOUNT.username,
      '--captcha-token',
      'pty-captcha',
      'status',
      '--json',
    ]);
    expect(answered).toBe(true);
    expect(code, output).toBe(0);
    expect(output).not.toContain(ACCOUNT.password);
    expect(output).toContain(`"vin": "${sim.vins()[0]}"`);
  });
});
