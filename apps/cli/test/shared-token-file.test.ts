import { readFile, writeFile } from 'node:fs/promises';
import type { Simulator } from '@bimmer/simulator';
import { describe, expect, it } from 'vitest';
import { passwordLogins, useSimulator } from './helpers/simulator-setup';

/** The MyBMW token refreshes (grant `refresh_token`) the simulator answered. */
function refreshes(sim: Simulator): number {
  return sim
    .requests()
    .filter((request) => request.method === 'POST' && request.path === '/gcdm/oauth/token')
    .filter(
      (request) => (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
    ).length;
}

/**
 * Several `bimmer` processes on one token file (cron jobs, a shell loop, Home Assistant): BMW's
 * refresh tokens are single-use, so each process refreshing on its own would spend the others'
 * token and force password logins. They renew one at a time under the lock beside the file.
 */
describe('several processes sharing one MyBMW token file', () => {
  const harness = useSimulator();

  it('five bimmer status started together on an expired token file all succeed with one refresh and no password login', async () => {
    const login = await harness.run(['login']);
    expect(login.code, login.stderr).toBe(0);
    // The access token in the file expired a minute ago: every process needs a renewal.
    const file = JSON.parse(await readFile(harness.home.tokenFile, 'utf8')) as Record<string, unknown>;
    expect(typeof file.refreshToken).toBe('string');
    await writeFile(
      harness.home.tokenFile,
      JSON.stringify({ ...file, accessTokenExpiresAt: Date.now() - 60_000 }),
    );
    harness.sim.clearRequests();

    // A password and a captcha token are at hand, so a process that lost the race would log in
    // (and be counted) rather than fail.
    const runs = await Promise.all(Array.from({ length: 5 }, () => harness.run(['status', '--json'])));

    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveLength(harness.sim.vins().length);
    }
    expect(refreshes(harness.sim)).toBe(1);
    expect(passwordLogins(harness.sim)).toBe(0);
    // The lock is gone once the renewal is done.
    await expect(readFile(`${harness.home.tokenFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);
});
