import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, createTestHome, type TestHome } from './helpers/run-bimmer';

// util-linux `script` gives the CLI a real pseudo-terminal; skip where it is missing.
const SCRIPT = '/usr/bin/script';
const ACCOUNT = { username: 'terminal@bimmer.dev', password: 'Pty-Secret-4711' };

/** Keys as a terminal sends them. */
const KEY = { enter: '\r', left: '\u001b[D', right: '\u001b[C', backspace: '\u007f', ctrlC: '\u0003' };

/** When the output (so far) contains `when`, type `keys`, one write each (a write of several characters is a paste). */
interface Step {
  readonly when: string;
  readonly keys: readonly string[];
}

interface TerminalRun {
  /** The exit code of bimmer itself. */
  readonly code: number | undefined;
  /** Everything the terminal showed. */
  readonly output: string;
  /** How many steps were played. */
  readonly played: number;
  /** `stty -a` after bimmer exited: the terminal's mode as bimmer left it. */
  readonly sttyAfter: string;
}

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

  /** Runs bimmer in a pseudo-terminal of 100 columns and plays `steps` as their prompts appear. */
  async function onTerminal(args: readonly string[], steps: readonly Step[] = []): Promise<TerminalRun> {
    const bimmer = [process.execPath, CLI_PATH, '--base-url', sim.url, '--no-token-store', ...args].join(' ');
    // The shell outlives a Ctrl-C (a trap with a command is not inherited) to report the exit code.
    const command = `trap 'true' INT; stty cols 100 rows 30; ${bimmer}; echo "EXIT=$?"; stty -a`;
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { env: home.env({ TERM: 'xterm' }) });
    let output = '';
    let played = 0;
    let typing = Promise.resolve();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const step = steps[played];
      if (step === undefined || !output.includes(step.when)) return;
      played += 1;
      // Each key after the previous one has been taken in, as a person types.
      typing = typing.then(async () => {
        for (const key of step.keys) {
          child.stdin.write(key);
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
      });
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const exit = /EXIT=(\d+)/.exec(output)?.[1];
    return {
      code: exit === undefined ? undefined : Number(exit),
      output,
      played,
      sttyAfter: output.slice(output.lastIndexOf('EXIT=')),
    };
  }

  const login = ['--username', ACCOUNT.username, '--captcha-token', 'pty-captcha'];
  /** A light flash of the first vehicle, answering the password prompt. */
  const lightFlash = () => ['lightflash', sim.vins()[0] ?? '', '--poll-interval', '0.05'];
  const typePassword: Step = { when: 'Password for', keys: [ACCOUNT.password, KEY.enter] };

  it('shows a coloured spinner and the final state of a remote command', async () => {
    const run = await onTerminal([...login, ...lightFlash()], [typePassword]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('\u001b[');
    expect(run.output).toMatch(/✔.*Light flash on .*: EXECUTED in \d+\.\d s/);
    expect(run.output).not.toContain(ACCOUNT.password);
  });

  it('stops the spinner before saying "Interrupted." on Ctrl-C, and exits 130', async () => {
    sim.setRemoteServices({ outcome: 'STALL' });
    try {
      const run = await onTerminal(
        [...login, ...lightFlash()],
        [typePassword, { when: ': PENDING', keys: [KEY.ctrlC] }],
      );
      expect(run.code, run.output).toBe(130);
      const after = run.output.slice(run.output.indexOf('Interrupted.'));
      expect(after, run.output).toMatch(/^Interrupted\./);
      // No spinner frame drawn again below the message.
      expect(after.slice(0, after.indexOf('EXIT='))).not.toContain('PENDING');
    } finally {
      sim.setRemoteServices({ outcome: 'EXECUTED' });
    }
  });

  it('edits the password as a terminal does (paste, arrows, backspace) and never shows it', async () => {
    // "Pty-Secret-47" pasted, a typo removed with backspace, a "1" typed, the cursor moved left and
    // another "1" typed before it: the answer is the password, with nothing of it on the screen.
    const run = await onTerminal(
      [...login, 'status', '--json'],
      [
        {
          when: 'Password for',
          keys: ['Pty-Secret-47', 'Z', KEY.backspace, '1', KEY.left, '1', KEY.right, KEY.enter],
        },
      ],
    );
    expect(run.played).toBe(1);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`"vin": "${sim.vins()[0]}"`);
    for (const part of [ACCOUNT.password, 'Pty-Secret', 'Secret-47']) expect(run.output).not.toContain(part);
  });

  it('asks for a missing username on the terminal, then the password', async () => {
    const run = await onTerminal(
      ['--captcha-token', 'pty-captcha', 'status', '--json'],
      [{ when: 'MyBMW username', keys: [ACCOUNT.username, KEY.enter] }, typePassword],
    );
    expect(run.played).toBe(2);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(ACCOUNT.username);
    expect(run.output).not.toContain(ACCOUNT.password);
  });

  it('exits 130 on Ctrl-C at the password prompt and leaves the terminal as it found it', async () => {
    sim.clearRequests();
    const run = await onTerminal(
      [...login, 'status'],
      [{ when: 'Password for', keys: ['half-typed', KEY.ctrlC] }],
    );
    expect(run.code, run.output).toBe(130);
    expect(run.output).not.toContain('half-typed');
    expect(sim.requests()).toEqual([]);
    // Echo and line editing are back on (raw mode would show -echo -icanon).
    expect(run.sttyAfter).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(run.sttyAfter).toMatch(/(^|\s)echo(\s|$)/m);
  });
});
