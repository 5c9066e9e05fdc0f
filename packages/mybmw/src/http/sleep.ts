/** Waits `ms` milliseconds; injected in tests so retries and polls run without real waiting. */
export type Sleep = (ms: number) => Promise<void>;

/** The real clock's sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
