import { isBimmerError } from '@bimmer/core';

/** An error as the nodes hand it to `done(err)` / `node.error`: message, typed `code`, hint and action. */
export interface NodeError extends Error {
  /** The stable code of bimmer's typed errors (`quota`, `auth`, `unsupported`, ...); `api` for anything else. */
  readonly code: string;
  readonly hint?: string | undefined;
  readonly action?: string | undefined;
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
  };
  result.name = error instanceof Error ? error.name : 'Error';
  result.code = isBimmerError(error) ? error.code : 'api';
  if (hint !== undefined) result.hint = hint;
  if (isBimmerError(error) && error.action !== undefined) result.action = error.action;
  return result;
}
