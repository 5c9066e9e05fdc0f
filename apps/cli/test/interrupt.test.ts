import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers/simulator-setup';

describe('interrupted runs', () => {
  const harness = useSimulator();

  it('exit 130 on Ctrl-C while polling, with the token file written', async () => {
    harness.sim.setRemoteServices({ outcome: 'STALL' });
    const vin = harness.sim.vins()[0] ?? '';
    let interrupted = false;
    const run = await harness.run(['lightflash', vin, '--poll-interval', '0.05', '--timeout', '60'], {
      onStderr: (stderr, child) => {
        if (!interrupted && stderr.includes('PENDING')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Interrupted.');
    expect(run.stdout).toBe('');
    const stored = JSON.parse(await readFile(harness.home.tokenFile, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ kind: 'mybmw', region: 'rest_of_world' });
    expect(typeof stored.refreshToken).toBe('string');
  });
});
