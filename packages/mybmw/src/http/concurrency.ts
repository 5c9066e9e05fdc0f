/** Runs async tasks with at most `limit` of them in flight at once. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A limiter that lets at most `limit` tasks run at the same time; the rest wait in FIFO order. */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency must be a positive integer, got ${limit}.`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
