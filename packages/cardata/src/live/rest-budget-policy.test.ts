import { isBimmerError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuotaLedger } from '../quota/quota-ledger';
import { callsInWindow } from '../quota/quota-window';
import { MemoryCarDataStateStore } from '../store/state-store';
import { type PolicyVehicle, RestBudgetPolicy } from './rest-budget-policy';
import { resolveRestBudgetSettings } from './rest-budget-settings';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-12-01T06:00:00Z');
const VIN = 'WBASIMCARDATA0001';

/** A real ledger on a memory store, with a clock the test moves. */
function budget(options: { limit?: number } = {}) {
  let now = T0;
  const store = new MemoryCarDataStateStore();
  const ledger = new QuotaLedger({ store, gcid: 'gcid', now: () => now, limit: options.limit });
  return {
    ledger,
    at: (time: number) => {
      now = time;
    },
    async spend(count: number) {
      for (let i = 0; i < count; i++) await ledger.spend('GET /test');
    },
    async input(vehicles: PolicyVehicle[], discovery?: { lastAttemptAt: number | undefined; cost: number }) {
      const state = await store.read();
      const calls = callsInWindow('rolling', Object.values(state.accounts)[0]?.calls ?? [], now);
      return { now, usage: await ledger.usage(), calls, vehicles, discovery };
    },
  };
}

function vehicle(overrides: Partial<PolicyVehicle> = {}): PolicyVehicle {
  return {
    vin: VIN,
    lastRestReadAt: undefined,
    lastStreamAt: undefined,
    newestFieldAt: undefined,
    automaticReads: [],
    cost: 1,
    ...overrides,
  };
}

const policy = (options = {}) => new RestBudgetPolicy(resolveRestBudgetSettings(options));

