import type { LiveBudget } from '@bimmer/core';
import type { QuotaUsage } from '../quota/quota-ledger';
import { nextFreeAt, type QuotaWindowKind } from '../quota/quota-window';
import type { RestBudgetSettings } from './rest-budget-settings';

const DAY_MS = 86_400_000;

/**
 * Why the policy wants a REST read of a vehicle:
 * - `first-read`: it was never read over REST, so the data the stream cannot deliver (lock state,
 *   services, check-control messages) is missing;
 * - `rest-only-data`: that data was read long enough ago (`24 h / readsPerVehiclePerDay`);
 * - `stream-silent`: the stream has said nothing for `streamSilentAfterMs` and nothing known is
 *   fresh enough.
 */
export type AutomaticReadReason = 'first-read' | 'rest-only-data' | 'stream-silent';

/**
 * What holds a wanted read back:
 * - `daily-limit`: the vehicle's automatic reads of the last 24 hours (spread evenly);
 * - `reserve`: the calls left are the ones kept for `refresh()`;
 * - `quota`: BMW reported the quota used up, or the ledger was lost;
 * - `disabled`: `readsPerVehiclePerDay` is 0.
 */
export type ReadHeldBy = 'daily-limit' | 'reserve' | 'quota' | 'disabled';

/** The policy's plan for one vehicle. */
export interface VehicleReadPlan {
  readonly vin: string;
  /** The last REST read of the vehicle (automatic or `refresh()`), if any. */
  readonly lastRestReadAt: Date | undefined;
  /** Automatic reads (attempts, failed ones too) in the last 24 hours. */
  readonly automaticReadsToday: number;
  /** When the next automatic read is planned; undefined when none can be (disabled, reserve too big). */
  readonly nextReadAt: Date | undefined;
  /** Why that read is wanted. */
  readonly reason: AutomaticReadReason;
  /** What holds it back past the moment it is wanted, if anything. */
  readonly heldBy: ReadHeldBy | undefined;
}

/**
 * The REST budget of a live CarData account as one object an adapter can show ("next REST read at
 * 18:00, 37 calls left"): the ledger's numbers (shared by every process using the state file), the
 * reserve, and the automatic policy's plan per vehicle.
 */
export interface RestBudgetPlan extends LiveBudget {
  /** How BMW's window is counted. */
  readonly window: QuotaWindowKind;
  /** Automatic reads allowed per vehicle per day. */
  readonly readsPerVehiclePerDay: number;
  /** The plan per vehicle, in the account's order. */
  readonly vehicles: readonly VehicleReadPlan[];
  /** When the vehicle list will be read (an account that knows no vehicle yet). */
  readonly discoveryAt?: Date | undefined;
  /** The budget in one sentence for people (no VIN): `Next automatic REST read at …; 37 of 50 calls left …`. */
  readonly summary: string;
}

/** What the policy knows about one vehicle. Times in epoch ms. */
export interface PolicyVehicle {
  readonly vin: string;
  /** The last REST read (automatic or explicit). */
  readonly lastRestReadAt: number | undefined;
  /** When the last stream message of the vehicle arrived (our clock). */
  readonly lastStreamAt: number | undefined;
  /** When the newest value held was measured (its field time), from any channel. */
  readonly newestFieldAt: number | undefined;
  /** The automatic reads (attempts) made; older than a day may be included, they are ignored. */
  readonly automaticReads: readonly number[];
  /** The calls a read costs now: 1, plus basic data and the container when they are not cached. */
  readonly cost: number;
}

/** Everything a decision is made from. */
export interface PolicyInput {
  /** Now, epoch ms (the account's clock). */
  readonly now: number;
  /** The ledger as it stands. */
  readonly usage: QuotaUsage;
  /** The calls the ledger counts in the current window (epoch ms), to know when the reserve frees. */
  readonly calls: readonly number[];
  readonly vehicles: readonly PolicyVehicle[];
  /**
   * The account knows no vehicle yet and must read the vehicle list (and basic data): when it last
   * tried, and what it costs.
   */
  readonly discovery?: { readonly lastAttemptAt: number | undefined; readonly cost: number } | undefined;
}

/** What to do now. */
export type PolicyAction =
  | { readonly kind: 'discover' }
  | { readonly kind: 'read'; readonly vin: string; readonly reason: AutomaticReadReason };

/** The plan, and the action due now if there is one. */
export interface PolicyDecision {
  readonly plan: RestBudgetPlan;
  readonly due: PolicyAction | undefined;
}

