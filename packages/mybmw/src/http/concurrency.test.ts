import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './concurrency';

describe('createLimiter', () => {
  it('never runs more than `limit` tasks at once and runs them all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat({ max: 3 }), { maxLength: 30 }),
        async (limit, delays) => {
          const limiter = createLimiter(limit);
          let active = 0;
          let peak = 0;
          const results = await Promise.all(
            delays.map((delay, index) =>
              limiter(async () => {
                active++;
                peak = Math.max(peak, active);
                for (let i = 0; i < delay; i++) await Promise.resolve();
                active--;
                return index;
              }),
            ),
          );
          expect(results).toEqual(delays.map((_, index) => index));
          expect(peak).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });

  it('keeps going after a task fails', async () => {
    const limiter = createLimiter(1);
    const failed = limiter(async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(limiter(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(1.5)).toThrow(RangeError);
  });
});
