import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArguments, simulatorUsage, USAGE } from './cli-args';

describe('bimmer-simulator arguments', () => {
  it('reads every flag, repeatable ones in order', () => {
    expect(
      parseArguments([
        '--fingerprints',
        'a',
        '--fingerprints=b',
        '--account',
        'me@x.y:pass:word',
        '--port',
        '8080',
        '--host',
        '0.0.0.0',
        '--latency',
        '20',
        '--fault',
        '429*2',
        '--fault',
        'slow=10',
        '--token-lifetime',
        '60',
        '--remote-outcome',
        'error',
        '--remote-steps',
        '0',
        '--china-captcha',
        'generated',
        '--captcha',
        'single-use',
      ]),
    ).toEqual({
      help: false,
      options: {
        fingerprints: ['a', 'b'],
        accounts: [{ username: 'me@x.y', password: 'pass:word' }],
        port: 8080,
        host: '0.0.0.0',
        latencyMs: 20,
        faults: ['429*2', 'slow=10'],
        tokenLifetimeSeconds: 60,
        remoteServices: { outcome: 'ERROR', stepsPerStatus: 0 },
        chinaCaptcha: 'generated',
        captcha: 'single-use',
      },
    });
  });

  it('defaults to no options and knows --help', () => {
    expect(parseArguments([])).toEqual({ help: false, options: {} });
    expect(parseArguments(['--port', '1', '-h'])).toEqual({ help: true });
  });

  it('chooses the CarData vehicles: a directory, or none', () => {
    expect(parseArguments(['--cardata-vehicles', 'my/cars'])).toEqual({
      help: false,
      options: { cardataVehicles: 'my/cars' },
    });
    expect(parseArguments(['--no-cardata-vehicles'])).toEqual({
      help: false,
      options: { cardataVehicles: false },
    });
  });

  it('documents every flag it reads, under the command name it is given', () => {
    const source = readFileSync(new URL('./cli-args.ts', import.meta.url), 'utf8');
    const flags = [...source.matchAll(/case '(--[a-z-]+)'/g)].map((match) => match[1]);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(USAGE).toContain(`${flag} `);
    expect(USAGE.startsWith('Usage: bimmer-simulator [options]')).toBe(true);
    expect(simulatorUsage('bimmer simulator').startsWith('Usage: bimmer simulator [options]')).toBe(true);
  });

  it.each([
    [['--port', '70000'], 'from 0 to 65535'],
    [['--no-cardata-vehicles=yes'], 'takes no value'],
    [['--cardata-vehicles'], 'needs a value'],
    [['--port'], 'needs a value'],
    [['--port', 'x'], 'integer'],
    [['--account', 'nocolon'], 'USER:PASSWORD'],
    [['--fault', 'nope'], 'unknown kind'],
    [['--token-lifetime', '0'], 'integer'],
    [['--captcha', 'once'], 'single-use or reusable'],
    [['--verbose'], 'Unknown option'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(message);
  });
});
