/**
 * The wait before try `attempt + 1` after `attempt` tries failed with a transient fault: `baseMs ×
 * 2^(attempt − 1)`, of which a random half is dropped ("equal jitter"), so that many clients that
 * failed together do not retry together. The one backoff of every bimmer retry (logins and API reads).
 *
 * @param random `Math.random` outside tests.
 */
export function backoffDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
