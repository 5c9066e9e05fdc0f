/** System error codes that mean the request never left this machine: nobody can have received it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The system error code of a failed fetch, if any: undici puts it on the error's `cause`, and ky may
 * wrap that error once more, so the cause chain is followed a few steps.
 */
function systemCode(error: unknown): string | undefined {
  let candidate: unknown = error;
  for (let depth = 0; depth < 4 && typeof candidate === 'object' && candidate !== null; depth++) {
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    candidate = (candidate as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A secret-free description of a failed fetch or body read: the error's message and, when known, its
 * system code. Never the error itself: ky's errors hold the Request, whose headers carry the token.
 */
export function describeNetworkError(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown network error';
  if (cause.name === 'TimeoutError') return 'the request timed out';
  const code = systemCode(cause);
  return code === undefined || cause.message.includes(code) ? cause.message : `${cause.message} (${code})`;
}

/**
 * Whether a request that failed with `cause` may have reached the server. Only a connection that was
 * never made (refused, unknown host, unreachable network) proves that it did not; a timeout or a
 * connection closed mid-way leaves it open.
 */
export function networkFailureWasSent(cause: unknown): boolean {
  const code = systemCode(cause);
  return code === undefined || !NOT_SENT_CODES.has(code);
}
