import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAge, formatAgeRange } from './age';

describe('ages', () => {
  it('read in at most two whole units, rounded down', () => {
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(59_999)).toBe('59 s');
    expect(formatAge(5 * 60_000 + 59_000)).toBe('5 min');
    expect(formatAge(2 * 3_600_000)).toBe('2 h');
    expect(formatAge(2 * 3_600_000 + 5 * 60_000 + 30_000)).toBe('2 h 5 min');
    expect(formatAge(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe('3 d 4 h');
    expect(formatAge(-5)).toBe('0 s');
  });

  it('never make a value look younger than an older one', () => {
    const unitMs = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;
    const lowerBound = (text: string) =>
      text
        .split(' ')
        .reduce<[number, number][]>((pairs, word, index, words) => {
          if (index % 2 === 0) pairs.push([Number(word), unitMs[words[index + 1] as keyof typeof unitMs]]);
          return pairs;
        }, [])
        .reduce((sum, [count, unit]) => sum + count * unit, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
        expect(lowerBound(formatAge(ms))).toBeLessThanOrEqual(ms);
      }),
    );
  });

  it('give a range for a line whose values differ in age, and nothing when none is known', () => {
    expect(formatAgeRange([undefined])).toBeUndefined();
    expect(formatAgeRange([60_000, 61_000])).toBe('1 min ago');
    expect(formatAgeRange([60_000, undefined, 2 * 3_600_000])).toBe('1 min – 2 h ago');
  });
});
