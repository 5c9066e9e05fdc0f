import { type BimmerError, BimmerRemoteServiceError, ExecutionState, isBimmerError } from '@bimmer/core';

/**
 * The error of a command (a request that must not be sent twice) whose answer was lost or refused
 * after BMW may already have acted on it: a dropped connection, a timeout, a 5xx, a body cut off, or a
 * 401 (the token is renewed for the next command, but this one is not resent). It says so, so that
 * nobody reports a failure for something that may have happened, nor resends an unlock blindly.
 *
 * @param what the request, e.g. `POST /eadrax-vrccs/v4/presentation/remote-commands/door-lock`.
 * @param reason what went wrong, one clause, e.g. `the connection broke before BMW answered`.
 */
export function unknownOutcomeError(what: string, reason: string, cause: unknown): BimmerRemoteServiceError {
  return new BimmerRemoteServiceError(
    `MyBMW did not confirm ${what}: ${reason}. It was not sent again, so whether BMW received and executed it is unknown.`,
    {
      state: ExecutionState.UNKNOWN,
      cause,
      hint: "Check the vehicle's state before sending the command again.",
    },
  );
}

/** True for an error of {@link unknownOutcomeError}: the command may or may not have been executed. */
export function isUnknownOutcome(error: unknown): error is BimmerError & { readonly state: string } {
  return (
    isBimmerError(error, 'remote-service') &&
    (error as { readonly state?: unknown }).state === ExecutionState.UNKNOWN
  );
}
