/** Inputs of {@link rotationAt}; times in epoch ms. */
export interface RotationInput {
  /** When the ID token of the live connection expires. */
  readonly expiresAt: number;
  /** When the stream got that token from its token source. */
  readonly obtainedAt: number;
  /** When the stream last asked for a new ID token (a forced refresh or a rotation). */
  readonly lastTokenRequestAt: number | undefined;
  /** The wanted margin before expiry (`reconnectBeforeExpiryMs`). */
  readonly reconnectBeforeExpiryMs: number;
  /** The lower bound between two token requests of the stream (`minTokenRotationMs`). */
  readonly minTokenRotationMs: number;
}

/**
 * When to reconnect with a fresh ID token: `reconnectBeforeExpiryMs` ahead of expiry, but never
 * more than half the token's remaining life at connect (a token of 60 s would otherwise be renewed
 * at once, again and again), and never sooner than `minTokenRotationMs` after the previous token
 * request. When that lower bound lies past the expiry, the broker closes the connection at expiry
 * and the reconnect waits for the bound: the token requests of one stream stay bounded whatever
 * lifetime BMW hands out.
 */
export function rotationAt(input: RotationInput): number {
  const life = Math.max(0, input.expiresAt - input.obtainedAt);
  const lead = Math.min(input.reconnectBeforeExpiryMs, life / 2);
  return Math.max(
    input.expiresAt - lead,
    (input.lastTokenRequestAt ?? Number.NEGATIVE_INFINITY) + input.minTokenRotationMs,
  );
}

/** The earliest time the stream may ask for another ID token, given its last request. */
export function nextTokenRequestAt(
  lastTokenRequestAt: number | undefined,
  minTokenRotationMs: number,
): number {
  return lastTokenRequestAt === undefined
    ? Number.NEGATIVE_INFINITY
    : lastTokenRequestAt + minTokenRotationMs;
}
