// The settings page's check of the running plugin says what to do for the connection in use: a
// failed hub is fixed on the hub, a failed MyBMW login in the options, a failed CarData login with
// the login button.
import { describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../config/parse-platform-config';
import type { PluginStatus } from '../platform/plugin-status';
import { doctorChecks } from './doctor-checks';

function status(transport: string, state: string, reason?: string): PluginStatus {
  return {
    writtenAt: new Date().toISOString(),
    pid: process.pid,
    transport,
    connection: { state, reason, since: new Date().toISOString() },
    budget: undefined,
    vehicles: [],
  };
}

async function pluginCheck(transport: string, state: string, reason?: string) {
  const parsed = parsePlatformConfig(
    { transport, hubUrl: 'http://127.0.0.1:8124', username: 'u@example.com', password: 'p' },
    '/hb',
  );
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  const checks = await doctorChecks({
    settings: parsed.settings,
    status: status(transport, state, reason),
    configPath: undefined,
    now: Date.now(),
  });
  return checks.at(-1);
}

describe('the check of the running plugin', () => {
  it('is ok while connected, naming the connection', async () => {
    expect(await pluginCheck('hub', 'connected')).toEqual({
      verdict: 'ok',
      text: 'The plugin is connected (hub).',
    });
  });

  it('points a failed connection to its own fix', async () => {
    const hub = await pluginCheck('hub', 'failed', "the hub's BMW stream: login refused");
    expect(hub?.verdict).toBe('fail');
    expect(hub?.text).toBe("The plugin is failed: the hub's BMW stream: login refused");
    expect(hub?.fix).toMatch(/^The hub's own connection to BMW failed/);
    const mybmw = await pluginCheck('mybmw', 'failed', 'BMW blocks this client');
    expect(mybmw?.fix).toMatch(/^Check the MyBMW username, password and region/);
    const demo = await pluginCheck('demo', 'failed');
    expect(demo?.fix).toBe('Restart Homebridge.');
    const waiting = await pluginCheck('mybmw', 'reconnecting', 'rate limit');
    expect(waiting).toEqual({
      verdict: 'warn',
      text: 'The plugin is reconnecting: rate limit',
      fix: undefined,
    });
  });

  it('sends a hub client whose stream another program took to point that program at the hub', async () => {
    const kicked = await pluginCheck('hub', 'kicked');
    expect(kicked?.fix).toBe('BMW allows one stream per account: point the other program at the hub too.');
  });
});
