import { CarDataQuotaError } from '../errors/cardata-errors';
import { accountState, type CarDataStateStore } from '../store/state-store';
import { callsInWindow, nextFreeAt, type QuotaWindowKind, windowStart } from './quota-window';

/** Options of the {@link QuotaLedger}. */
export interface QuotaLedgerOptions {
  /** Where calls are recorded; share it between processes to share the budget. */
  store: CarDataStateStore;
  /** The account the budget belongs to. */
  gcid: string;
  /** Calls per window; BMW allows 50 a day. */
  limit?: number;
  /** `rolling` (24 h back from now, the default) or `utc-midnight`. */
  window?: QuotaWindowKind;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  now?: () => number;
}

/** The budget as it stands. */
export interface QuotaUsage {
  limit: number;
  used: number;
  remaining: number;
  window: QuotaWindowKind;
  /** When the next call may be sent (now when one is free). */
  nextFreeAt: Date;
  /** BMW itself reported the limit reached, until this time. */
  blockedUntil: Date | undefined;
}

/**
 * Counts CarData REST calls per account in a persisted, process-shared ledger and refuses a call
 * that would exceed the budget before it is sent.
 */
export class QuotaLedger {
  readonly #store: CarDataStateStore;
  readonly #gcid: string;
  readonly #now: () => number;
  /** Calls allowed per window. */
  readonly limit: number;
  /** How the window is measured. */
  readonly window: QuotaWindowKind;

  constructor(options: QuotaLedgerOptions) {
    this.#store = options.store;
    this.#gcid = options.gcid;
    this.#now = options.now ?? Date.now;
    this.limit = options.limit ?? 50;
    this.window = options.window ?? 'rolling';
  }

  /**
   * Records one call about to be sent, or throws a quota error (saying when the next call is free)
   * without recording anything. The ledger is re-read under the lock, so concurrent processes never
   * overspend together.
   */
  async spend(endpoint: string): Promise<QuotaUsage> {
    return this.#store.update((state) => {
      const now = this.#now();
      const account = accountState(state, this.#gcid);
      const counted = callsInWindow(this.window, account.calls, now);
      if (account.blockedUntil !== undefined && account.blockedUntil > now) {
        throw this.#refusal(endpoint, counted.length, account.blockedUntil, true);
      }
      if (counted.length >= this.limit) {
        throw this.#refusal(
          endpoint,
          counted.length,
          nextFreeAt(this.window, counted, this.limit, now),
          false,
        );
      }
      counted.push(now);
      account.calls = counted;
      delete account.blockedUntil;
      return this.#usage(counted, undefined, now);
    });
  }

  /**
   * BMW answered 429 or CU-429: no call until `retryAt` (its Retry-After), or until the window
   * frees a call, counting the budget as used up.
   */
  async markExhausted(retryAt?: Date): Promise<Date> {
    return this.#store.update((state) => {
      const now = this.#now();
      const account = accountState(state, this.#gcid);
      const counted = callsInWindow(this.window, account.calls, now);
      const until =
        retryAt?.getTime() ??
        (this.window === 'utc-midnight'
          ? windowStart(this.window, now) + 86_400_000
          : (counted[0] ?? now) + 86_400_000);
      account.blockedUntil = Math.max(until, now);
      account.calls = counted;
      return new Date(account.blockedUntil);
    });
  }

  /** The budget as it stands now, without spending. */
  async usage(): Promise<QuotaUsage> {
    const state = await this.#store.read();
    const account = state.accounts[this.#gcid];
    const now = this.#now();
    const counted = callsInWindow(this.window, account?.calls ?? [], now);
    const blocked =
      account?.blockedUntil !== undefined && account.blockedUntil > now ? account.blockedUntil : undefined;
    return this.#usage(counted, blocked, now);
  }

  #usage(counted: readonly number[], blockedUntil: number | undefined, now: number): QuotaUsage {
    const free = nextFreeAt(this.window, counted, this.limit, now);
    return {
      limit: this.limit,
      used: counted.length,
      remaining: blockedUntil === undefined ? Math.max(0, this.limit - counted.length) : 0,
      window: this.window,
      nextFreeAt: new Date(Math.max(free, blockedUntil ?? 0)),
      blockedUntil: blockedUntil === undefined ? undefined : new Date(blockedUntil),
    };
  }

  #refusal(endpoint: string, used: number, freeAt: number, byBmw: boolean): CarDataQuotaError {
    const when = new Date(freeAt);
    const windowText = this.window === 'rolling' ? 'the last 24 hours' : 'today (UTC)';
    const message = byBmw
      ? `BMW reported the CarData rate limit reached; the call to ${endpoint} was not sent. The next call is free at ${when.toISOString()}.`
      : `The CarData quota is used up (${used} of ${this.limit} calls in ${windowText}); the call to ${endpoint} was not sent. The next call is free at ${when.toISOString()}.`;
    return new CarDataQuotaError(message, {
      retryAt: when,
      hint: 'Use the stream for live data (bimmer stream --transport cardata); REST snapshots are cached between calls.',
    });
  }
}
