import { describe, expect, it } from 'vitest';
import { runBimmer } from './helpers/run-bimmer';
import { CAPTCHA, DEMO, passwordLogins, secretsIn, useSimulator } from './helpers/simulator-setup';

describe('login and API failures', () => {
  const harness = useSimulator();

  it('exits 3 on a wrong password and never prints it', async () => {
    const wrong = 'not-the-demo-password';
    const run = await harness.run(['status'], { extraEnv: { BIMMER_PASSWORD: wrong } });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /m);
    expect(secretsIn(run, [wrong, CAPTCHA])).toEqual([]);
  });

  it('exits 4 when the first login has no captcha token, and says how to get one', async () => {
    const env = harness.home.env({ BIMMER_PASSWORD: DEMO.password });
    const run = await harness.run(['status', '--json'], { env });
    expect(run.code, run.stderr).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/captcha/i);
    expect(run.stderr).toContain('--captcha-token');
  });

  it('exits 2 without a password when nothing is stored and stdin is no terminal', async () => {
    const run = await harness.run(['status'], { env: harness.home.env({ BIMMER_CAPTCHA_TOKEN: CAPTCHA }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No password given.');
    expect(run.stderr).toContain('BIMMER_PASSWORD');
    expect(harness.sim.requests()).toEqual([]);
  });

  it('reads the password from stdin with --password-stdin', async () => {
    const env = harness.home.env({ BIMMER_CAPTCHA_TOKEN: CAPTCHA });
    const run = await harness.run(['--password-stdin', 'status', '--json'], {
      env,
      input: `${DEMO.password}\n`,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(harness.sim.vins().length);
  });

  it('bimmer login stores the session; later commands need no password', async () => {
    const login = await harness.run(['login']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(
      `Logged in as ${DEMO.username} (rest_of_world); tokens saved to ${harness.home.tokenFile}`,
    );
    expect(login.stdout).toBe('');
    const status = await harness.run(['status', '--json'], { env: harness.home.env() });
    expect(status.code, status.stderr).toBe(0);
  });

  it('bimmer login asks BMW before it says "logged in", even with valid-looking stored tokens', async () => {
    expect((await harness.run(['login'])).code).toBe(0);
    harness.sim.clearRequests();
    const again = await harness.run(['login'], { env: harness.home.env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Logged in as ${DEMO.username}`);
    // The session was tried against BMW: one read-only request, no new password login.
    expect(harness.sim.requests().map((request) => request.path)).toContain('/eadrax-vcs/v5/vehicle-list');
    expect(passwordLogins(harness.sim)).toBe(0);
  });

  it('bimmer login never claims success with stored tokens BMW refuses', async () => {
    expect((await harness.run(['login'])).code).toBe(0);
    harness.sim.reset(); // forgets every token: the stored access and refresh tokens are refused

    // No password at hand: a clear failure, not "logged in".
    const noPassword = await harness.run(['login'], { env: harness.home.env() });
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).not.toContain('Logged in');
    expect(noPassword.stderr).toContain('BMW no longer accepts the stored session');
    expect(noPassword.stderr).toMatch(/password/i);

    // A password but no captcha token: says a captcha token is needed (exit 4).
    const noCaptcha = await harness.run(['login'], {
      env: harness.home.env({ BIMMER_PASSWORD: DEMO.password }),
    });
    expect(noCaptcha.code, noCaptcha.stderr).toBe(4);
    expect(noCaptcha.stderr).not.toContain('Logged in');
    expect(noCaptcha.stderr).toContain('--captcha-token');

    // Both: a fresh login, verified.
    const fresh = await harness.run(['login']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toContain(`Logged in as ${DEMO.username}`);
    expect(passwordLogins(harness.sim)).toBe(1);
    const status = await harness.run(['status', '--json'], { env: harness.home.env() });
    expect(status.code, status.stderr).toBe(0);
  });

  it('exits 5 on a quota error', async () => {
    harness.sim.addFault('quota@/eadrax-vcs');
    const run = await harness.run(['status']);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/quota|rate limit/i);
  });

  it('exits 6 when BMW blocks the client and points to CarData', async () => {
    harness.sim.addFault('blocked@/eadrax-vcs');
    const run = await harness.run(['status']);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('CarData');
  });

  it('exits 1 when the server keeps failing', async () => {
    harness.sim.addFault('500@/eadrax-vcs');
    const run = await harness.run(['status']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error: /m);
  });

  it('exits 2 for an unknown region', async () => {
    const run = await runBimmer(['--region', 'mars', 'status'], { env: harness.home.env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown region "mars"');
  });

  it('explains when the stored session expired and no password is at hand', async () => {
    expect((await harness.run(['status', '--json'])).code).toBe(0);
    harness.sim.reset(); // forgets every token: the stored refresh token is refused
    const run = await harness.run(['status'], { env: harness.home.env() });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/password/i);
  });
});
