import { describe, expect, it } from 'vitest';
import { createTestHome, runBimmer, startBimmer } from './helpers/run-bimmer';

describe('bimmer simulator', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints "listening on <url>" first, answers requests, and exits 0 on ${signal}`, async () => {
      const home = await createTestHome();
      const running = startBimmer(['simulator', '--port', '0', '--latency', '0'], { env: home.env() });
      const line = await running.firstLine;
      expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.replace('listening on ', '');
      const response = await fetch(`${url}/eadrax-vcs/v5/vehicle-list`, { method: 'POST' });
      expect(response.status).toBe(401);
      running.child.kill(signal);
      const run = await running.exited;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('demo@bimmer.dev');
      await home.remove();
    });
  }

  it('explains its flags and rejects unknown ones', async () => {
    const home = await createTestHome();
    const help = await runBimmer(['simulator', '--help'], { env: home.env() });
    expect(help.code).toBe(0);
    for (const flag of [
      '--fingerprints',
      '--account',
      '--port',
      '--host',
      '--latency',
      '--fault',
      '--token-lifetime',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const bad = await runBimmer(['simulator', '--bogus'], { env: home.env() });
    expect(bad.code).toBe(2);
    await home.remove();
  });
});

describe('bimmer demo', () => {
  it('runs end to end without network or set-up: every vehicle, then a light flash', async () => {
    const home = await createTestHome();
    const run = await runBimmer(['demo', '--latency', '0'], { env: home.env() });
    expect(run.code, run.stderr).toBe(0);
    const headings = run.stdout.split('\n').filter((line) => /^(BMW|MINI|TOYOTA) /.test(line));
    expect(headings.length).toBeGreaterThan(3);
    for (const heading of headings) expect(heading).toMatch(/[A-Z0-9]{17}$/);
    expect(run.stderr).toMatch(/1\. Starting the simulator\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stderr).toMatch(/Logging in as demo@bimmer\.dev/);
    expect(run.stderr).toMatch(/Flashing the lights of .*PENDING → DELIVERED → EXECUTED/);
    expect(run.stderr).toContain('Done in');
    expect(run.stderr).not.toContain('bimmer-demo-captcha');
    await home.remove();
  });
});
