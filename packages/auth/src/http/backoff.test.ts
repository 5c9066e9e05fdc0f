import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles the ceiling per failed try and keeps at least half of it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, base, random) => {
          const delay = backoffDelayMs(attempt, base, () => random);
          const ceiling = base * 2 ** (attempt - 1);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('spreads clients that failed together', () => {
    expect(backoffDelayMs(1, 500, () => 0)).toBe(250);
    expect(backoffDelayMs(1, 500, () => 0.999)).toBe(500);
    expect(backoffDelayMs(2, 500, () => 0.5)).toBe(750);
  });
});
