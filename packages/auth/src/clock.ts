import { sleep } from './time/sleep';

/** Time as the authenticator sees it; tests inject one to expire tokens and skip waits. */
export interface AuthClock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Resolves after `milliseconds`. */
  sleep(milliseconds: number): Promise<void>;
}

/** The real clock: `Date.now()` and our one abortable wait. */
export const systemClock: AuthClock = {
  now: () => Date.now(),
  sleep: (milliseconds) => sleep(milliseconds),
};