interface Timing {
  readonly at: number | undefined;
  readonly heldBy: ReadHeldBy | undefined;
}

/**
 * The REST budget policy of a live CarData account: a pure function of the clock, the ledger and
 * what is known about each vehicle, so every decision can be tested with an injected clock and
 * shown to the user before it is made. The rules:
 * - The stream carries what it can; a vehicle is read over REST only for what the stream cannot
 *   deliver (`first-read`, `rest-only-data`) or when the stream has been silent past
 *   `streamSilentAfterMs` (`stream-silent`).
 * - Never when the values held are fresh enough: REST data read, or any value measured, less than
 *   `freshEnoughMs` ago (a restart finds them in the state file and spends nothing).
 * - At most `readsPerVehiclePerDay` automatic reads per vehicle in any 24 hours, at least
 *   `24 h / readsPerVehiclePerDay` apart. A failed read counts like any other: never a retry loop.
 * - Never within the reserve: a read is made only when the calls it costs leave at least `reserve`
 *   calls for `refresh()`; never while BMW reports the quota used up or the ledger is lost.
 */
export class RestBudgetPolicy {
  readonly settings: RestBudgetSettings;

  constructor(settings: RestBudgetSettings) {
    this.settings = settings;
  }

  /** The plan at `input.now`, and the read (or vehicle-list read) due now, if any. */
  decide(input: PolicyInput): PolicyDecision {
    const { now } = input;
    const vehicles = input.vehicles.map((vehicle) => this.#planVehicle(vehicle, input));
    let discoveryAt: number | undefined;
    if (input.discovery !== undefined) {
      const spacing = this.#spacing();
      const wanted =
        input.discovery.lastAttemptAt === undefined || spacing === undefined
          ? now
          : input.discovery.lastAttemptAt + spacing;
      discoveryAt =
        spacing === undefined
          ? undefined
          : maxDefined(wanted, this.#quotaTiming(input, input.discovery.cost).at);
    }
    const planned = vehicles
      .map((vehicle) => vehicle.nextReadAt?.getTime())
      .filter((at): at is number => at !== undefined);
    if (discoveryAt !== undefined) planned.push(discoveryAt);
    const nextRestReadAt = planned.length === 0 ? undefined : Math.max(now, Math.min(...planned));
    const plan = this.#plan(input, vehicles, nextRestReadAt, discoveryAt);
    let due: PolicyAction | undefined;
    if (discoveryAt !== undefined && discoveryAt <= now) due = { kind: 'discover' };
    else {
      const ready = vehicles
        .filter((vehicle) => vehicle.nextReadAt !== undefined && vehicle.nextReadAt.getTime() <= now)
        .sort((a, b) => (a.nextReadAt?.getTime() ?? 0) - (b.nextReadAt?.getTime() ?? 0));
      const first = ready[0];
      if (first !== undefined) due = { kind: 'read', vin: first.vin, reason: first.reason };
    }
    return { plan, due };
  }

  /** The least time between two automatic reads of one vehicle; undefined when they are off. */
  #spacing(): number | undefined {
    const perDay = this.settings.readsPerVehiclePerDay;
    return perDay > 0 ? DAY_MS / perDay : undefined;
  }

  #planVehicle(vehicle: PolicyVehicle, input: PolicyInput): VehicleReadPlan {
    const { now } = input;
    const { freshEnoughMs, streamSilentAfterMs, readsPerVehiclePerDay } = this.settings;
    const recent = vehicle.automaticReads
      .filter((at) => at > now - DAY_MS && at <= now)
      .sort((a, b) => a - b);
    const spacing = this.#spacing();
    // When the read is wanted, and why.
    let reason: AutomaticReadReason;
    let wantedAt: number;
    if (vehicle.lastRestReadAt === undefined) {
      reason = 'first-read';
      wantedAt = now;
    } else {
      const restOnlyAt = vehicle.lastRestReadAt + Math.max(spacing ?? DAY_MS, freshEnoughMs);
      const heardAt = Math.max(vehicle.lastStreamAt ?? vehicle.lastRestReadAt, vehicle.lastRestReadAt);
      const silentAt = Math.max(
        heardAt + streamSilentAfterMs,
        vehicle.lastRestReadAt + freshEnoughMs,
        (vehicle.newestFieldAt ?? Number.NEGATIVE_INFINITY) + freshEnoughMs,
      );
      reason = silentAt < restOnlyAt ? 'stream-silent' : 'rest-only-data';
      wantedAt = Math.min(restOnlyAt, silentAt);
    }
    const base = {
      vin: vehicle.vin,
      lastRestReadAt: vehicle.lastRestReadAt === undefined ? undefined : new Date(vehicle.lastRestReadAt),
      automaticReadsToday: recent.length,
      reason,
    };
    if (spacing === undefined) return { ...base, nextReadAt: undefined, heldBy: 'disabled' };
    // When the daily limit allows it: K reads in any 24 hours, evenly apart.
    const last = recent.at(-1);
    const kthLast =
      recent.length >= readsPerVehiclePerDay ? recent[recent.length - readsPerVehiclePerDay] : undefined;
    const dailyAt = Math.max(
      last === undefined ? Number.NEGATIVE_INFINITY : last + spacing,
      kthLast === undefined ? Number.NEGATIVE_INFINITY : kthLast + DAY_MS,
    );
    const quota = this.#quotaTiming(input, vehicle.cost);
    const timings: Timing[] = [
      { at: wantedAt, heldBy: undefined },
      { at: dailyAt, heldBy: 'daily-limit' },
      quota,
    ];
    if (quota.at === undefined) return { ...base, nextReadAt: undefined, heldBy: quota.heldBy };
    let binding: Timing = { at: Math.max(now, wantedAt), heldBy: undefined };
    for (const timing of timings) {
      if (timing.at !== undefined && timing.at > (binding.at ?? now)) binding = timing;
    }
    return { ...base, nextReadAt: new Date(binding.at ?? now), heldBy: binding.heldBy };
  }

