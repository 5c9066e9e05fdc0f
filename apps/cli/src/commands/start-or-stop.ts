import { noExtraArguments, parseChoice } from '../util/parse-args';

const START_STOP = ['start', 'stop'] as const;

/** The `<start|stop>` positional of `climate` and `charge`, or a usage error. */
export function parseStartOrStop(rest: readonly string[]): 'start' | 'stop' {
  const [action = '', ...extra] = rest;
  noExtraArguments(extra);
  return parseChoice('action', action, START_STOP);
}
