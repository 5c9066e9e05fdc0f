import { BimmerValidationError } from '@bimmer/core';
import type { QuotaWindowKind } from '../quota/quota-window';

/**
 * How a live CarData account may spend REST calls by itself (`budget` option of
 * `openCarDataLiveAccount`). Every field has a default; see {@link resolveRestBudgetSettings}.
 */
export interface RestBudgetOptions {
  /**
   * Automatic REST reads per vehicle per rolling 24 hours, spread evenly (at least `24 h / K`
   * apart). Default 2, which keeps the lock state, services and check-control messages (which the
   * stream never carries) at most 12 hours old. 0 turns automatic reads off: only `refresh()` spends.
   */
  readonly readsPerVehiclePerDay?: number | undefined;
  /**
   * Calls the automatic policy never touches, kept for explicit `refresh()` calls (by the user, a
   * flow, Siri). Default 10 of BMW's 50.
   */
  readonly reserve?: number | undefined;
  /**
   * The stream counts as silent when no message arrived for this long (and nothing newer came by
   * REST); a silent stream makes a REST read due, as the daily limit allows. Default 3 hours.
   */
  readonly streamSilentAfterMs?: number | undefined;
  /**
   * Values measured (or read over REST) less than this long ago are fresh enough: no automatic read
   * is made to replace them, after a restart neither. Default 30 minutes.
   */
  readonly freshEnoughMs?: number | undefined;
  /** BMW's REST calls per window. Default 50. */
  readonly quotaLimit?: number | undefined;
  /** How BMW's window is counted: `rolling` 24 hours (default) or `utc-midnight`. */
  readonly quotaWindow?: QuotaWindowKind | undefined;
  /**
   * How often the policy looks at the clock when no read is planned sooner. Default 60 s. Only tests
   * that move the clock (a simulated week) need a shorter one.
   */
  readonly checkIntervalMs?: number | undefined;
}

/** {@link RestBudgetOptions} with every default filled in. */
export interface RestBudgetSettings {
  readonly readsPerVehiclePerDay: number;
  readonly reserve: number;
  readonly streamSilentAfterMs: number;
  readonly freshEnoughMs: number;
  readonly quotaLimit: number;
  readonly quotaWindow: QuotaWindowKind;
  readonly checkIntervalMs: number;
}

/** The defaults of {@link RestBudgetOptions}. */
export const DEFAULT_REST_BUDGET: RestBudgetSettings = {
  readsPerVehiclePerDay: 2,
  reserve: 10,
  streamSilentAfterMs: 3 * 3_600_000,
  freshEnoughMs: 30 * 60_000,
  quotaLimit: 50,
  quotaWindow: 'rolling',
  checkIntervalMs: 60_000,
};

/**
 * Fills in the defaults and checks the settings before anything runs, so a typo in a config file
 * fails at once with the setting named (`budget.reserve`) instead of silently spending the quota.
 * Counts must be whole numbers of zero or more (the limit at least 1, the reserve at most the
 * limit), durations zero or more milliseconds (the check interval above zero).
 */
export function resolveRestBudgetSettings(options: RestBudgetOptions = {}): RestBudgetSettings {
  const settings: RestBudgetSettings = {
    readsPerVehiclePerDay: options.readsPerVehiclePerDay ?? DEFAULT_REST_BUDGET.readsPerVehiclePerDay,
    reserve: options.reserve ?? DEFAULT_REST_BUDGET.reserve,
    streamSilentAfterMs: options.streamSilentAfterMs ?? DEFAULT_REST_BUDGET.streamSilentAfterMs,
    freshEnoughMs: options.freshEnoughMs ?? DEFAULT_REST_BUDGET.freshEnoughMs,
    quotaLimit: options.quotaLimit ?? DEFAULT_REST_BUDGET.quotaLimit,
    quotaWindow: options.quotaWindow ?? DEFAULT_REST_BUDGET.quotaWindow,
    checkIntervalMs: options.checkIntervalMs ?? DEFAULT_REST_BUDGET.checkIntervalMs,
  };
  const problems: string[] = [];
  const count = (key: keyof RestBudgetSettings, minimum: number) => {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)
      problems.push(`budget.${key}`);
  };
  const duration = (key: keyof RestBudgetSettings, positive: boolean) => {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0))
      problems.push(`budget.${key}`);
  };
  count('readsPerVehiclePerDay', 0);
  count('quotaLimit', 1);
  count('reserve', 0);
  if (!problems.includes('budget.reserve') && settings.reserve > settings.quotaLimit)
    problems.push('budget.reserve');
  duration('streamSilentAfterMs', false);
  duration('freshEnoughMs', false);
  duration('checkIntervalMs', true);
  if (settings.quotaWindow !== 'rolling' && settings.quotaWindow !== 'utc-midnight')
    problems.push('budget.quotaWindow');
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid REST budget settings: ${problems.join(', ')}. Reads, the limit and the reserve are whole ` +
        'numbers (the reserve at most the limit), durations are milliseconds of zero or more, and the ' +
        'window is `rolling` or `utc-midnight`.',
      { paths: problems, action: 'check-input' },
    );
  }
  return settings;
}