  /**
   * When the ledger allows an automatic spend of `cost` calls: after BMW's block or a lost ledger,
   * and once `cost` calls can be spent leaving the reserve untouched. `at` is undefined when the
   * reserve and the cost together exceed the limit (no automatic read can ever be made).
   */
  #quotaTiming(input: PolicyInput, cost: number): Timing {
    const { now, usage } = input;
    const blocked = Math.max(usage.blockedUntil?.getTime() ?? 0, usage.lostLedger?.until.getTime() ?? 0);
    const allowed = this.settings.quotaLimit - this.settings.reserve - cost + 1;
    if (allowed <= 0) return { at: undefined, heldBy: 'reserve' };
    const reserveAt = nextFreeAt(
      this.settings.quotaWindow,
      [...input.calls].sort((a, b) => a - b),
      allowed,
      now,
    );
    if (blocked > now && blocked >= reserveAt) return { at: blocked, heldBy: 'quota' };
    return { at: reserveAt, heldBy: reserveAt > now ? 'reserve' : undefined };
  }

  #plan(
    input: PolicyInput,
    vehicles: VehicleReadPlan[],
    nextRestReadAt: number | undefined,
    discoveryAt: number | undefined,
  ): RestBudgetPlan {
    const { usage } = input;
    const { reserve, readsPerVehiclePerDay, quotaWindow } = this.settings;
    const next = nextRestReadAt === undefined ? undefined : new Date(nextRestReadAt);
    const left = usage.remaining;
    const automaticLeft = Math.max(0, left - reserve);
    const when =
      next === undefined
        ? readsPerVehiclePerDay === 0
          ? 'Automatic REST reads are off'
          : 'No automatic REST read is planned'
        : `Next automatic REST read at ${next.toISOString()}`;
    const blocked =
      usage.blockedUntil !== undefined
        ? `; BMW reported the quota used up until ${usage.blockedUntil.toISOString()}`
        : usage.lostLedger !== undefined
          ? `; the ledger was lost, so the budget counts as used up until ${usage.lostLedger.until.toISOString()}`
          : '';
    const summary =
      `${when}; ${left} of ${usage.limit} calls left (${automaticLeft} for automatic reads, ` +
      `${Math.min(left, reserve)} kept for refresh())${blocked}.`;
    return {
      limit: usage.limit,
      used: usage.used,
      left,
      reserve,
      nextFreeAt: usage.nextFreeAt,
      nextRestReadAt: next,
      blockedUntil: usage.blockedUntil,
      window: quotaWindow,
      readsPerVehiclePerDay,
      vehicles,
      discoveryAt: discoveryAt === undefined ? undefined : new Date(Math.max(input.now, discoveryAt)),
      summary,
    };
  }
}

function maxDefined(a: number, b: number | undefined): number | undefined {
  return b === undefined ? undefined : Math.max(a, b);
}
