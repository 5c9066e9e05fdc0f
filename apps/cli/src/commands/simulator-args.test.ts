import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../exit-codes';
import { parseSimulatorArgs } from './simulator-args';

describe('parseSimulatorArgs', () => {
  it('maps every bimmer-simulator flag onto startSimulator options', () => {
    expect(
      parseSimulatorArgs(
        [
          '--fingerprints',
          'a',
          '--fingerprints',
          '/abs/b',
          '--account',
          'me@x.y:pa:ss',
          '--port',
          '8123',
          '--host',
          '0.0.0.0',
          '--latency',
          '25',
          '--fault',
          '429*2',
          '--fault',
          'blocked',
          '--token-lifetime',
          '60',
        ],
        '/cwd',
      ),
    ).toEqual({
      help: false,
      options: {
        fingerprints: ['/cwd/a', '/abs/b'],
        accounts: [{ username: 'me@x.y', password: 'pa:ss' }],
        port: 8123,
        host: '0.0.0.0',
        latencyMs: 25,
        faults: ['429*2', 'blocked'],
        tokenLifetimeSeconds: 60,
      },
    });
    expect(
      parseSimulatorArgs(
        [
          '--remote-outcome',
          'stall',
          '--remote-steps',
          '3',
          '--china-captcha',
          'generated',
          '--captcha',
          'single-use',
        ],
        '/',
      ),
    ).toEqual({
      help: false,
      options: {
        remoteServices: { outcome: 'STALL', stepsPerStatus: 3 },
        chinaCaptcha: 'generated',
        captcha: 'single-use',
      },
    });
    expect(parseSimulatorArgs([], '/')).toEqual({ help: false, options: {} });
    expect(parseSimulatorArgs(['-h'], '/')).toEqual({ help: true });
  });

  it('rejects unknown flags and bad values as usage errors, without echoing a password', () => {
    for (const args of [
      ['--bogus'],
      ['--port', '70000'],
      ['--latency', '-1'],
      ['--account', 'nopassword'],
      ['x'],
    ]) {
      expect(() => parseSimulatorArgs(args, '/')).toThrow(CliUsageError);
    }
    expect(() => parseSimulatorArgs(['--account', 'me:'], '/')).toThrow(/USER:PASSWORD/);
  });
});
