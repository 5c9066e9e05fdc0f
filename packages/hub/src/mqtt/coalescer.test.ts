import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('passes the first value at once and the latest of a burst when the interval is over', async () => {
    const emitted: number[] = [];
    const coalescer = new Coalescer(40, (value: number) => emitted.push(value));
    coalescer.offer(1);
    coalescer.offer(2);
    coalescer.offer(3);
    expect(emitted).toEqual([1]);
    expect(coalescer.pending).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(emitted).toEqual([1, 3]);
    expect(coalescer.pending).toBe(false);
  });

  it('flush emits what waits at once, and nothing when nothing waits', () => {
    const emitted: string[] = [];
    const coalescer = new Coalescer(60_000, (value: string) => emitted.push(value));
    coalescer.offer('a');
    coalescer.flush();
    coalescer.offer('b');
    coalescer.offer('c');
    coalescer.flush();
    coalescer.flush();
    expect(emitted).toEqual(['a', 'c']);
  });

  it('never emits twice within an interval, and always ends with the last value offered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        let clock = 0;
        const times: number[] = [];
        const values: number[] = [];
        // The interval is long enough that no timer fires during the run; flush ends it.
        const coalescer = new Coalescer(
          1_000,
          (value: number) => {
            times.push(clock);
            values.push(value);
          },
          () => clock,
        );
        gaps.forEach((gap, index) => {
          clock += gap;
          coalescer.offer(index);
        });
        coalescer.flush();
        for (let i = 1; i < times.length - 1; i++) {
          expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
        }
        expect(values.at(-1)).toBe(gaps.length - 1);
      }),
    );
  });
});
