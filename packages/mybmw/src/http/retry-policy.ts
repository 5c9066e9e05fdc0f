/**
 * Waits `milliseconds` (rejecting with the signal's reason when it is aborted); injected in tests so
 * retries and polls run without real waiting.
 */
export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

/** The default number of tries of a read that meets transient faults (the first try included). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** The default base of the backoff between those tries, in ms. */
export const DEFAULT_RETRY_DELAY_MS = 500;
