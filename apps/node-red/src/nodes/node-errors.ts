import { type BimmerErrorCode, isBimmerError } from '@bimmer/core';

const CODES: ReadonlySet<string> = new Set<BimmerErrorCode>([
  'auth',
  'captcha-required',
  'quota',
  'blocked',
  'api',
  'not-found',
  'remote-service',
  'unsupported',
  'validation',
]);

/** The typed code of anything thrown: a bimmer error's, a node error's (already converted), else `api`. */
function codeOf(error: unknown): string {
  if (isBimmerError(error)) return error.code;
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && CODES.has(code) ? code : 'api';
}

/** An error as the nodes hand it to `done(err)` / `node.error`: message, typed `code`, hint and action. */
export interface NodeError extends Error {
  /** The stable code of bimmer's typed errors (`quota`, `auth`, `unsupported`, ...); `api` for anything else. */
  readonly code: string;
  readonly hint?: string | undefined;
  readonly action?: string | undefined;
  /** For `quota`: when the next REST call is free (ISO-8601), so a flow can wait for it. */
  readonly retryAt?: string | undefined;
}

/**
 * Turns anything thrown into the error the nodes report. Node-RED copies an error's own `code` into
 * `msg.error.code` for Catch nodes, so flows can switch on it. The cause is dropped (it could hold
 * a response body); the hint is appended to the message, because the debug sidebar shows only that.
 */
export function nodeErrorOf(error: unknown): NodeError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = isBimmerError(error) ? error.hint : undefined;
  const result = new Error(hint === undefined ? message : `${message} ${hint}`) as Error & {
    code: string;
    hint?: string | undefined;
    action?: string | undefined;
    retryAt?: string | undefined;
  };
  result.name = error instanceof Error ? error.name : 'Error';
  result.code = codeOf(error);
  const source = error as { hint?: unknown; action?: unknown } | null | undefined;
  const keptHint = hint ?? (typeof source?.hint === 'string' ? source.hint : undefined);
  if (keptHint !== undefined) result.hint = keptHint;
  const action = isBimmerError(error) ? error.action : source?.action;
  if (typeof action === 'string') result.action = action;
  const retryAt = (error as { retryAt?: unknown } | null | undefined)?.retryAt;
  if (retryAt instanceof Date && Number.isFinite(retryAt.getTime())) result.retryAt = retryAt.toISOString();
  else if (typeof retryAt === 'string') result.retryAt = retryAt;
  return result;
}
