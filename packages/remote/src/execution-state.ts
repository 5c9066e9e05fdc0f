import { ExecutionState, parseEnum } from '@bimmer/core';

export { ExecutionState };

/**
 * The state of an `eventStatus` response's `eventStatus` field, case-insensitively; a missing, empty or
 * unknown value is UNKNOWN (which keeps the poll going).
 */
export function parseExecutionState(value: unknown): ExecutionState {
  if (typeof value !== 'string' || value.trim() === '') return ExecutionState.UNKNOWN;
  return parseEnum(ExecutionState, value.trim());
}

/**
 * Whether polling stops at `state`. Only EXECUTED, ERROR and IGNORED are final: the reference also
 * stops at INITIATED, which would report a command as done before the vehicle got it.
 */
export function isFinalState(state: ExecutionState): boolean {
  return (
    state === ExecutionState.EXECUTED || state === ExecutionState.ERROR || state === ExecutionState.IGNORED
  );
}
