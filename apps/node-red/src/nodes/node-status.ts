import type { NodeStatus } from '../node-red/node-red-api';
import type { AccountView } from '../runtime/shared-account';

/** `18:02`, the local time of day a person reads on the canvas. */
function timeOfDay(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** The budget as the canvas shows it: calls left of the limit, `q 37/50`. */
export function budgetText(view: Pick<AccountView, 'budget'>): string | undefined {
  const budget = view.budget;
  return budget === undefined ? undefined : `q ${budget.left}/${budget.limit}`;
}

function withDetails(text: string, view: AccountView): string {
  const parts = [text];
  if (view.lastUpdate !== undefined) parts.push(timeOfDay(view.lastUpdate));
  const budget = budgetText(view);
  if (budget !== undefined) parts.push(budget);
  return parts.join(' · ');
}

/**
 * The status every node shows under itself: the connection (connected, reconnecting, kicked, login
 * needed, quota exhausted, ...), the time of the last update and the REST budget left.
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
        text: withDetails(`quota exhausted until ${timeOfDay(until)}`, view),
      };
    }
  }
  const connection = view.connection;
  switch (connection?.state) {
    case 'connected':
      return { fill: 'green', shape: 'dot', text: withDetails('connected', view) };
    case 'kicked':
      return { fill: 'yellow', shape: 'ring', text: withDetails('kicked', view) };
    case 'reconnecting':
      return { fill: 'yellow', shape: 'ring', text: withDetails('reconnecting', view) };
    case 'failed':
      return connection.code === 'auth' || connection.code === 'captcha-required'
        ? { fill: 'red', shape: 'ring', text: 'login needed' }
        : { fill: 'red', shape: 'ring', text: withDetails(connection.code ?? 'failed', view) };
    case 'stopped':
      return { fill: 'grey', shape: 'ring', text: 'stopped' };
    default:
      return { fill: 'yellow', shape: 'ring', text: withDetails('connecting', view) };
  }
}

function shortError(error: Error | undefined): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'unsupported') return 'not supported';
  if (code === 'validation') return 'check settings';
  return typeof code === 'string' ? `error: ${code}` : 'error';
}
