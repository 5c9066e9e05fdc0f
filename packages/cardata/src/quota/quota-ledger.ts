import { CarDataQuotaError } from '../errors/cardata-errors';
import { carDataAccountKey } from '../store/account-key';
import {
  accountState,
  type CarDataAccountState,
  type CarDataStateStore,
  type LostLedger,
} from '../store/state-store';
import { callsInWindow, nextFreeAt, type QuotaWindowKind, windowStart } from './quota-window';

const DAY_MS = 86_400_000;

/** Options of the {@link QuotaLedger}. */
export interface QuotaLedgerOptions {
  /** Where calls are recorded; share it between processes to share the budget. */
  readonly store: CarDataStateStore;
  /** The account the budget belongs to. */
  readonly gcid: string;
  /**
   * The REST base URL the calls go to; each base URL has its own budget (quota spent on the
   * simulator is not spent on BMW). Default BMW's, `https://api-cardata.bmwgroup.com`.
   */
  readonly baseUrl?: string | undefined;
  /** Calls per window; BMW allows 50 a day. */
  readonly limit?: number | undefined;
  /** `rolling` (24 h back from now, the default) or `utc-midnight`. */
  readonly window?: QuotaWindowKind | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  readonly now?: (() => number) | undefined;
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
  /**
   * The ledger was lost (an unreadable state file, kept aside as `keptAs`): the budget counts as
   * used up until `until`, when every call it may have held has left the window.
   */
  lostLedger: { readonly keptAs: string; readonly until: Date } | undefined;
}

/**
 * Counts CarData REST calls per account and base URL in a persisted, process-shared ledger and
 * refuses a call that would exceed the budget before it is sent. The ledger never starts afresh
 * after losing its file: see {@link LostLedger}.
 */
export class QuotaLedger {
  readonly #store: CarDataStateStore;
  readonly #key: string;
  readonly #now: () => number;
  /** Calls allowed per window. */
  readonly limit: number;
  /** How the window is measured. */
  readonly window: QuotaWindowKind;

  constructor(options: QuotaLedgerOptions) {
    this.#store = options.store;
    this.#key = carDataAccountKey(options.gcid, options.baseUrl);
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
      const account = accountState(state, this.#key);
      const counted = callsInWindow(this.window, account.calls, now);
      const lostUntil = this.#lostUntil(state.lost, account, now);
      if (lostUntil !== undefined && state.lost !== undefined) {
        throw this.#lostRefusal(endpoint, state.lost, lostUntil);
      }
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
      return this.#usage(counted, undefined, undefined, now);
    });
  }

  /**
   * BMW answered 429 or CU-429: no call until `retryAt` (its Retry-After), or until the window
   * frees a call, counting the budget as used up. BMW's own Retry-After replaces the estimate of a
   * lost ledger.
   */
  async markExhausted(retryAt?: Date): Promise<Date> {
    return this.#store.update((state) => {
      const now = this.#now();
      const account = accountState(state, this.#key);
      const counted = callsInWindow(this.window, account.calls, now);
      const until =
        retryAt?.getTime() ??
        Math.max(
          this.window === 'utc-midnight'
            ? windowStart(this.window, now) + DAY_MS
            : (counted[0] ?? now) + DAY_MS,
          this.#lostUntil(state.lost, account, now) ?? 0,
        );
      if (retryAt !== undefined) account.bmwReportedAt = now;
      account.blockedUntil = Math.max(until, now);
      account.calls = counted;
      return new Date(account.blockedUntil);
    });
  }

  /** The budget as it stands now, without spending. */
  async usage(): Promise<QuotaUsage> {
    const state = await this.#store.read();
    const account = state.accounts[this.#key];
    const now = this.#now();
    const counted = callsInWindow(this.window, account?.calls ?? [], now);
    const blocked =
      account?.blockedUntil !== undefined && account.blockedUntil > now ? account.blockedUntil : undefined;
    const lostUntil = this.#lostUntil(state.lost, account, now);
    const lost =
      lostUntil === undefined || state.lost === undefined
        ? undefined
        : { keptAs: state.lost.keptAs, until: new Date(lostUntil) };
    return this.#usage(counted, blocked, lost, now);
  }

  /**
   * Until when a lost ledger keeps the budget used up: a day after the lost file's last write
   * (rolling), or the midnight after it (UTC); undefined once passed, or when BMW has reported the
   * budget itself since.
   */
  #lostUntil(
    lost: LostLedger | undefined,
    account: CarDataAccountState | undefined,
    now: number,
  ): number | undefined {
    if (lost === undefined) return undefined;
    if (account?.bmwReportedAt !== undefined && account.bmwReportedAt >= lost.foundAt) return undefined;
    const until =
      this.window === 'utc-midnight'
        ? windowStart(this.window, lost.lastWrittenAt) + DAY_MS
        : lost.lastWrittenAt + DAY_MS;
    return until > now ? until : undefined;
  }

  #usage(
    counted: readonly number[],
    blockedUntil: number | undefined,
    lost: QuotaUsage['lostLedger'],
    now: number,
  ): QuotaUsage {
    const free = nextFreeAt(this.window, counted, this.limit, now);
    const exhausted = blockedUntil !== undefined || lost !== undefined;
    return {
      limit: this.limit,
      used: lost === undefined ? counted.length : Math.max(counted.length, this.limit),
      remaining: exhausted ? 0 : Math.max(0, this.limit - counted.length),
      window: this.window,
      nextFreeAt: new Date(Math.max(free, blockedUntil ?? 0, lost?.until.getTime() ?? 0)),
      blockedUntil: blockedUntil === undefined ? undefined : new Date(blockedUntil),
      lostLedger: lost,
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
      hint: 'Use the stream for live data; REST answers are cached between calls. Try again after retryAt.',
      action: 'wait',
    });
  }

  #lostRefusal(endpoint: string, lost: LostLedger, until: number): CarDataQuotaError {
    const when = new Date(until);
    return new CarDataQuotaError(
      `The CarData quota ledger was lost (the state file could not be read and is kept as ${lost.keptAs}), so the ` +
        `calls already spent are unknown and the budget counts as used up; the call to ${endpoint} was not sent. ` +
        `The next call is free at ${when.toISOString()}.`,
      {
        retryAt: when,
        hint: 'Use the stream for live data meanwhile. A 429 from BMW with its Retry-After replaces this estimate.',
        action: 'wait',
      },
    );
  }
}
