import type { LiveBudget, LiveConnection } from '@bimmer/core';
import { formatInstant } from '@bimmer/core/internal';

/** The budget as the hub publishes it (`<prefix>/budget`, `/health`, refresh answers). */
export interface BudgetJSON {
  readonly used: number;
  readonly left: number;
  readonly limit: number;
  readonly reserve: number;
  readonly nextFreeAt: string;
  readonly nextRestReadAt?: string;
  readonly blockedUntil?: string;
  /** The budget in one sentence (CarData's policy says it: "Next automatic REST read at …"). */
  readonly summary?: string;
}

/** The connection as the hub publishes it (`<prefix>/connection`, `/health`). */
export interface ConnectionJSON {
  readonly state: LiveConnection['state'];
  readonly reason?: string;
  readonly since: string;
  readonly retryAt?: string;
  readonly code?: string;
}

/** A budget in its published form: instants as ISO text, the summary when the account writes one. */
export function budgetJSON(budget: LiveBudget): BudgetJSON {
  return {
    used: budget.used,
    left: budget.left,
    limit: budget.limit,
    reserve: budget.reserve,
    nextFreeAt: formatInstant(budget.nextFreeAt),
    ...(budget.nextRestReadAt === undefined ? {} : { nextRestReadAt: formatInstant(budget.nextRestReadAt) }),
    ...(budget.blockedUntil === undefined ? {} : { blockedUntil: formatInstant(budget.blockedUntil) }),
    ...(budget.summary === undefined ? {} : { summary: budget.summary }),
  };
}

/** A connection in its published form. */
export function connectionJSON(connection: LiveConnection): ConnectionJSON {
  return {
    state: connection.state,
    ...(connection.reason === undefined ? {} : { reason: connection.reason }),
    since: formatInstant(connection.since),
    ...(connection.retryAt === undefined ? {} : { retryAt: formatInstant(connection.retryAt) }),
    ...(connection.code === undefined ? {} : { code: connection.code }),
  };
}
