import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../exit-codes';
import { parseSimulatorArgs, SIMULATOR_HELP } from './simulator-args';

// The simulator's own parser, which this file mirrors until the simulator exports it.
const SIMULATOR_CLI_ARGS = new URL('../../../../packages/simulator/src/cli-args.ts', import.meta.url);

describe.skipIf(!existsSync(SIMULATOR_CLI_ARGS))('SIMULATOR_HELP', () => {
  it("names every flag of bimmer-simulator's USAGE and its fault grammar", () => {
    const source = readFileSync(SIMULATOR_CLI_ARGS, 'utf8');
    const usage = source.slice(source.indexOf('export const USAGE'), source.indexOf('`;'));
    const flags = [...new Set(usage.match(/--[a-z-]+/g) ?? [])];
    expect(flags.length).toBeGreaterThan(5);
    for (const flag of flags) expect(SIMULATOR_HELP).toContain(flag);
    const grammar = /KIND\[@PATH_PREFIX\][^\s]*/.exec(usage)?.[0];
    expect(grammar).toBeDefined();
    expect(SIMULATOR_HELP).toContain(grammar);
  });
});

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
