/**
 * Where the authenticator reports what it does. It never receives a password, token or captcha token;
 * messages are safe to show.
 */
export interface AuthLogger {
  /** Progress: which flow runs, refreshes, retries. */
  debug(message: string): void;
  /** Something went wrong but was handled, e.g. an unreadable token store. */
  warn(message: string): void;
}

/** The logger used when none is given: it drops everything. */
export const silentLogger: AuthLogger = { debug: () => undefined, warn: () => undefined };
