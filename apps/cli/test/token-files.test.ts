import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBimmer } from './helpers/run-bimmer';
import { CAPTCHA, DEMO, passwordLogins, useSimulator } from './helpers/simulator-setup';

describe('token files', () => {
  const harness = useSimulator();

  /** Runs bimmer with the demo login and no --token-file of the harness. */
  const run = (args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
    runBimmer(['--base-url', harness.sim.url, '--username', DEMO.username, ...args], {
      cwd: options.cwd,
      env: options.env ?? harness.home.env({ BIMMER_PASSWORD: DEMO.password, BIMMER_CAPTCHA_TOKEN: CAPTCHA }),
    });

  it('a token file that cannot be kept ends with exit 11 and its path, before any login request', async () => {
    const base = await mkdtemp(join(harness.home.dir, 'paths-'));
    await mkdir(join(base, 'a-folder'));
    await writeFile(join(base, 'a-file'), 'not a folder');
    const folder = join(base, 'a-folder');
    const fileInPath = join(base, 'a-file', 'tokens.json');
    const tooLong = join(base, `${'t'.repeat(300)}.json`);
    const cases = [
      { path: folder, reason: 'it is a directory', args: ['login'] },
      { path: folder, reason: 'it is a directory', args: ['status'] },
      { path: fileInPath, reason: 'a part of its path is a file', args: ['login'] },
      { path: fileInPath, reason: 'a part of its path is a file', args: ['lightflash', 'WBA00000BIMMER001'] },
      { path: tooLong, reason: 'its name is too long', args: ['login'] },
      { path: tooLong, reason: 'its name is too long', args: ['login', '--cardata', '--client-id', 'x'] },
      { path: '/dev/null', reason: 'it is not a regular file', args: ['status'] },
    ];
    for (const { path, reason, args } of cases) {
      harness.sim.clearRequests();
      const result = await run(['--token-file', path, ...args]);
      expect(result.code, `${args.join(' ')} ${path}: ${result.stderr}`).toBe(11);
      expect(result.stderr).toContain(`error: The token file ${path} cannot be used: ${reason}`);
      // One hint, the CLI's words for the action (not the SDK's as well).
      expect(result.stderr.match(/^hint: /gm)).toHaveLength(1);
      expect(result.stderr).toContain('--token-file PATH');
      expect(harness.sim.requests(), args.join(' ')).toEqual([]);
    }
    expect(passwordLogins(harness.sim)).toBe(0);
  }, 90_000);

  it('a folder without write permission is refused the same way', async ({ skip }) => {
    // Root writes anywhere a permission bit forbids; a read-only file system still refuses it.
    const unwritable =
      process.getuid?.() === 0
        ? '/sys/bimmer-tokens.json'
        : join(await readOnlyFolder(harness.home.dir), 't.json');
    const result = await run(['--token-file', unwritable, 'login']);
    if (process.getuid?.() === 0 && result.code === 0)
      skip('/sys is writable here: no unwritable place as root');
    expect(result.code, result.stderr).toBe(11);
    expect(result.stderr).toContain(`The token file ${unwritable} cannot be used`);
    expect(harness.sim.requests()).toEqual([]);
  });

  it('an empty HOME never puts tokens under the current folder', async () => {
    const cwd = await mkdtemp(join(harness.home.dir, 'cwd-'));
    const env = { PATH: process.env.PATH ?? '', HOME: '' };
    const doctor = await runBimmer(['doctor'], { cwd, env });
    const folder = /Config folder (\S+)/.exec(doctor.stdout)?.[1] ?? '';
    expect(folder, doctor.stdout).toMatch(/^\//);
    expect(folder.startsWith(cwd)).toBe(false);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a damaged token file is named as such, not reported as a missing password', async () => {
    const file = join(harness.home.dir, 'damaged.json');
    await writeFile(file, '{ "schemaVersion": 1, "kind": "mybm');
    const env = harness.home.env({ BIMMER_CAPTCHA_TOKEN: CAPTCHA });
    const result = await run(['--token-file', file, 'status'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The token file ${file} is damaged`);
    expect(result.stderr).toContain('A new login needs the password');
    expect(result.stderr).not.toMatch(/^error: No password given\.$/m);
    // With a password, a new login replaces it; the damage is told once.
    const replaced = await run(['--token-file', file, 'status', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr.split('\n').filter((line) => line.includes('is damaged'))).toHaveLength(1);
    // The session of another region is named by the SDK's rule, before anything is sent.
    harness.sim.clearRequests();
    const region = await run(['--token-file', file, '--region', 'north_america', 'status'], { env });
    expect(region.code, region.stderr).toBe(2);
    expect(region.stderr).toContain(
      `The token file ${file} holds a MyBMW login for rest_of_world, not for north_america.`,
    );
    expect(harness.sim.requests()).toEqual([]);

    const cardata = join(harness.home.dir, 'cardata-login.json');
    await writeFile(cardata, JSON.stringify({ schemaVersion: 1, kind: 'cardata', clientId: 'c', gcid: 'g' }));
    // Another transport's login is never overwritten: a file problem (exit 11), password or not.
    for (const withPassword of [
      env,
      harness.home.env({ BIMMER_PASSWORD: DEMO.password, BIMMER_CAPTCHA_TOKEN: CAPTCHA }),
    ]) {
      harness.sim.clearRequests();
      const other = await run(['--token-file', cardata, 'status'], { env: withPassword });
      expect(other.code, other.stderr).toBe(11);
      expect(other.stderr).toContain(`The token file ${cardata} holds BMW CarData tokens, not a MyBMW login`);
      expect(harness.sim.requests()).toEqual([]);
    }
  });
});

async function readOnlyFolder(parent: string): Promise<string> {
  const { chmod } = await import('node:fs/promises');
  const folder = await mkdtemp(join(parent, 'read-only-'));
  await chmod(folder, 0o500);
  return folder;
}
