import type { Logging } from 'homebridge';
import { redactLogText } from './redact';
import { WarningLimiter } from './warning-limiter';

/**
 * The plugin's only way to write to Homebridge's log. Every line is redacted (no token, full VIN or
 * position, debug included) and never throws; warnings carry a cause and are rate-limited per cause
 * (one an hour by default), and a recovery is told once at info level.
 */
export class PluginLog {
  readonly #log: Pick<Logging, 'info' | 'warn' | 'error' | 'debug'>;
  readonly #limiter: WarningLimiter;
  readonly #failing = new Set<string>();

  constructor(
    log: Pick<Logging, 'info' | 'warn' | 'error' | 'debug'>,
    limiter: WarningLimiter = new WarningLimiter(),
  ) {
    this.#log = log;
    this.#limiter = limiter;
  }

  /** Routine information: state changes, progress of a command. */
  info(message: string): void {
    this.#write('info', message);
  }

  /** Details for troubleshooting (shown with Homebridge's debug mode). */
  debug(message: string): void {
    this.#write('debug', message);
  }

  /** A problem that needs the user (bad configuration, a login to redo). */
  error(message: string): void {
    this.#write('error', message);
  }

  /**
   * A warning of a cause that may repeat: shown at most once per interval for the same cause. The
   * repeats go to debug, so nothing is lost for someone troubleshooting.
   */
  warn(cause: string, message: string): void {
    this.#failing.add(cause);
    if (this.#limiter.allow(cause)) this.#write('warn', message);
    else this.#write('debug', `(repeated) ${message}`);
  }

  /** The cause is gone: tells so once (info) when it had warned, and re-arms its warning. */
  recovered(cause: string, message: string): void {
    if (!this.#failing.delete(cause)) return;
    this.#limiter.reset(cause);
    this.#write('info', message);
  }

  #write(level: 'info' | 'warn' | 'error' | 'debug', message: string): void {
    try {
      this.#log[level](redactLogText(message));
    } catch {
      // A broken logger must not take the plugin (or Homebridge) down.
    }
  }
}
