import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RECONNECT_BACKOFF_DEFAULTS,
  ReconnectBackoff,
  type ReconnectBackoffOptions,
} from './reconnect-backoff';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A deterministic random source from a seed (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Duel {
  /** Times at which one client kicked the other. */
  kicks: number[];
  /** When a client first held the stream for `healthyAfterMs` (the ping-pong is over). */
  settledAt: number | undefined;
}

/**
 * Two clients of one account against a broker that lets the newest connection in and closes the
 * older one, as BMW does. Each client waits what its backoff says after being kicked.
 */
function duel(options: ReconnectBackoffOptions, seed: number, durationMs: number, startGapMs = 100): Duel {
  const clients = [0, 1].map((index) => new ReconnectBackoff({ ...options, random: seeded(seed + index) }));
  const healthyAfter = clients[0]?.healthyAfterMs ?? 0;
  const nextConnect = [0, startGapMs];
  let holder: number | undefined;
  let since = 0;
  const kicks: number[] = [];
  let settledAt: number | undefined;
  for (;;) {
    const who = (nextConnect[0] ?? 0) <= (nextConnect[1] ?? 0) ? 0 : 1;
    const at = nextConnect[who] ?? 0;
    if (at > durationMs) break;
    nextConnect[who] = Number.POSITIVE_INFINITY;
    if (holder !== undefined && holder !== who) {
      const lived = at - since;
      if (settledAt === undefined && lived >= healthyAfter) settledAt = since + healthyAfter;
      kicks.push(at);
      nextConnect[holder] = at + (clients[holder]?.next('kicked', lived) ?? 0);
    }
    holder = who;
    since = at;
  }
  if (settledAt === undefined && durationMs - since >= healthyAfter) settledAt = since + healthyAfter;
  return { kicks, settledAt };
}

describe('ReconnectBackoff', () => {
  it('doubles from the first wait up to the cap of the kind, with bounded jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, attempts) => {
          const backoff = new ReconnectBackoff({ random: seeded(seed) });
          for (let attempt = 0; attempt < attempts; attempt++) {
            const kind = attempt % 2 === 0 ? 'kicked' : 'failed';
            const cap =
              kind === 'kicked'
                ? RECONNECT_BACKOFF_DEFAULTS.maxKickBackoffMs
                : RECONNECT_BACKOFF_DEFAULTS.maxBackoffMs;
            const base = Math.min(cap, RECONNECT_BACKOFF_DEFAULTS.initialBackoffMs * 2 ** attempt);
            const wait = backoff.next(kind, 500);
            expect(wait).toBeLessThanOrEqual(cap);
            expect(wait).toBeGreaterThanOrEqual(Math.floor(base * 0.9));
            expect(wait).toBeLessThanOrEqual(Math.ceil(base * 1.1));
          }
        },
      ),
    );
  });

  it('keeps counting after a connection kicked within seconds, and starts over after a healthy one', () => {
    const backoff = new ReconnectBackoff({ jitter: 0 });
    expect([1, 2, 3, 4].map(() => backoff.next('kicked', 2 * SECOND))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff.next('kicked', RECONNECT_BACKOFF_DEFAULTS.healthyAfterMs)).toBe(1000);
    expect(backoff.next('failed')).toBe(2000);
    backoff.healthy();
    expect(backoff.next('dropped')).toBe(1000);
  });

  it('lets two clients of one account settle within a minute with the defaults, and then rarely disturb', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 5 * SECOND }),
        (seed, gap) => {
          const { kicks, settledAt } = duel({}, seed, 60 * MINUTE, gap);
          expect(settledAt).toBeDefined();
          expect(settledAt ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(gap + MINUTE);
          // After the first minute the loser only probes, at exponentially growing intervals.
          expect(kicks.filter((at) => at > gap + MINUTE).length).toBeLessThanOrEqual(20);
          expect(kicks.length).toBeLessThanOrEqual(40);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is what a reset on every connect lacks: such clients kick each other all hour long', () => {
    // The behaviour before: the counter returned to zero on every connect (healthy at once).
    const { kicks } = duel({ healthyAfterMs: 0 }, 1, 60 * MINUTE);
    expect(kicks.length).toBeGreaterThan(1000);
  });
});
