import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../errors/cli-usage-error';
import {
  parseBoolean,
  parseChoice,
  parseIntegerArgument,
  parseLatitude,
  parseLongitude,
  parseNumberArgument,
  parseSeconds,
} from './parse-args';

describe('argument parsers', () => {
  it('parse numbers and reject everything else as usage errors', () => {
    expect(parseNumberArgument('x', '-12.5')).toBe(-12.5);
    expect(parseIntegerArgument('x', '80')).toBe(80);
    for (const bad of ['', ' ', 'abc', '1e999', 'NaN']) {
      expect(() => parseNumberArgument('x', bad)).toThrow(CliUsageError);
    }
    expect(() => parseIntegerArgument('--target-soc', '80.5')).toThrow(/whole number/);
  });

  it('round-trip every finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parseNumberArgument('x', String(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('check coordinate ranges', () => {
    expect(parseLatitude('48.17')).toBe(48.17);
    expect(parseLongitude('-122.4')).toBe(-122.4);
    expect(() => parseLatitude('91')).toThrow(/between -90 and 90/);
    expect(() => parseLongitude('180.5')).toThrow(/between -180 and 180/);
  });

  it('parse booleans strictly, unlike the reference', () => {
    expect(parseBoolean('x', 'False')).toBe(false);
    expect(parseBoolean('x', 'yes')).toBe(true);
    expect(() => parseBoolean('x', 'maybe')).toThrow(CliUsageError);
  });

  it('match choices case-insensitively and list them on error', () => {
    expect(parseChoice('action', 'START', ['start', 'stop'] as const)).toBe('start');
    expect(() => parseChoice('action', 'go', ['start', 'stop'] as const)).toThrow(/start, stop/);
  });

  it('convert seconds to milliseconds', () => {
    expect(parseSeconds('--poll-interval', '0.05')).toBe(50);
    expect(() => parseSeconds('--timeout', '0')).toThrow(CliUsageError);
  });
});
