import { describe, expect, it } from 'vitest';
import { createTestHome, runBimmer } from './helpers/run-bimmer';

const COMMANDS = [
  'login',
  'quota',
  'doctor',
  'status',
  'stream',
  'fingerprint',
  'image',
  'lightflash',
  'horn',
  'lock',
  'unlock',
  'vehiclefinder',
  'climate',
  'charge',
  'chargingsettings',
  'chargingprofile',
  'sendpoi',
  'sendpoi_from_address',
  'demo',
  'simulator',
];

describe('help and usage', () => {
  it('bimmer --help lists every command, the environment and the exit codes', async () => {
    const home = await createTestHome();
    const run = await runBimmer(['--help'], { env: home.env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const text of ['BIMMER_PASSWORD', 'BIMMER_BASE_URL', 'NO_COLOR', 'Exit codes:', '130']) {
      expect(run.stdout).toContain(text);
    }
    await home.remove();
  });

  it('every command has its own help with its arguments and the global options', async () => {
    const home = await createTestHome();
    for (const command of COMMANDS.filter((name) => name !== 'simulator')) {
      const run = await runBimmer([command, '--help'], { env: home.env() });
      expect(run.code, command).toBe(0);
      expect(run.stdout).toContain(`Usage: bimmer ${command}`);
      expect(run.stdout).toContain('--base-url');
    }
    await home.remove();
  });

  it('prints the version', async () => {
    const home = await createTestHome();
    const run = await runBimmer(['--version'], { env: home.env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
    await home.remove();
  });

  it('exits 2 on unknown commands (with --help too), unknown options and missing arguments', async () => {
    const home = await createTestHome();
    for (const args of [
      ['fly'],
      ['fly', '--help'],
      ['--region', 'china', 'fly', '-h'],
      ['status', '--bogus'],
      ['charge'],
      ['lightflash'],
    ]) {
      const run = await runBimmer(args, { env: home.env() });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/error/);
    }
    await home.remove();
  });
});
