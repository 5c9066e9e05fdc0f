import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../errors/cli-usage-error';
import {
  AC_LIMIT_RANGE,
  MAX_SECONDS,
  parseAcLimit,
  parseBoolean,
  parseChoice,
  parseIntegerArgument,
  parseLatitude,
  parseLongitude,
  parseNumberArgument,
  parseSeconds,
  parseTargetSoc,
  parseVin,
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

  it('convert seconds to milliseconds, up to a day (Node timers overflow past 24.8 days)', () => {
    expect(parseSeconds('--poll-interval', '0.05')).toBe(50);
    expect(parseSeconds('--timeout', String(MAX_SECONDS))).toBe(MAX_SECONDS * 1000);
    for (const bad of ['0', '-1', '86400.5', '1e9'])
      expect(() => parseSeconds('--timeout', bad)).toThrow(CliUsageError);
  });

  it('take plain decimals only, not what Number() also takes', () => {
    for (const bad of ['0x10', '0b1', ' 5', '5 ', '1_000', 'Infinity', '--5', '5.5.5']) {
      expect(() => parseNumberArgument('x', bad), bad).toThrow(CliUsageError);
    }
    for (const [text, value] of [
      ['.5', 0.5],
      ['+3', 3],
      ['5.', 5],
      ['1E3', 1000],
      ['-0.25', -0.25],
    ] as const) {
      expect(parseNumberArgument('x', text)).toBe(value);
    }
  });
});

describe('vehicle values', () => {
  it('accept exactly the charging targets BMW takes: 20 to 100 in steps of 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (percent) => {
        const valid = percent >= 20 && percent <= 100 && percent % 5 === 0;
        if (valid) expect(parseTargetSoc(String(percent))).toBe(percent);
        else expect(() => parseTargetSoc(String(percent))).toThrow(CliUsageError);
      }),
    );
    expect(() => parseTargetSoc('80.5')).toThrow(/whole number/);
  });

  it('accept AC limits of 6 to 63 A only', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 1000 }), (ampere) => {
        const valid = ampere >= AC_LIMIT_RANGE.min && ampere <= AC_LIMIT_RANGE.max;
        if (valid) expect(parseAcLimit(String(ampere))).toBe(ampere);
        else expect(() => parseAcLimit(String(ampere))).toThrow(CliUsageError);
      }),
    );
  });

  it('accept a VIN of 17 letters and digits, in any case, and nothing else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{17}$/), (vin) => {
        expect(parseVin(` ${vin} `)).toBe(vin.toUpperCase());
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*[A-Za-z0-9]{17}\s*$/.test(text));
        expect(() => parseVin(text)).toThrow(CliUsageError);
      }),
    );
  });
});
