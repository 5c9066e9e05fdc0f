import type { NodeStatus } from '../node-red/node-red-api';
import type { AccountView } from '../runtime/shared-account';

/** `18:02`, the local time of day a person reads on the canvas. */
function timeOfDay(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * The budget as the canvas shows it: calls left of the limit, `q 37/50`, and when the account plans
 * its next automatic REST read, `q 37/50 → 18:00` (only while that time is ahead).
 */
export function budgetText(view: Pick<AccountView, 'budget'>, now: number = Date.now()): string | undefined {
  const budget = view.budget;
  if (budget === undefined) return undefined;
  const text = `q ${budget.left}/${budget.limit}`;
  const next = budget.nextRestReadAt;
  return next !== undefined && next.getTime() > now ? `${text} → ${timeOfDay(next)}` : text;
}

function withDetails(text: string, view: AccountView, now: number): string {
  const parts = [text];
  if (view.lastUpdate !== undefined) parts.push(timeOfDay(view.lastUpdate));
  const budget = budgetText(view, now);
  if (budget !== undefined) parts.push(budget);
  return parts.join(' · ');
}

/**
 * The status every node shows under itself: the connection (connected, reconnecting, kicked, login
 * needed, quota exhausted, blocked by BMW, ...), the time of the last update, the REST budget left and the time of
 * the next automatic REST read, e.g. `connected · 18:02 · q 37/50 → 06:00`.
 */
export function statusOf(view: AccountView, now: number = Date.now()): NodeStatus {
  switch (view.phase) {
    case 'opening':
      return { fill: 'yellow', shape: 'ring', text: 'starting' };
    case 'login-needed':
      return { fill: 'red', shape: 'ring', text: 'login needed' };
    case 'failed':
      return { fill: 'red', shape: 'ring', text: shortError(view.error) };
    case 'stopped':
      return { fill: 'grey', shape: 'ring', text: 'stopped' };
    case 'open':
      break;
  }
  const budget = view.budget;
  if (budget !== undefined) {
    const blocked = budget.blockedUntil !== undefined && budget.blockedUntil.getTime() > now;
    if (blocked || budget.left <= 0) {
      const until = budget.blockedUntil ?? budget.nextFreeAt;
      return {
        fill: 'grey',
        shape: 'ring',
        text: withDetails(`quota exhausted until ${timeOfDay(until)}`, view, now),
      };
    }
  }
  const connection = view.connection;
  switch (connection?.state) {
    case 'connected':
      return { fill: 'green', shape: 'dot', text: withDetails('connected', view, now) };
    case 'kicked':
      return { fill: 'yellow', shape: 'ring', text: withDetails('kicked', view, now) };
    case 'reconnecting':
      return { fill: 'yellow', shape: 'ring', text: withDetails('reconnecting', view, now) };
    case 'failed':
      if (connection.code === 'auth' || connection.code === 'captcha-required')
        return { fill: 'red', shape: 'ring', text: 'login needed' };
      // BMW refuses the client (MyBMW, HTTP 489): polling stopped; BMW CarData is the way on.
      if (connection.code === 'blocked')
        return { fill: 'red', shape: 'ring', text: withDetails(BLOCKED_TEXT, view, now) };
      return {
        fill: 'red',
        shape: 'ring',
        text: withDetails(`failed: ${connection.code ?? 'error'}`, view, now),
      };
    case 'stopped':
      return { fill: 'grey', shape: 'ring', text: 'stopped' };
    default:
      return { fill: 'yellow', shape: 'ring', text: withDetails('connecting', view, now) };
  }
}

/** What a node shows when BMW blocks the client: the state, and the way on in as few words. */
export const BLOCKED_TEXT = 'failed: blocked by BMW, use CarData';

function shortError(error: Error | undefined): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'unsupported') return 'not supported';
  if (code === 'validation') return 'check settings';
  return typeof code === 'string' ? `error: ${code}` : 'error';
}