describe('RestBudgetPolicy', () => {
  it('reads a vehicle never read over REST at once: the stream cannot deliver its lock state', async () => {
    const ledger = budget();
    const decision = policy().decide(await ledger.input([vehicle({ lastStreamAt: T0, newestFieldAt: T0 })]));
    expect(decision.due).toEqual({ kind: 'read', vin: VIN, reason: 'first-read' });
    expect(decision.plan.vehicles[0]).toMatchObject({ nextReadAt: new Date(T0), heldBy: undefined });
    expect(decision.plan.nextRestReadAt).toEqual(new Date(T0));
  });

  it('spends nothing while the persisted values are fresh (a restart), and plans the next read', async () => {
    const ledger = budget();
    const restored = vehicle({
      lastRestReadAt: T0 - HOUR,
      lastStreamAt: T0 - 10 * 60_000,
      newestFieldAt: T0 - 10 * 60_000,
      automaticReads: [T0 - HOUR],
    });
    const decision = policy().decide(await ledger.input([restored]));
    expect(decision.due).toBeUndefined();
    // The stream will count as silent in under 3 hours, but two reads a day keep the next one 12
    // hours after the last.
    expect(decision.plan.vehicles[0]).toMatchObject({
      reason: 'stream-silent',
      heldBy: 'daily-limit',
      nextReadAt: new Date(T0 + 11 * HOUR),
      automaticReadsToday: 1,
    });
    // With the stream talking, the reason is the data only REST delivers, at the same time.
    const talking = { ...restored, lastStreamAt: T0 + 10 * HOUR, newestFieldAt: T0 + 10 * HOUR };
    expect(policy().decide(await ledger.input([talking])).plan.vehicles[0]).toMatchObject({
      reason: 'rest-only-data',
      heldBy: undefined,
      nextReadAt: new Date(T0 + 11 * HOUR),
    });
    expect(decision.plan.summary).toBe(
      'Next automatic REST read at 2026-12-01T17:00:00.000Z; 50 of 50 calls left (40 for automatic reads, 10 kept for refresh()).',
    );
  });

  it('reads for a silent stream only when nothing held is fresh enough, and says why', async () => {
    const ledger = budget();
    const settings = { readsPerVehiclePerDay: 4, streamSilentAfterMs: 3 * HOUR, freshEnoughMs: 30 * 60_000 };
    // Read by refresh() at T0; the stream spoke an hour later and then went quiet.
    const quiet = vehicle({ lastRestReadAt: T0, lastStreamAt: T0 + HOUR, newestFieldAt: T0 + HOUR });
    ledger.at(T0 + 3 * HOUR);
    let decision = policy(settings).decide(await ledger.input([quiet]));
    expect(decision.due).toBeUndefined();
    expect(decision.plan.vehicles[0]).toMatchObject({
      reason: 'stream-silent',
      nextReadAt: new Date(T0 + 4 * HOUR),
    });
    ledger.at(T0 + 4 * HOUR);
    decision = policy(settings).decide(await ledger.input([quiet]));
    expect(decision.due).toEqual({ kind: 'read', vin: VIN, reason: 'stream-silent' });
    // A value measured recently (a late burst) is fresh enough: the read waits for it to age.
    const fresh = { ...quiet, newestFieldAt: T0 + 4 * HOUR - 10 * 60_000 };
    decision = policy(settings).decide(await ledger.input([fresh]));
    expect(decision.due).toBeUndefined();
    expect(decision.plan.vehicles[0]?.nextReadAt).toEqual(new Date(T0 + 4 * HOUR + 20 * 60_000));
  });

  it('keeps the reserve for refresh(): a read whose calls would touch it waits for calls to free', async () => {
    const ledger = budget();
    await ledger.spend(38);
    ledger.at(T0 + HOUR);
    await ledger.spend(2);
    ledger.at(T0 + 2 * HOUR);
    // 10 left, all of them the reserve; a first read costs 3 with the container still to create.
    let decision = policy().decide(await ledger.input([vehicle({ cost: 3 })]));
    expect(decision.due).toBeUndefined();
    expect(decision.plan.vehicles[0]).toMatchObject({ heldBy: 'reserve', reason: 'first-read' });
    // 13 calls must free: the 38 of T0 leave the rolling window a day after they were spent.
    expect(decision.plan.vehicles[0]?.nextReadAt).toEqual(new Date(T0 + DAY));
    expect(decision.plan).toMatchObject({ left: 10, reserve: 10, used: 40 });
    // A reserve as big as the limit leaves nothing to the policy, ever.
    decision = policy({ reserve: 50 }).decide(await ledger.input([vehicle()]));
    expect(decision.plan.vehicles[0]).toMatchObject({ nextReadAt: undefined, heldBy: 'reserve' });
  });

  it('waits for BMW after it reported the quota used up', async () => {
    const ledger = budget();
    const retryAt = new Date(T0 + 5 * HOUR);
    await ledger.ledger.markExhausted(retryAt);
    const decision = policy().decide(await ledger.input([vehicle()]));
    expect(decision.due).toBeUndefined();
    expect(decision.plan.vehicles[0]).toMatchObject({ heldBy: 'quota', nextReadAt: retryAt });
    expect(decision.plan.blockedUntil).toEqual(retryAt);
    expect(decision.plan.summary).toContain('BMW reported the quota used up until 2026-12-01T11:00:00.000Z');
  });

  it('is off with readsPerVehiclePerDay 0: no read and no vehicle list, ever', async () => {
    const ledger = budget();
    const decision = policy({ readsPerVehiclePerDay: 0 }).decide(
      await ledger.input([vehicle()], { lastAttemptAt: undefined, cost: 1 }),
    );
    expect(decision.due).toBeUndefined();
    expect(decision.plan.vehicles[0]).toMatchObject({ heldBy: 'disabled', nextReadAt: undefined });
    expect(decision.plan.nextRestReadAt).toBeUndefined();
    expect(decision.plan.summary).toMatch(/^Automatic REST reads are off; 50 of 50 calls left/);
  });

  it('reads the vehicle list of an account that knows no vehicle, then not again before the spacing', async () => {
    const ledger = budget();
    let decision = policy().decide(await ledger.input([], { lastAttemptAt: undefined, cost: 1 }));
    expect(decision.due).toEqual({ kind: 'discover' });
    decision = policy().decide(await ledger.input([], { lastAttemptAt: T0 - HOUR, cost: 1 }));
    expect(decision.due).toBeUndefined();
    expect(decision.plan.discoveryAt).toEqual(new Date(T0 + 11 * HOUR));
  });

  it('never reads a vehicle more than K times in any 24 hours, evenly apart, failed attempts included', () => {
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 * DAY }), { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        async (perDay, streamTimes, failures) => {
          const ledger = budget();
          const rules = policy({
            readsPerVehiclePerDay: perDay,
            streamSilentAfterMs: HOUR,
            freshEnoughMs: 0,
          });
          const messages = streamTimes.map((offset) => T0 + offset).sort((a, b) => a - b);
          let state = vehicle();
          const reads: number[] = [];
          // Walk three days in 10-minute steps; read whenever the policy says so.
          for (let now = T0; now <= T0 + 3 * DAY; now += 10 * 60_000) {
            ledger.at(now);
            const heard = messages.filter((at) => at <= now).at(-1);
            state = { ...state, lastStreamAt: heard, newestFieldAt: heard };
            const { due } = rules.decide(await ledger.input([state]));
            if (due?.kind !== 'read') continue;
            reads.push(now);
            await ledger.spend(1);
            const failed = failures[reads.length % failures.length] === true;
            state = {
              ...state,
              automaticReads: [...state.automaticReads, now],
              lastRestReadAt: failed ? state.lastRestReadAt : now,
            };
          }
          for (const [index, at] of reads.entries()) {
            expect(reads.filter((other) => other > at - DAY && other <= at).length).toBeLessThanOrEqual(
              perDay,
            );
            const previous = reads[index - 1];
            if (previous !== undefined) expect(at - previous).toBeGreaterThanOrEqual(DAY / perDay);
          }
          // And the policy does read: at least one read a day while the budget allows it.
          expect(reads.length).toBeGreaterThanOrEqual(3);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses bad settings, naming each one', () => {
    let caught: unknown;
    try {
      resolveRestBudgetSettings({
        readsPerVehiclePerDay: 1.5,
        reserve: 60,
        freshEnoughMs: -1,
        checkIntervalMs: 0,
      });
    } catch (error) {
      caught = error;
    }
    expect(isBimmerError(caught, 'validation')).toBe(true);
    expect((caught as { paths?: string[] }).paths).toEqual([
      'budget.readsPerVehiclePerDay',
      'budget.reserve',
      'budget.freshEnoughMs',
      'budget.checkIntervalMs',
    ]);
    expect(resolveRestBudgetSettings()).toMatchObject({
      readsPerVehiclePerDay: 2,
      reserve: 10,
      quotaLimit: 50,
    });
  });
});
