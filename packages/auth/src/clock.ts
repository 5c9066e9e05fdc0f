import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the authenticator sees it; tests inject one to expire tokens and skip waits. */
export interface AuthClock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Resolves after `milliseconds`. */
  sleep(milliseconds: number): Promise<void>;
}

/** The real clock: `Date.now()` and the timer promise of `node:timers/promises`. */
export const systemClock: AuthClock = {
  now: () => Date.now(),
  sleep: async (milliseconds) => {
    await sleep(milliseconds);
  },
};
