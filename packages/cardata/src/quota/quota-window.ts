/** How BMW's daily budget resets; BMW does not document it, so both readings are offered. */
export type QuotaWindowKind = 'rolling' | 'utc-midnight';

const DAY_MS = 86_400_000;

/** The start of the window that `now` falls in: 24 h back, or the last midnight UTC. */
export function windowStart(kind: QuotaWindowKind, now: number): number {
  return kind === 'rolling' ? now - DAY_MS : Math.floor(now / DAY_MS) * DAY_MS;
}

/** The calls of `calls` that count against the window at `now`. */
export function callsInWindow(kind: QuotaWindowKind, calls: readonly number[], now: number): number[] {
  const start = windowStart(kind, now);
  return calls.filter((at) => at > start && at <= now).sort((a, b) => a - b);
}

/**
 * When the next call is free given the calls in the window: immediately when below the limit, else
 * when the oldest counted call leaves a rolling window, or at the next midnight UTC.
 */
export function nextFreeAt(
  kind: QuotaWindowKind,
  counted: readonly number[],
  limit: number,
  now: number,
): number {
  if (counted.length < limit) return now;
  if (kind === 'utc-midnight') return windowStart(kind, now) + DAY_MS;
  // Rolling: the (length - limit + 1)-th oldest call must drop out.
  const releasing = counted[counted.length - limit];
  return (releasing ?? now) + DAY_MS;
}
