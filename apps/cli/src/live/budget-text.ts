import type { LiveBudget } from '@bimmer/core';
import { formatTime } from '../render/format';

/**
 * The REST budget of a live account in one line, as a person running `stream` wants it at the start
 * and after every call spent: `REST budget: 37 of 50 calls left (10 kept for your own reads); next
 * automatic read at 2026-12-07 18:00 UTC.` (`now`: epoch ms).
 */
export function budgetText(budget: LiveBudget, now: number): string {
  const reserved = Math.min(budget.left, budget.reserve);
  const kept = reserved > 0 ? ` (${reserved} kept for your own reads)` : '';
  const next = budget.nextRestReadAt;
  const plan =
    next === undefined
      ? 'no automatic read planned'
      : next.getTime() <= now
        ? 'next automatic read now'
        : `next automatic read at ${formatTime(next)}`;
  const blocked =
    budget.blockedUntil !== undefined && budget.blockedUntil.getTime() > now
      ? `; BMW reported the quota used up until ${formatTime(budget.blockedUntil)}`
      : budget.left === 0
        ? `; the next call is free at ${formatTime(budget.nextFreeAt)}`
        : '';
  return `REST budget: ${budget.left} of ${budget.limit} calls left${kept}; ${plan}${blocked}.`;
}
