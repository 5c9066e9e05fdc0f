import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileCarDataStateStore } from '../store/file-state-store';
import { MemoryCarDataStateStore } from '../store/state-store';
import { QuotaLedger } from './quota-ledger';
import { callsInWindow, nextFreeAt } from './quota-window';

const DAY = 86_400_000;

describe('QuotaLedger', () => {
  it('never lets more than the limit through in any 24-hour span (rolling)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 * DAY }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (offsets, limit) => {
          let now = 0;
          const ledger = new QuotaLedger({
            store: new MemoryCarDataStateStore(),
            gcid: 'g',
            limit,
            now: () => now,
          });
          const granted: number[] = [];
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            now = offset;
            try {
              await ledger.spend('GET /x');
              granted.push(offset);
            } catch (error) {
              expect((error as { code: string }).code).toBe('quota');
              expect((error as { retryAt: Date }).retryAt.getTime()).toBeGreaterThan(now);
            }
          }
          for (const at of granted) {
            expect(granted.filter((other) => other > at - DAY && other <= at).length).toBeLessThanOrEqual(
              limit,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('resets at midnight UTC in that mode', async () => {
    let now = Date.parse('2026-12-01T23:00:00Z');
    const ledger = new QuotaLedger({
      store: new MemoryCarDataStateStore(),
      gcid: 'g',
      limit: 2,
      window: 'utc-midnight',
      now: () => now,
    });
    await ledger.spend('a');
    await ledger.spend('b');
    await expect(ledger.spend('c')).rejects.toMatchObject({ retryAt: new Date('2026-12-02T00:00:00Z') });
    now = Date.parse('2026-12-02T00:00:01Z');
    await expect(ledger.spend('c')).resolves.toMatchObject({ used: 1, remaining: 1 });
  });

  it('stays blocked after BMW reported the limit until the given time', async () => {
    let now = 1_000;
    const ledger = new QuotaLedger({ store: new MemoryCarDataStateStore(), gcid: 'g', now: () => now });
    await ledger.markExhausted(new Date(5_000));
    await expect(ledger.spend('x')).rejects.toMatchObject({ code: 'quota', retryAt: new Date(5_000) });
    expect((await ledger.usage()).remaining).toBe(0);
    now = 5_001;
    await expect(ledger.spend('x')).resolves.toMatchObject({ used: 1 });
  });

  it('counts every call of concurrent spenders sharing one file exactly once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bimmer-ledger-'));
    try {
      const path = join(dir, 'state.json');
      const ledgers = [0, 1, 2].map(
        () => new QuotaLedger({ store: new FileCarDataStateStore(path), gcid: 'g', limit: 10 }),
      );
      const results = await Promise.allSettled(
        Array.from({ length: 15 }, (_, index) => ledgers[index % 3]?.spend(`call ${index}`)),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
      expect((await ledgers[0]?.usage())?.used).toBe(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('quota window arithmetic', () => {
  it('frees the next rolling call exactly a day after the call that must leave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: DAY - 1 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (calls, limit) => {
          const now = DAY;
          const counted = callsInWindow('rolling', calls, now);
          const free = nextFreeAt('rolling', counted, limit, now);
          if (counted.length < limit) expect(free).toBe(now);
          else expect(callsInWindow('rolling', counted, free).length).toBeLessThan(limit);
        },
      ),
    );
  });
});
