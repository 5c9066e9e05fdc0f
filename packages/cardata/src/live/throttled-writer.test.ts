import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThrottledWriter } from './throttled-writer';

afterEach(() => {
  vi.useRealTimers();
});

describe('ThrottledWriter', () => {
  it('turns a burst of changes into one write per interval, and writes at once on flush', async () => {
    vi.useFakeTimers();
    const writes: number[] = [];
    const writer = new ThrottledWriter(
      async () => {
        writes.push(Date.now());
      },
      5_000,
      () => {},
    );
    const start = Date.now();
    for (let i = 0; i < 100; i++) writer.request();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([start + 5_000]);
    writer.request();
    await writer.flush();
    expect(writes).toHaveLength(2);
    // Nothing pending: a flush writes only when asked to always write.
    await writer.flush();
    expect(writes).toHaveLength(2);
    await writer.flush(true);
    expect(writes).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed write and writes again on the next change', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let written = 0;
    const writer = new ThrottledWriter(
      async () => {
        if (fail) throw new Error('disk full');
        written++;
      },
      10,
      (error) => errors.push(error),
    );
    writer.request();
    await writer.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    writer.request();
    await writer.flush();
    expect(written).toBe(1);
  });
});
