/** Why a stream connection ended, as far as the client can tell. */
export type StreamDropKind =
  /** The broker closed a live connection while its ID token was valid: another client of the account connected. */
  | 'kicked'
  /** The connection was lost (network error, keepalive timeout) or closed for a reason we cannot name. */
  | 'dropped'
  /** The attempt never got connected (refused, unreachable, no token). */
  | 'failed';

/** Tuning of {@link ReconnectBackoff}; every field has a default. */
export interface ReconnectBackoffOptions {
  /** The first wait; each further unhealthy attempt doubles it. Default 1 s. */
  readonly initialBackoffMs?: number | undefined;
  /** The longest wait after a drop or a failed attempt. Default 60 s. */
  readonly maxBackoffMs?: number | undefined;
  /**
   * The longest wait after being kicked by another client of the account. Longer than
   * `maxBackoffMs`, so that a program that keeps the stream is disturbed rarely. Default 30 minutes.
   */
  readonly maxKickBackoffMs?: number | undefined;
  /**
   * A connection counts as healthy, and the wait starts again from `initialBackoffMs`, only once it
   * has lasted this long. A connection kicked within seconds keeps the wait growing, which is what
   * lets two clients of one account settle instead of kicking each other forever. Default 12 s.
   */
  readonly healthyAfterMs?: number | undefined;
  /** Each wait is spread by up to this fraction either way (0.1 = ±10 %). Default 0.1. */
  readonly jitter?: number | undefined;
  /** A random number in [0, 1) (tests inject one); default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** The defaults of {@link ReconnectBackoffOptions}, for documentation and simulations. */
export const RECONNECT_BACKOFF_DEFAULTS = {
  initialBackoffMs: 1000,
  maxBackoffMs: 60_000,
  maxKickBackoffMs: 1_800_000,
  healthyAfterMs: 12_000,
  jitter: 0.1,
} as const;

/**
 * The wait before the next stream connection attempt. The attempt counter grows with every attempt
 * that fails or ends before `healthyAfterMs`, and returns to zero only after a connection lasted
 * that long, so a connection kicked right after connecting backs off exponentially instead of
 * reconnecting at once, forever.
 */
export class ReconnectBackoff {
  readonly #initial: number;
  readonly #max: number;
  readonly #maxKick: number;
  readonly #healthyAfter: number;
  readonly #jitter: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.#initial = Math.max(1, options.initialBackoffMs ?? RECONNECT_BACKOFF_DEFAULTS.initialBackoffMs);
    this.#max = Math.max(this.#initial, options.maxBackoffMs ?? RECONNECT_BACKOFF_DEFAULTS.maxBackoffMs);
    this.#maxKick = Math.max(
      this.#max,
      options.maxKickBackoffMs ?? RECONNECT_BACKOFF_DEFAULTS.maxKickBackoffMs,
    );
    this.#healthyAfter = options.healthyAfterMs ?? RECONNECT_BACKOFF_DEFAULTS.healthyAfterMs;
    this.#jitter = Math.min(1, Math.max(0, options.jitter ?? RECONNECT_BACKOFF_DEFAULTS.jitter));
    this.#random = options.random ?? Math.random;
  }

  /** How long a connection must last to count as healthy. */
  get healthyAfterMs(): number {
    return this.#healthyAfter;
  }

  /** Attempts since the last healthy connection. */
  get attempt(): number {
    return this.#attempt;
  }

  /** A connection lasted `healthyAfterMs`: the next drop starts from the first wait again. */
  healthy(): void {
    this.#attempt = 0;
  }

  /**
   * The wait after a connection ended (or an attempt failed), counting it as one more attempt.
   * `connectedForMs` is how long the connection lasted; a healthy one resets the counter first.
   */
  next(kind: StreamDropKind, connectedForMs?: number): number {
    if (connectedForMs !== undefined && connectedForMs >= this.#healthyAfter) this.#attempt = 0;
    const cap = kind === 'kicked' ? this.#maxKick : this.#max;
    const base = Math.min(cap, this.#initial * 2 ** Math.min(this.#attempt, 40));
    this.#attempt++;
    const spread = 1 + this.#jitter * (2 * this.#random() - 1);
    return Math.max(1, Math.round(Math.min(cap, base * spread)));
  }
}
